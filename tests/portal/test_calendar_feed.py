"""The work calendar as an iCalendar feed (RFC 5545) a phone calendar subscribes to."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from lib import ical
from portal.models import Event

FEED = "/lich-cong-tac/lich.ics"


def unfold(body: str) -> list[str]:
    """Content lines as a calendar app reads them: CRLF ends, continuation lines joined."""
    assert "\n" not in body.replace("\r\n", ""), "a bare LF or CR inside the feed"
    lines: list[str] = []
    for raw in body.split("\r\n")[:-1]:
        if raw.startswith(" "):
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    return lines


def vevents(body: str) -> list[dict[str, str]]:
    events, current = [], None
    for line in unfold(body):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return events


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(char)
    return "".join(out)


@pytest.fixture
def events(personas):
    soon = timezone.now().replace(microsecond=0) + timedelta(days=3)
    public = Event.objects.create(
        title="Họp phụ huynh; lớp 5A, 5B\nmang theo sổ liên lạc",
        starts_at=soon,
        ends_at=soon + timedelta(hours=2),
        location="Phòng họp số 1, tầng 2",
        host="Cô Nguyễn Thị Hoà",
        participants="Phụ huynh khối 5",
    )
    internal = Event.objects.create(
        title="Họp hội đồng kỷ luật", starts_at=soon + timedelta(days=1), staff_only=True
    )
    return public, internal


def test_feed_is_a_well_formed_calendar(events, client):
    response = client.get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.endswith("\r\n")
    lines = unfold(body)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1
    (event,) = vevents(body)
    public, _internal = events
    assert event["UID"] == f"event-{public.pk}@127.0.0.1"
    assert event["DTSTART"] == public.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert event["DTEND"] == public.ends_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    stamp = datetime.strptime(event["DTSTAMP"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert abs(stamp - timezone.now()) < timedelta(minutes=1)
    assert event["URL"].startswith("http://127.0.0.1:8000/lich-cong-tac/?tuan=")


def test_commas_semicolons_newlines_and_vietnamese_survive_a_round_trip(events, client):
    (event,) = vevents(client.get(FEED).content.decode("utf-8"))
    assert event["SUMMARY"] == "Họp phụ huynh\\; lớp 5A\\, 5B\\nmang theo sổ liên lạc"
    assert unescape(event["SUMMARY"]) == "Họp phụ huynh; lớp 5A, 5B\nmang theo sổ liên lạc"
    assert unescape(event["LOCATION"]) == "Phòng họp số 1, tầng 2"
    assert unescape(event["DESCRIPTION"]) == (
        "Chủ trì: Cô Nguyễn Thị Hoà\nThành phần: Phụ huynh khối 5"
    )


def test_no_line_is_longer_than_75_octets_and_no_character_is_split(personas, client):
    Event.objects.create(
        title="Tập huấn chuyển đổi số " * 12, starts_at=timezone.now() + timedelta(days=1)
    )
    raw = client.get(FEED).content
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # each physical line is valid UTF-8 on its own
    (event,) = vevents(raw.decode("utf-8"))
    assert event["SUMMARY"] == "Tập huấn chuyển đổi số " * 12


def test_fold_counts_octets_not_characters():
    folded = ical.fold("SUMMARY:" + "ệ" * 40)  # 8 + 120 octets
    pieces = folded.split("\r\n")[:-1]
    assert [len(p.encode()) for p in pieces] == [74, 55]
    assert pieces[1].startswith(" ")


def test_feed_shows_only_what_a_visitor_may_see_whoever_asks(events, client_for):
    for name in ("anonymous", "pupil_an", "parent_an", "teacher_5a", "admin"):
        body = client_for(name).get(FEED).content.decode("utf-8")
        assert "kỷ luật" not in body, name
        assert "Họp phụ huynh" in body, name


def test_feed_leaves_out_the_distant_past(personas, client):
    Event.objects.create(
        title="Khai giảng năm trước", starts_at=timezone.now() - timedelta(days=365)
    )
    assert "Khai giảng năm trước" not in client.get(FEED).content.decode("utf-8")


def test_calendar_page_links_to_the_feed(events, client):
    html = client.get("/lich-cong-tac/").content.decode()
    assert f'href="{FEED}"' in html and "Thêm vào lịch của bạn" in html


def test_feed_query_count_does_not_grow_with_events(personas, client_for, count_queries):
    client = client_for("anonymous")
    start = timezone.now() + timedelta(days=1)

    def measure(n):
        Event.objects.bulk_create(
            [Event(title=f"Việc {i}", starts_at=start + timedelta(hours=i)) for i in range(n)]
        )
        with count_queries() as q:
            body = client.get(FEED).content.decode("utf-8")
        return q, body.count("BEGIN:VEVENT")

    (small, n_small), (large, n_large) = measure(5), measure(50)
    assert (n_small, n_large) == (5, 55)
    # the window of events (a visitor has no session or user to load)
    assert small.count == large.count == 1, large.explain()
