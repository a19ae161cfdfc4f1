"""Reports, the review queue (with and without htmx), topic actions, and their audit rows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import AuditEntry, Enrolment, Role
from forum import services
from forum.models import Board, Post, PostStatus, Topic
from notifications.models import Notification

from ..personas import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def classmates(personas):
    """Three more pupils of 5A, so that several different people can report."""
    people = []
    for n in range(3):
        pupil = make_user(f"hs_5a_{n}", f"Bạn 5A số {n}", Role.PUPIL)
        Enrolment.objects.create(pupil=pupil, school_class=personas.class_5a)
        people.append(pupil)
    return people


def test_report_form_offers_the_five_reasons(personas, forum, client_for):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Bài thường")  # fmt: skip
    html = client_for("teacher_5a").get(f"/dien-dan/bai/{post.pk}/bao-cao/").content.decode()
    for reason in ("Bắt nạt", "Không phù hợp", "Sai sự thật", "Spam", "Khác"):
        assert reason in html


def test_reports_from_distinct_people_hide_post_at_threshold(personas, forum, classmates, client_for, settings):  # fmt: skip
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Trêu bạn")  # fmt: skip
    first, second, third = classmates
    services.report_post(post=post, reporter=first, reason="bullying", note="Trêu bạn Nam")
    services.report_post(
        post=post, reporter=first, reason="bullying", note="lần nữa"
    )  # same person
    services.report_post(post=post, reporter=second, reason="inappropriate", note="")
    post.refresh_from_db()
    assert not post.auto_hidden and post.queued_at is not None
    assert (
        client_for("pupil_an")
        .get(forum.topic_5a.get_absolute_url())
        .content.decode()
        .count("Trêu bạn")
        >= 1
    )
    services.report_post(post=post, reporter=third, reason="spam", note="")
    post.refresh_from_db()
    assert post.auto_hidden and post.report_count == 3
    html = client_for("pupil_an").get(forum.topic_5a.get_absolute_url()).content.decode()
    assert "nhiều báo cáo" in html  # the author sees why
    # Another reader sees only that it is hidden.
    reader = make_user("hs_5a_x", "Bạn đọc", Role.PUPIL)
    Enrolment.objects.create(pupil=reader, school_class=personas.class_5a)
    from django.test import Client

    other = Client()
    other.force_login(reader)
    assert "Trêu bạn" not in other.get(forum.topic_5a.get_absolute_url()).content.decode()


def test_duplicate_report_tells_the_reporter(personas, forum, client_for):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Bài thường")  # fmt: skip
    client = client_for("teacher_5a")
    client.post(f"/dien-dan/bai/{post.pk}/bao-cao/", {"reason": "spam"})
    response = client.post(f"/dien-dan/bai/{post.pk}/bao-cao/", {"reason": "spam"}, follow=True)
    assert "Bạn đã báo cáo bài viết này rồi" in response.content.decode()


def test_author_cannot_report_own_post(personas, forum, client_for):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Của mình")  # fmt: skip
    assert client_for("pupil_an").get(f"/dien-dan/bai/{post.pk}/bao-cao/").status_code == 404


def _held(personas, forum, body: str, minutes_ago: int = 0) -> Post:
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body=f"{body} đồ ngu")  # fmt: skip
    Post.objects.filter(pk=post.pk).update(
        queued_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return post


def test_queue_lists_held_and_reported_oldest_first_with_history(personas, forum, client_for):
    _held(personas, forum, "Mới hơn", minutes_ago=5)
    _held(personas, forum, "Cũ nhất", minutes_ago=50)
    reported = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Bị báo cáo")  # fmt: skip
    services.report_post(
        post=reported, reporter=personas.teacher_5a, reason="other", note="Xem giúp"
    )
    html = client_for("teacher_5a").get("/dien-dan/hang-doi/").content.decode()
    assert html.index("Cũ nhất") < html.index("Mới hơn") < html.index("Bị báo cáo")
    assert "Xem giúp" in html
    assert "Trong 180 ngày qua: 3 bài, 2 chờ duyệt" in html


def test_teacher_queue_holds_only_their_boards(personas, forum, client_for):
    _held(personas, forum, "Lớp 5A")
    assert (
        "Lớp 5A đồ ngu"
        not in client_for("other_teacher").get("/dien-dan/hang-doi/").content.decode()
    )
    assert client_for("other_teacher").post(f"/dien-dan/hang-doi/{Post.objects.get(body__startswith='Lớp 5A').pk}/", {"decision": "approve"}).status_code == 404  # fmt: skip


def test_approve_without_javascript_redirects_to_queue(personas, forum, client_for):
    post = _held(personas, forum, "Chờ")
    response = client_for("teacher_5a").post(
        f"/dien-dan/hang-doi/{post.pk}/", {"decision": "approve"}
    )
    assert response.status_code == 302 and response["Location"] == "/dien-dan/hang-doi/"
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED and post.queued_at is None
    assert Topic.objects.get(pk=forum.topic_5a.pk).reply_count == 1
    assert Notification.objects.filter(
        recipient=personas.pupil_an, kind="forum.moderation"
    ).exists()


def test_approve_with_htmx_returns_only_the_replaced_item(personas, forum, client_for):
    post = _held(personas, forum, "Chờ")
    response = client_for("teacher_5a").post(
        f"/dien-dan/hang-doi/{post.pk}/", {"decision": "approve"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="queue-item-{post.pk}"' in html and "Đã xử lý" in html
    assert 'id="forum-queue-count" data-testid="forum-queue-count" hx-swap-oob="true">0<' in html
    assert 'id="queue-summary" hx-swap-oob="true">0 bài viết đang chờ' in html
    assert "<html" not in html


def test_reject_needs_reason_and_htmx_shows_it_in_place(personas, forum, client_for):
    post = _held(personas, forum, "Chờ")
    response = client_for("teacher_5a").post(
        f"/dien-dan/hang-doi/{post.pk}/", {"decision": "reject", "reason": ""}, headers={"HX-Request": "true"}
    )  # fmt: skip
    assert "Hãy ghi lý do" in response.content.decode()
    assert Post.objects.get(pk=post.pk).status == PostStatus.HELD


def test_reject_with_reason_is_shown_to_author_and_audited(personas, forum, client_for):
    post = _held(personas, forum, "Chờ")
    client_for("teacher_5a").post(f"/dien-dan/hang-doi/{post.pk}/", {"decision": "reject", "reason": "Lời lẽ xúc phạm bạn"})  # fmt: skip
    record = client_for("pupil_an").get("/dien-dan/cua-toi/").content.decode()
    assert "Lời lẽ xúc phạm bạn" in record and "Đã bị từ chối" in record
    entry = AuditEntry.objects.get(action="forum.post_reject")
    assert entry.actor == personas.teacher_5a and entry.reason == "Lời lẽ xúc phạm bạn"


def test_moderator_edits_text_then_approves_and_history_keeps_original(personas, forum, client_for):
    post = _held(personas, forum, "Chờ")
    client_for("collaborator").post(f"/dien-dan/hang-doi/{post.pk}/", {"decision": "approve", "body": "Đã sửa cho lịch sự"})  # fmt: skip
    post.refresh_from_db()
    assert post.body == "Đã sửa cho lịch sự" and post.status == PostStatus.PUBLISHED
    assert post.revisions.get().body == "Chờ đồ ngu"
    entry = AuditEntry.objects.get(action="forum.post_approve")
    assert "Chờ đồ ngu" in entry.before and "Đã sửa cho lịch sự" in entry.after


def test_hide_reported_post_uncounts_and_tells_author(personas, forum, client_for):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Bài bị ẩn")  # fmt: skip
    services.report_post(post=post, reporter=personas.teacher_5a, reason="bullying", note="")
    client_for("collaborator").post(f"/dien-dan/hang-doi/{post.pk}/", {"decision": "hide", "reason": "Nội dung bắt nạt"})  # fmt: skip
    assert Topic.objects.get(pk=forum.topic_5a.pk).reply_count == 0
    author = client_for("pupil_an").get(forum.topic_5a.get_absolute_url()).content.decode()
    assert "Nội dung bắt nạt" in author


@pytest.mark.parametrize(("action", "field"), [("pin", "is_pinned"), ("lock", "is_locked")])
def test_topic_pin_and_lock(personas, forum, client_for, action, field):
    client_for("teacher_5a").post(
        f"/dien-dan/chu-de/{forum.topic_5a.pk}/kiem-duyet/", {"action": action}
    )
    assert getattr(Topic.objects.get(pk=forum.topic_5a.pk), field)
    assert AuditEntry.objects.filter(action=f"forum.topic_{action}").exists()


def test_hidden_topic_is_404_for_readers_and_keeps_reason_for_author(personas, forum, client_for):
    topic = services.create_topic(board=forum.class_5a, author=personas.pupil_an, title="Chủ đề sẽ ẩn", body="Nội dung")  # fmt: skip
    client_for("teacher_5a").post(f"/dien-dan/chu-de/{topic.pk}/kiem-duyet/", {"action": "hide", "reason": "Lạc đề"})  # fmt: skip
    assert "Lạc đề" in client_for("pupil_an").get(topic.get_absolute_url()).content.decode()
    assert client_for("pupil_binh").get(topic.get_absolute_url()).status_code == 404


def test_move_topic_between_boards_moves_counters(personas, forum, client_for):
    client_for("collaborator").post(
        f"/dien-dan/chu-de/{forum.topic_school.pk}/kiem-duyet/",
        {"action": "move", "board": forum.grade4.pk, "reason": "Đúng khối 4"},
    )
    assert Topic.objects.get(pk=forum.topic_school.pk).board == forum.grade4
    assert Board.objects.get(pk=forum.grade4.pk).topic_count == 1
    assert Board.objects.get(pk=forum.school.pk).topic_count == 0
    entry = AuditEntry.objects.get(action="forum.topic_move")
    assert entry.before == forum.school.name and entry.after == forum.grade4.name


def test_homeroom_teacher_cannot_move_topic_into_board_they_do_not_moderate(personas, forum, client_for):  # fmt: skip
    response = client_for("teacher_5a").post(
        f"/dien-dan/chu-de/{forum.topic_5a.pk}/kiem-duyet/", {"action": "move", "board": forum.class_4b.pk}
    )  # fmt: skip
    assert response.status_code == 404
    assert Topic.objects.get(pk=forum.topic_5a.pk).board == forum.class_5a
