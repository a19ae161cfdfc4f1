"""Sanctions and their effects, expiry, staff notes, transparency and appeals."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import AuditEntry
from forum import services
from forum.models import Appeal, AppealStatus, Post, PostStatus, Sanction, StaffNote, Topic
from notifications.models import Notification

from ..personas import make_user

pytestmark = pytest.mark.django_db


def test_mute_stops_posting_until_it_expires(personas, forum):
    sanction = services.issue_sanction(user=personas.pupil_an, kind="mute", reason="Spam", duration_hours=24, by=personas.collaborator)  # fmt: skip
    with pytest.raises(services.Refused, match="tạm thời chưa viết bài được"):
        services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Xin chào")  # fmt: skip
    Sanction.objects.filter(pk=sanction.pk).update(ends_at=timezone.now() - timedelta(minutes=1))
    personas.pupil_an._forum_sanctions = None  # a new request
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Xin chào")  # fmt: skip
    assert post.status == PostStatus.PUBLISHED


def test_muted_author_cannot_edit_a_post_written_just_before(personas, forum):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Xin chào")  # fmt: skip
    services.issue_sanction(user=personas.pupil_an, kind="mute", reason="Spam", duration_hours=24, by=personas.collaborator)  # fmt: skip
    personas.pupil_an._forum_sanctions = None  # a new request
    with pytest.raises(services.Refused, match="tạm thời chưa viết bài được"):
        services.edit_post(post=post, by=personas.pupil_an, body="Đổi lời")
    post.refresh_from_db()
    assert post.body == "Xin chào" and not post.revisions.exists()


def test_muted_person_still_reads(personas, forum, client_for):
    services.issue_sanction(user=personas.pupil_an, kind="mute", reason="Spam", duration_hours=24, by=personas.collaborator)  # fmt: skip
    assert client_for("pupil_an").get(forum.topic_5a.get_absolute_url()).status_code == 200


def test_mute_needs_a_duration(personas):
    with pytest.raises(services.Refused, match="thời hạn"):
        services.issue_sanction(user=personas.pupil_an, kind="mute", reason="Spam", by=personas.collaborator)  # fmt: skip


def test_suspension_shuts_the_forum_but_not_the_record_or_cases(personas, forum, client_for):
    services.issue_sanction(user=personas.pupil_an, kind="suspension", reason="Bắt nạt bạn nhiều lần", duration_hours=168, by=personas.collaborator)  # fmt: skip
    client = client_for("pupil_an")
    response = client.get("/dien-dan/")
    assert response.status_code == 403
    assert "Bắt nạt bạn nhiều lần" in response.content.decode()
    assert client.get(forum.topic_5a.get_absolute_url()).status_code == 403
    assert client.get("/dien-dan/cua-toi/").status_code == 200
    assert client.get("/dien-dan/hoi-dap/gui/").status_code == 200
    # The account itself stays active: announcements and lessons still work.
    personas.pupil_an.refresh_from_db()
    assert personas.pupil_an.is_active


def test_revoked_suspension_lets_the_person_back(personas, forum, client_for):
    sanction = services.issue_sanction(user=personas.pupil_an, kind="suspension", reason="Nhầm", by=personas.collaborator)  # fmt: skip
    client_for("collaborator").post(f"/dien-dan/xu-ly/{sanction.pk}/go/")
    assert client_for("pupil_an").get("/dien-dan/").status_code == 200
    assert AuditEntry.objects.filter(action="forum.sanction_revoke").exists()


def test_warning_is_shown_to_the_person_with_reason_and_notified(personas, client_for):
    services.issue_sanction(user=personas.pupil_an, kind="warning", reason="Viết hoa cả bài", by=personas.collaborator)  # fmt: skip
    html = client_for("pupil_an").get("/dien-dan/cua-toi/").content.decode()
    assert "Nhắc nhở" in html and "Viết hoa cả bài" in html
    assert Notification.objects.filter(
        recipient=personas.pupil_an, kind="forum.moderation"
    ).exists()


def test_sanction_requires_reason_and_is_audited(personas, client_for):
    client = client_for("collaborator")
    client.post(
        f"/dien-dan/thanh-vien/{personas.pupil_an.pk}/xu-ly/", {"kind": "warning", "reason": ""}
    )
    assert not Sanction.objects.exists()
    client.post(f"/dien-dan/thanh-vien/{personas.pupil_an.pk}/xu-ly/", {"kind": "mute", "duration_hours": "72", "reason": "Spam"})  # fmt: skip
    sanction = Sanction.objects.get()
    assert sanction.kind == "mute" and sanction.is_active
    assert timedelta(hours=71) < sanction.ends_at - timezone.now() <= timedelta(hours=72)
    assert AuditEntry.objects.get(action="forum.sanction_mute").reason == "Spam"


def test_staff_notes_are_for_moderators_only(personas, client_for):
    client_for("collaborator").post(f"/dien-dan/thanh-vien/{personas.pupil_an.pk}/ghi-chu/", {"note": "Gia đình đang khó khăn"})  # fmt: skip
    assert StaffNote.objects.get().text == "Gia đình đang khó khăn"
    assert "Gia đình đang khó khăn" in client_for("admin").get(f"/dien-dan/thanh-vien/{personas.pupil_an.pk}/").content.decode()  # fmt: skip
    assert (
        "Gia đình đang khó khăn"
        not in client_for("pupil_an").get("/dien-dan/cua-toi/").content.decode()
    )
    assert "Gia đình đang khó khăn" not in client_for("parent_an").get(f"/dien-dan/con/{personas.pupil_an.pk}/").content.decode()  # fmt: skip


def test_member_page_shows_penalty_history(personas, client_for):
    services.issue_sanction(user=personas.pupil_an, kind="warning", reason="Lần một", by=personas.collaborator)  # fmt: skip
    services.issue_sanction(user=personas.pupil_an, kind="mute", reason="Lần hai", duration_hours=24, by=personas.collaborator)  # fmt: skip
    html = (
        client_for("collaborator")
        .get(f"/dien-dan/thanh-vien/{personas.pupil_an.pk}/")
        .content.decode()
    )
    assert html.index("Lần hai") < html.index("Lần một")


def test_parent_sees_child_moderation_record_with_reasons(personas, forum, client_for):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Đồ ngu")  # fmt: skip
    services.decide_post(
        post=post, moderator=personas.teacher_5a, decision="reject", reason="Xúc phạm bạn"
    )
    services.issue_sanction(user=personas.pupil_an, kind="warning", reason="Nhắc lần đầu", by=personas.collaborator)  # fmt: skip
    html = client_for("parent_an").get(f"/dien-dan/con/{personas.pupil_an.pk}/").content.decode()
    assert "Xúc phạm bạn" in html and "Nhắc lần đầu" in html and "Đã bị từ chối" in html
    assert (
        client_for("other_parent").get(f"/dien-dan/con/{personas.pupil_an.pk}/").status_code == 404
    )


def test_author_appeals_once_and_a_different_moderator_decides(personas, forum, client_for):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Đồ ngu")  # fmt: skip
    services.decide_post(
        post=post, moderator=personas.teacher_5a, decision="reject", reason="Xúc phạm"
    )
    client = client_for("pupil_an")
    client.post(f"/dien-dan/bai/{post.pk}/khieu-nai/", {"text": "Em nói đùa với bạn thân"})
    second = client.post(f"/dien-dan/bai/{post.pk}/khieu-nai/", {"text": "Lần hai"}, follow=True)
    assert "chỉ khiếu nại một lần" in second.content.decode()
    appeal = Appeal.objects.get()
    assert appeal.original_moderator == personas.teacher_5a
    # The teacher who rejected does not see it in their queue and may not decide it.
    assert "Em nói đùa với bạn thân" not in client_for("teacher_5a").get("/dien-dan/hang-doi/").content.decode()  # fmt: skip
    with pytest.raises(services.Refused, match="người kiểm duyệt khác"):
        services.decide_appeal(
            appeal=appeal, moderator=personas.teacher_5a, overturn=True, reason="x"
        )
    assert "Em nói đùa với bạn thân" in client_for("collaborator").get("/dien-dan/hang-doi/").content.decode()  # fmt: skip
    client_for("collaborator").post(f"/dien-dan/khieu-nai/{appeal.pk}/", {"overturn": "1", "reason": "Bạn thân đùa nhau"})  # fmt: skip
    appeal.refresh_from_db()
    post.refresh_from_db()
    assert appeal.status == AppealStatus.OVERTURNED and post.status == PostStatus.PUBLISHED
    assert Topic.objects.get(pk=forum.topic_5a.pk).reply_count == 1
    assert AuditEntry.objects.filter(action="forum.appeal_overturn").exists()


def test_upheld_appeal_keeps_decision_and_tells_author(personas, forum, client_for):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Đồ ngu")  # fmt: skip
    services.decide_post(
        post=post, moderator=personas.teacher_5a, decision="hide", reason="Xúc phạm"
    )
    appeal = services.file_appeal(author=personas.pupil_an, text_="Xin xem lại", post=post)
    services.decide_appeal(
        appeal=appeal, moderator=personas.collaborator, overturn=False, reason="Vẫn xúc phạm"
    )
    assert Post.objects.get(pk=post.pk).status == PostStatus.HIDDEN
    html = client_for("pupil_an").get("/dien-dan/cua-toi/").content.decode()
    assert "Giữ nguyên quyết định" in html and "Vẫn xúc phạm" in html


def test_sanction_appeal_overturned_lifts_it(personas, client_for):
    sanction = services.issue_sanction(user=personas.pupil_an, kind="mute", reason="Spam", duration_hours=24, by=personas.collaborator)  # fmt: skip
    client_for("pupil_an").post(
        f"/dien-dan/xu-ly/{sanction.pk}/khieu-nai/", {"text": "Em không spam"}
    )
    second_moderator = make_user("ctv_hai", "Phạm Thu Hải", "staff")
    from django.contrib.auth.models import Group

    from accounts.models import CAPABILITY_GROUPS, Capability

    Group.objects.get(name=CAPABILITY_GROUPS[Capability.MODERATE]).user_set.add(second_moderator)
    services.decide_appeal(appeal=Appeal.objects.get(), moderator=second_moderator, overturn=True, reason="Nhầm người")  # fmt: skip
    sanction.refresh_from_db()
    assert not sanction.is_active


def test_nobody_appeals_someone_elses_decision(personas, forum):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Đồ ngu")  # fmt: skip
    services.decide_post(
        post=post, moderator=personas.teacher_5a, decision="reject", reason="Xúc phạm"
    )
    with pytest.raises(PermissionDenied):
        services.file_appeal(author=personas.pupil_binh, text_="Hộ bạn", post=post)
    assert not Appeal.objects.exists()


def test_an_appeal_and_its_outcome_show_on_the_record_for_the_pupil_and_the_parent(
    personas, forum, client_for
):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Đồ ngu")
    services.decide_post(
        post=post, moderator=personas.teacher_5a, decision="hide", reason="Xúc phạm"
    )
    appeal = services.file_appeal(author=personas.pupil_an, text_="Xin xem lại", post=post)
    pending = client_for("parent_an").get("/thong-bao/gia-dinh/").content.decode()
    assert "Khiếu nại" in pending and "Đang chờ xem xét" in pending
    services.decide_appeal(
        appeal=appeal, moderator=personas.collaborator, overturn=False, reason="Vẫn xúc phạm"
    )
    for persona, path in (
        ("pupil_an", "/dien-dan/cua-toi/"),
        ("parent_an", "/thong-bao/gia-dinh/"),
        ("parent_an", f"/dien-dan/con/{personas.pupil_an.pk}/"),
    ):
        html = client_for(persona).get(path).content.decode()
        outcome = html.split('data-testid="appeal-outcome"', 1)[1][:400]
        assert "Giữ nguyên quyết định" in outcome and "Vẫn xúc phạm" in outcome, (persona, path)
