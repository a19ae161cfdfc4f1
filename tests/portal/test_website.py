"""Standing pages, the work calendar and visit statistics."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from portal import visits
from portal.models import Event, Page, VisitDay, WebsiteLink

BROWSER_UA = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130 Mobile Safari/537.36"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def monday_of_this_week():
    now = timezone.localtime()
    return (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)


@pytest.fixture
def week(personas):
    monday = monday_of_this_week()
    public = Event.objects.create(
        title="Chào cờ đầu tuần", starts_at=monday + timedelta(hours=7), location="Sân trường"
    )
    internal = Event.objects.create(
        title="Họp hội đồng sư phạm",
        starts_at=monday + timedelta(days=2, hours=14),
        staff_only=True,
    )
    return public, internal


def test_visitors_see_public_calendar_lines_only(week, client_for):
    html = client_for("anonymous").get("/lich-cong-tac/").content.decode()
    assert "Chào cờ đầu tuần" in html and "Họp hội đồng sư phạm" not in html
    assert (
        "Họp hội đồng sư phạm"
        not in client_for("parent_an").get("/lich-cong-tac/").content.decode()
    )
    assert (
        "Họp hội đồng sư phạm" in client_for("teacher_5a").get("/lich-cong-tac/").content.decode()
    )


def test_calendar_days_are_written_the_vietnamese_way(week, client):
    html = client.get("/lich-cong-tac/").content.decode()
    monday = monday_of_this_week()
    assert f"Thứ hai, {monday:%d/%m/%Y}" in html


def test_calendar_navigates_weeks_and_survives_bad_input(week, client):
    next_week = (monday_of_this_week() + timedelta(days=7)).date()
    html = client.get(f"/lich-cong-tac/?tuan={next_week:%Y-%m-%d}").content.decode()
    assert "Chào cờ đầu tuần" not in html
    for bad in ("abc", "31/02/2026", "9999-01-01", "<script>"):
        assert client.get("/lich-cong-tac/", {"tuan": bad}).status_code == 200


def test_editor_adds_a_calendar_line(personas, client_for):
    response = client_for("editor").post(
        "/lich-cong-tac/them/",
        {
            "title": "Kiểm tra cuối kỳ I",
            "starts_at": "14/12/2026 07:30",
            "ends_at": "14/12/2026 10:00",
            "location": "Các lớp",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get(title="Kiểm tra cuối kỳ I")
    assert timezone.localtime(event.starts_at).strftime("%d/%m/%Y %H:%M") == "14/12/2026 07:30"
    assert event.created_by == personas.editor


def test_end_before_start_is_refused_in_vietnamese_and_keeps_the_text(personas, client_for):
    response = client_for("editor").post(
        "/lich-cong-tac/them/",
        {"title": "Họp phụ huynh", "starts_at": "14/12/2026 10:00", "ends_at": "14/12/2026 08:00"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thời điểm kết thúc phải sau thời điểm bắt đầu." in html
    assert 'value="Họp phụ huynh"' in html
    assert not Event.objects.exists()


def test_only_editors_change_the_calendar(week, client_for):
    public, _internal = week
    for name in ("teacher_5a", "parent_an", "pupil_an", "collaborator"):
        assert client_for(name).post(f"/lich-cong-tac/{public.pk}/xoa/").status_code == 404
    assert Event.objects.filter(pk=public.pk).exists()
    assert client_for("editor").post(f"/lich-cong-tac/{public.pk}/xoa/").status_code == 302
    assert not Event.objects.filter(pk=public.pk).exists()


def test_calendar_query_count_does_not_grow_with_events(personas, client_for, count_queries):
    client = client_for("teacher_5a")
    monday = monday_of_this_week()

    def measure(n):
        Event.objects.bulk_create(
            [
                Event(title=f"Việc {i}", starts_at=monday + timedelta(hours=i % 100))
                for i in range(n)
            ]
        )
        client.get("/lich-cong-tac/")  # the navigation badges into the cache
        with count_queries() as q:
            assert client.get("/lich-cong-tac/").status_code == 200
        return q

    small, large = measure(5), measure(50)
    # session, user, the week's events
    assert small.count == large.count, large.explain()


def test_published_pages_are_public_and_unpublished_ones_404(db, client):
    Page.objects.create(
        title="Giới thiệu", slug="gioi-thieu", body="<p>Trường thành lập năm 1995.</p>"
    )
    Page.objects.create(title="Nháp", slug="nhap", body="<p>x</p>", is_published=False)
    assert "Trường thành lập năm 1995." in client.get("/trang/gioi-thieu/").content.decode()
    assert client.get("/trang/nhap/").status_code == 404


def test_page_body_is_sanitised_when_saved_in_the_admin(personas, client_for):
    client_for("admin").post(
        "/quan-tri/portal/page/add/",
        {
            "title": "Quy chế",
            "slug": "quy-che",
            "body": '<p onclick="x()">Điều 1</p><script>alert(1)</script>',
            "is_published": "on",
        },
    )
    body = Page.objects.get(slug="quy-che").body
    assert "onclick" not in body and "<script" not in body and "Điều 1" in body


def test_a_visit_is_counted_once_per_day_and_not_for_bots(db, client):
    client.get("/", headers={"User-Agent": BROWSER_UA})
    client.get("/lich-cong-tac/", headers={"User-Agent": BROWSER_UA})
    client.get("/", headers={"User-Agent": "Googlebot/2.1"})
    assert visits.statistics()["today"] == 1
    # Nothing was written to the database by the page views themselves.
    assert not VisitDay.objects.exists()
    visits.flush_pending(force=True)
    assert VisitDay.objects.get(day=timezone.localdate()).visits == 1
    assert visits.statistics()["today"] == 1


def test_statistics_add_up_today_month_and_total(db):
    today = timezone.localdate()
    VisitDay.objects.create(day=today.replace(day=1) - timedelta(days=1), visits=100)
    VisitDay.objects.create(day=today, visits=5)
    stats = visits.statistics()
    assert (stats["today"], stats["total"]) == (5, 105)
    assert stats["month"] == (5 if today.day > 0 else 0)


def test_footer_fragment_shows_links_and_statistics(db, client):
    WebsiteLink.objects.create(title="Bộ Giáo dục và Đào tạo", url="https://moet.gov.vn/")
    html = client.get("/chan-trang/", headers={"HX-Request": "true"}).content.decode()
    assert "Bộ Giáo dục và Đào tạo" in html and "Tổng lượt truy cập" in html


def test_no_ip_address_is_stored(db, client):
    client.get("/", headers={"User-Agent": BROWSER_UA}, REMOTE_ADDR="203.0.113.9")
    visits.flush_pending(force=True)
    stored = [str(v) for row in VisitDay.objects.values_list() for v in row]
    assert not any("203.0.113.9" in value for value in stored)


def test_online_now_counts_each_visitor_once(db):
    for visitor in ("a", "b", "a", "c", "b"):
        visits.mark_online(visitor)
    assert visits.online_now() == 3


def test_a_flush_adds_to_the_days_row_already_written(db):
    today = timezone.localdate()
    VisitDay.objects.create(day=today, visits=4)
    visits.record_visit(today, count=3)
    assert visits.flush_pending(force=True) == 3
    assert VisitDay.objects.get(day=today).visits == 7
