"""A moderator acts on a post where they read it: "Ẩn" with a reason, "Xoá khỏi hàng đợi"
for a reported post that stays, "Giữ nguyên" (not "Duyệt") for it in the queue."""

import pytest

from forum import services
from forum.models import Post, PostStatus

pytestmark = pytest.mark.django_db


def test_a_moderator_hides_a_post_from_its_topic(forum, personas, client_for):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Lời chê bạn")
    teacher = client_for("teacher_5a")
    page = teacher.get(forum.topic_5a.get_absolute_url()).content.decode()
    assert 'data-testid="post-hide"' in page
    response = teacher.post(
        f"/dien-dan/hang-doi/{post.pk}/", {"from": "topic", "decision": "hide", "reason": "Chê bạn"}
    )
    assert response.status_code == 302 and response.url == post.get_absolute_url()
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN and post.status_reason == "Chê bạn"


def test_hiding_without_a_reason_is_refused_and_nothing_changes(forum, personas, client_for):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Xin chào")
    response = client_for("teacher_5a").post(
        f"/dien-dan/hang-doi/{post.pk}/", {"from": "topic", "decision": "hide", "reason": ""},
        follow=True,
    )  # fmt: skip
    assert Post.objects.get(pk=post.pk).status == PostStatus.PUBLISHED
    assert (
        "alert-danger" in response.content.decode() or "alert-warning" in response.content.decode()
    )


def test_a_reported_post_is_kept_not_approved(forum, personas, client_for):
    post = services.create_reply(
        topic=forum.topic_school, author=personas.pupil_an, body="Bài bình thường"
    )
    services.report_post(post=post, reporter=personas.pupil_binh, reason="spam", note="")
    moderator = client_for("collaborator")
    queue = moderator.get("/dien-dan/hang-doi/").content.decode()
    item = queue.split(f'id="queue-item-{post.pk}"', 1)[1].split("</article>", 1)[0]
    assert "Giữ nguyên" in item and ">Duyệt<" not in item
    topic_page = moderator.get(forum.topic_school.get_absolute_url()).content.decode()
    assert "Xoá khỏi hàng đợi" in topic_page
    moderator.post(
        f"/dien-dan/hang-doi/{post.pk}/", {"from": "topic", "decision": "approve", "reason": ""}
    )
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED and post.queued_at is None


def test_readers_get_no_moderation_buttons(forum, personas, client_for):
    services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Xin chào")
    page = client_for("pupil_binh").get(forum.topic_5a.get_absolute_url()).content.decode()
    assert "post-hide" not in page and "post-dequeue" not in page
