"""Decisions that arrive late: an appeal decided after the post was approved, two moderators
deciding the same appeal, and a queue decision about a post its author already withdrew."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import CAPABILITY_GROUPS, Capability
from forum import services
from forum.models import Appeal, AppealStatus, Board, Post, PostStatus, Topic
from notifications.models import Notification

from ..personas import make_user

pytestmark = pytest.mark.django_db


def rejected_and_appealed(personas, forum) -> tuple[Post, Appeal]:
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Đồ ngu")  # fmt: skip
    services.decide_post(post=post, moderator=personas.teacher_5a, decision="reject", reason="Xúc phạm")  # fmt: skip
    appeal = services.file_appeal(author=personas.pupil_an, text_="Em nói đùa", post=post)
    return post, appeal


def counters(forum) -> tuple[int, int]:
    topic = Topic.objects.get(pk=forum.topic_5a.pk)
    board = Board.objects.get(pk=forum.class_5a.pk)
    return topic.post_count, board.post_count


def reply_notices() -> int:
    return Notification.objects.filter(kind="forum.reply").count()


def test_overturning_a_post_already_approved_from_the_queue_counts_and_notifies_once(personas, forum, client_for):  # fmt: skip
    post, appeal = rejected_and_appealed(personas, forum)
    client = client_for("collaborator")
    client.post(f"/dien-dan/hang-doi/{post.pk}/", {"decision": "approve"})
    assert Post.objects.get(pk=post.pk).status == PostStatus.PUBLISHED
    after_approval, notices = counters(forum), reply_notices()
    assert notices >= 1  # the topic's author heard of the reply once

    client.post(f"/dien-dan/khieu-nai/{appeal.pk}/", {"overturn": "1", "reason": "Bạn thân đùa nhau"})  # fmt: skip

    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.OVERTURNED
    assert counters(forum) == after_approval
    assert reply_notices() == notices


def test_two_moderators_overturning_the_same_appeal_count_the_post_once(personas, forum):
    post, appeal = rejected_and_appealed(personas, forum)
    before = counters(forum)
    other = make_user("ctv_hai", "Phạm Thu Hải", "staff")
    Group.objects.get(name=CAPABILITY_GROUPS[Capability.MODERATE]).user_set.add(other)
    # Both moderators opened the queue while the appeal was pending.
    seen_by_first = Appeal.objects.get(pk=appeal.pk)
    seen_by_second = Appeal.objects.get(pk=appeal.pk)

    services.decide_appeal(appeal=seen_by_first, moderator=personas.collaborator, overturn=True, reason="Đùa")  # fmt: skip
    with pytest.raises(services.Refused, match="đã được xem xét"):
        services.decide_appeal(appeal=seen_by_second, moderator=other, overturn=True, reason="Đùa")  # fmt: skip

    assert counters(forum) == (before[0] + 1, before[1] + 1)
    assert reply_notices() == 1
    assert Notification.objects.filter(recipient=personas.pupil_an, kind="forum.moderation", title__startswith="Khiếu nại").count() == 1  # fmt: skip


def test_overturning_after_the_author_withdrew_does_not_republish(personas, forum):
    post, appeal = rejected_and_appealed(personas, forum)
    services.withdraw_post(post=Post.objects.get(pk=post.pk), by=personas.pupil_an)
    before = counters(forum)
    services.decide_appeal(appeal=appeal, moderator=personas.collaborator, overturn=True, reason="Đùa")  # fmt: skip
    assert Post.objects.get(pk=post.pk).status == PostStatus.WITHDRAWN
    assert counters(forum) == before and reply_notices() == 0


@pytest.mark.parametrize("decision", ["approve", "reject", "hide"])
def test_queue_refuses_to_decide_a_withdrawn_post(personas, forum, client_for, decision):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Em rút lại")  # fmt: skip
    services.report_post(post=post, reporter=personas.teacher_5a, reason="spam", note="")
    services.withdraw_post(post=Post.objects.get(pk=post.pk), by=personas.pupil_an)
    before, notices = counters(forum), reply_notices()

    response = client_for("teacher_5a").post(
        f"/dien-dan/hang-doi/{post.pk}/", {"decision": decision, "reason": "Lý do"}, follow=True
    )

    assert "Tác giả đã rút bài viết này" in response.content.decode()
    assert Post.objects.get(pk=post.pk).status == PostStatus.WITHDRAWN
    assert counters(forum) == before and reply_notices() == notices
    html = client_for("pupil_binh").get(forum.topic_5a.get_absolute_url()).content.decode()
    assert "Em rút lại" not in html
