"""The weekly safety report: counts per category and decisions, names only for staff."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum import services
from forum.models import SafetySignal
from forum.selectors import week_start

from .test_queries import count_page

pytestmark = pytest.mark.django_db

URL = "/dien-dan/bao-cao-an-toan/"


def fill_signals(personas, count: int, *, weeks_ago: int = 0) -> None:
    """`count` signals of every kind, in the week `weeks_ago` weeks back (fast)."""
    moment = timezone.now() - timedelta(weeks=weeks_ago)
    kinds = [
        ("profanity", "censor"), ("insult", "hold"), ("self_harm,personal_details", "urgent"),
        ("personal_details", "hold"),
    ]  # fmt: skip
    SafetySignal.objects.bulk_create(
        SafetySignal(
            author=personas.pupil_an if n % 2 else personas.pupil_binh,
            source="post",
            categories=kinds[n % 4][0],
            verdict=kinds[n % 4][1],
            words="x",
            text=f"Lời viết số {n}",
            created_at=moment,
        )
        for n in range(count)
    )


@pytest.mark.parametrize("persona", ["collaborator", "admin"])
def test_staff_see_this_weeks_counts_and_names(personas, forum, client_for, persona):
    services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="em muốn chết")  # fmt: skip
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="gọi tớ 0987654321 nhé")  # fmt: skip
    services.decide_post(post=post, moderator=personas.teacher_5a, decision="approve")
    services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="vcl thật")  # fmt: skip
    html = client_for(persona).get(URL).content.decode()
    weeks = html.split('data-testid="safety-weeks"')[1].split("</table>")[0]
    this_week = weeks.split("<tbody>")[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in this_week.split("<td>")[1:]]
    # profanity, insult, self-harm, violence, grooming, personal details, alerts, cases,
    # approved, rejected or hidden, waiting
    assert cells[:6] == ["1", "0", "1", "0", "0", "1"]
    assert cells[6] == '<strong class="text-danger">1</strong>'
    assert cells[7:] == ["1", "1", "0", "1"]
    events = html.split('data-testid="safety-events"')[1]
    assert "Nguyễn Văn An" in events and "em muốn chết" in events and "Khẩn" in events


@pytest.mark.parametrize(
    "persona", ["pupil_an", "parent_an", "teacher_5a", "other_teacher", "editor"]
)
def test_nobody_else_sees_the_report(personas, client_for, persona):
    assert client_for(persona).get(URL).status_code == 404


def test_an_earlier_week_is_chosen_by_a_day_in_it(personas, client_for):
    fill_signals(personas, 3, weeks_ago=2)
    day = timezone.localdate() - timedelta(weeks=2)
    html = client_for("collaborator").get(URL, {"week": day.isoformat()}).content.decode()
    assert "Lời viết số 0" in html
    assert f"tuần bắt đầu {week_start(day):%d/%m/%Y}" in html
    assert "Lời viết số 0" not in client_for("collaborator").get(URL).content.decode()


@pytest.mark.parametrize("bad", ["hôm qua", "31/02/2026", "9999-12-31", "0001-01-01"])
def test_a_bad_week_gets_a_message_and_this_week(personas, client_for, bad):
    response = client_for("collaborator").get(URL, {"week": bad})
    assert response.status_code == 200
    html = response.content.decode()
    assert "invalid-feedback" in html  # the reason, beside the field
    assert f"tuần bắt đầu {week_start(timezone.localdate()):%d/%m/%Y}" in html


@pytest.mark.parametrize("size", [8, 80])
def test_report_queries(personas, client_for, count_queries, size):
    fill_signals(personas, size)
    fill_signals(personas, size, weeks_ago=3)
    count, explain = count_page(client_for("collaborator"), URL, count_queries)
    # 3 common (session, user, notifications badge; the session is not written back)
    # + user and group permissions (can_moderate), signals per week and kind,
    # cases per week, the week's signal count (paginator), the week's signals with
    # writer, post, topic, board, case and decider, forum queue badge
    # + announcements: audience keys, unread count
    assert count == 12, explain
