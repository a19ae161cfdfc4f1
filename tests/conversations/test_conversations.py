"""A family and the homeroom teacher write about one pupil; nobody else takes part."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import AuditEntry
from conversations import selectors, services
from conversations.models import Conversation, Message, OfficeHours, SchoolReview
from notifications.models import Notification, QuietHours

from . import factories

SCHOOL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def test_a_parent_writes_and_the_teacher_is_told_and_answers(personas, client_for):
    parent = client_for("parent_an")
    response = parent.post(
        f"/tin-nhan/moi/{personas.pupil_an.pk}/",
        {"subject": "Cháu An bị ho", "body": "Cô ơi, hôm nay cháu An bị ho, cô để ý giúp em."},
    )
    conversation = Conversation.objects.get()
    assert response.status_code == 302 and response.url == conversation.get_absolute_url()
    assert conversation.awaiting_school and conversation.school_class == personas.class_5a
    bell = Notification.objects.get(recipient=personas.teacher_5a)
    assert bell.kind == "conversations.message" and "Nguyễn Văn An" in bell.title

    teacher = client_for("teacher_5a")
    page = teacher.get("/tin-nhan/lop/%d/" % personas.class_5a.pk).text
    assert "Cháu An bị ho" in page and "Chưa trả lời" in page
    assert "hôm nay cháu An bị ho" in teacher.get(conversation.get_absolute_url()).text
    teacher.post(f"/tin-nhan/{conversation.pk}/tra-loi/", {"body": "Cô đã biết, cảm ơn chị."})
    conversation.refresh_from_db()
    assert not conversation.awaiting_school
    told = Notification.objects.get(recipient=personas.parent_an)
    assert told.url == conversation.get_absolute_url()
    assert "Cô đã biết" in parent.get(conversation.get_absolute_url()).text


def test_the_teacher_can_start_with_a_family_of_their_class_only(personas, client_for):
    conversation = services.start_conversation(
        by=personas.teacher_5a, pupil=personas.pupil_an, subject="Họp phụ huynh", body="Mời chị."
    )
    assert Notification.objects.get(recipient=personas.parent_an).kind == "conversations.message"
    assert not conversation.awaiting_school
    with pytest.raises(PermissionDenied):
        services.start_conversation(
            by=personas.teacher_5a, pupil=personas.pupil_binh, subject="Bình", body="Chào anh."
        )
    assert (
        client_for("teacher_5a").get(f"/tin-nhan/moi/{personas.pupil_binh.pk}/").status_code == 404
    )
    assert Conversation.objects.count() == 1


def test_another_class_teacher_and_another_family_cannot_read_or_write(personas, client_for):
    conversation = factories.conversation(personas)
    for name in ("other_teacher", "other_parent", "editor", "collaborator"):
        assert client_for(name).get(conversation.get_absolute_url()).status_code == 404, name
        with pytest.raises(PermissionDenied):
            services.post_message(by=personas.get(name), conversation=conversation, body="Xin chào")
    assert Message.objects.count() == 1


def test_pupils_have_no_messages_at_all(personas, client_for):
    conversation = factories.conversation(personas)
    pupil = client_for("pupil_an")
    home = pupil.get("/").text
    assert 'data-testid="nav-conversations"' not in home
    for url in ("/tin-nhan/", conversation.get_absolute_url(), "/tin-nhan/nghi-hoc/"):
        assert pupil.get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        services.start_conversation(
            by=personas.pupil_an, pupil=personas.pupil_an, subject="Em", body="Em chào cô"
        )
    assert 'data-testid="nav-conversations"' in client_for("parent_an").get("/").text


def test_an_admin_reads_only_with_a_reason_which_is_audited_and_shown_to_the_family(
    personas, client_for
):
    conversation = factories.conversation(personas)
    admin = client_for("admin")
    response = admin.get(conversation.get_absolute_url())
    assert response.status_code == 302 and response.url.endswith("/xem-xet/")
    refused = admin.post(f"/tin-nhan/{conversation.pk}/xem-xet/", {"reason": "xem"})
    assert "ít nhất 10 ký tự" in refused.text
    assert (
        not SchoolReview.objects.exists()
        and not AuditEntry.objects.filter(action="conversations.review").exists()
    )
    admin.post(
        f"/tin-nhan/{conversation.pk}/xem-xet/",
        {"reason": "Khiếu nại của phụ huynh em An ngày 01/12/2026"},
    )
    entry = AuditEntry.objects.get(action="conversations.review")
    assert entry.actor == personas.admin and "Khiếu nại" in entry.reason
    assert "hôm nay cháu An bị ho" in admin.get(conversation.get_absolute_url()).text
    family_page = client_for("parent_an").get(conversation.get_absolute_url()).text
    assert "Nhà trường đã xem cuộc trao đổi này" in family_page
    assert timezone.localtime().strftime("%d/%m/%Y") in family_page


def test_a_message_is_withdrawn_within_five_minutes_and_its_text_is_kept(personas, client_for):
    conversation = factories.conversation(personas, body="Tin nhắn gửi nhầm")
    message = conversation.messages.get()
    parent = client_for("parent_an")
    parent.post(f"/tin-nhan/tin/{message.pk}/thu-hoi/")
    message.refresh_from_db()
    assert message.is_withdrawn and message.body == "Tin nhắn gửi nhầm"
    assert AuditEntry.objects.filter(action="conversations.withdraw").count() == 1
    for name in ("parent_an", "teacher_5a"):
        page = client_for(name).get(conversation.get_absolute_url()).text
        assert "Tin nhắn đã được thu hồi" in page and "Tin nhắn gửi nhầm" not in page
    conversation.refresh_from_db()
    assert not conversation.awaiting_school  # nothing left to answer


def test_the_teacher_sees_unanswered_conversations_first(personas):
    old_question = factories.conversation(personas, subject="Câu hỏi cũ")
    answered = factories.conversation(personas, subject="Đã trả lời")
    services.post_message(by=personas.teacher_5a, conversation=answered, body="Vâng ạ.")
    queue = list(selectors.class_queue(personas.class_5a.pk, personas.teacher_5a))
    assert [c.subject for c in queue] == ["Câu hỏi cũ", "Đã trả lời"]
    assert queue[0].unread == 1 and queue[1].unread == 0
    assert old_question.awaiting_school


def test_read_state_is_per_person(personas, client_for):
    conversation = factories.conversation(personas)
    services.post_message(by=personas.teacher_5a, conversation=conversation, body="Một")
    services.post_message(by=personas.teacher_5a, conversation=conversation, body="Hai")
    unread = selectors.with_unread(Conversation.objects.all(), personas.parent_an).get().unread
    assert unread == 2
    client_for("parent_an").get(conversation.get_absolute_url())
    assert selectors.with_unread(Conversation.objects.all(), personas.parent_an).get().unread == 0
    # The teacher read nothing new from the family since answering.
    assert selectors.with_unread(Conversation.objects.all(), personas.teacher_5a).get().unread == 0


def test_a_parent_writing_outside_office_hours_learns_when_to_expect_an_answer(
    personas, client_for
):
    OfficeHours.objects.create(
        teacher=personas.teacher_5a, weekdays="01234", starts_at=time(7), ends_at=time(17)
    )
    saturday = datetime(2026, 12, 5, 20, 0, tzinfo=SCHOOL_TIME)
    expectation = selectors.reply_expectation(personas.teacher_5a.pk, now=saturday)
    assert not expectation.inside
    assert timezone.localtime(expectation.next_opening) == datetime(
        2026, 12, 7, 7, 0, tzinfo=SCHOOL_TIME
    )
    monday_morning = datetime(2026, 12, 7, 9, 0, tzinfo=SCHOOL_TIME)
    assert selectors.reply_expectation(personas.teacher_5a.pk, now=monday_morning).inside
    # Whatever the time now, the page says it when outside the hours.
    OfficeHours.objects.filter(teacher=personas.teacher_5a).update(weekdays="")
    conversation = factories.conversation(personas)
    OfficeHours.objects.filter(teacher=personas.teacher_5a).update(
        weekdays="0123456", starts_at=time(0, 0), ends_at=time(0, 1)
    )
    now = timezone.localtime()
    if now.time() >= time(0, 1):
        page = client_for("parent_an").get(conversation.get_absolute_url()).text
        assert "ngoài giờ tiếp phụ huynh" in page


def test_teachers_set_their_office_hours(personas, client_for):
    teacher = client_for("teacher_5a")
    assert teacher.get("/tin-nhan/gio-tiep-phu-huynh/").status_code == 200
    teacher.post(
        "/tin-nhan/gio-tiep-phu-huynh/",
        {"weekdays": ["0", "2", "4"], "starts_at": "13:30", "ends_at": "16:00"},
    )
    hours = OfficeHours.objects.get(teacher=personas.teacher_5a)
    assert hours.days == [0, 2, 4] and hours.starts_at == time(13, 30)
    refused = teacher.post(
        "/tin-nhan/gio-tiep-phu-huynh/",
        {"weekdays": ["0"], "starts_at": "16:00", "ends_at": "08:00"},
    )
    assert "Giờ bắt đầu phải trước giờ kết thúc" in refused.text
    assert OfficeHours.objects.get(teacher=personas.teacher_5a).days == [0, 2, 4]


def test_parents_quiet_hours_hold_messages_for_the_digest_but_not_urgent(personas, client_for):
    client_for("parent_an").post(
        "/thong-bao-ca-nhan/cai-dat/", {"quiet_from": "00:00", "quiet_until": "23:59"}
    )
    assert QuietHours.objects.filter(user=personas.parent_an).exists()
    now = timezone.localtime()
    if now.time() >= time(23, 59):
        pytest.skip("the test's quiet hours end at 23:59")
    conversation = factories.conversation(personas)
    mail.outbox.clear()
    services.post_message(by=personas.teacher_5a, conversation=conversation, body="Cô trả lời.")
    held = Notification.objects.get(recipient=personas.parent_an, kind="conversations.message")
    assert held.digest_pending and mail.outbox == []
    from notifications.services import notify

    notify(recipients=[personas.parent_an], kind="announcement.urgent", title="Nghỉ học do bão")
    assert [m.subject for m in mail.outbox] == ["[Khẩn] Nghỉ học do bão"]


def test_replies_by_email_at_once_outside_quiet_hours(personas):
    conversation = factories.conversation(personas)
    mail.outbox.clear()
    services.post_message(by=personas.teacher_5a, conversation=conversation, body="Cô trả lời.")
    assert [m.to for m in mail.outbox] == [[personas.parent_an.email]]


def test_a_teacher_with_quiet_hours_gets_the_parent_message_in_the_digest(personas):
    QuietHours.objects.create(user=personas.teacher_5a, starts_at=time(0, 0), ends_at=time(23, 59))
    if timezone.localtime().time() >= time(23, 59):
        pytest.skip("the test's quiet hours end at 23:59")
    mail.outbox.clear()
    factories.conversation(personas)
    assert Notification.objects.get(recipient=personas.teacher_5a).digest_pending
    assert mail.outbox == []


def test_an_attachment_is_served_as_a_download_to_both_sides_only(personas, client_for):
    conversation = factories.conversation(personas, files=[factories.text_file()])
    attachment = conversation.messages.get().attachments.get()
    response = client_for("teacher_5a").get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Giay kham benh cua chau An"
    assert response["Content-Disposition"].startswith("attachment")
    assert client_for("other_teacher").get(attachment.get_absolute_url()).status_code == 404


def test_an_admins_reason_opens_the_conversation_for_one_day_only(personas, client_for):
    from datetime import timedelta

    conversation = factories.conversation(personas)
    review = services.open_for_review(
        by=personas.admin, conversation=conversation, reason="Khiếu nại của phụ huynh ngày 01/12"
    )
    services.post_message(by=personas.admin, conversation=conversation, body="Nhà trường đã nắm.")
    assert Notification.objects.filter(
        recipient=personas.parent_an, kind="conversations.message"
    ).exists()
    SchoolReview.objects.filter(pk=review.pk).update(
        created_at=timezone.now() - timedelta(hours=25)
    )
    assert client_for("admin").get(conversation.get_absolute_url()).status_code == 302
    with pytest.raises(PermissionDenied):
        services.post_message(by=personas.admin, conversation=conversation, body="Thêm")
    with pytest.raises(PermissionDenied):
        services.open_for_review(
            by=personas.teacher_5a, conversation=conversation, reason="Tôi muốn xem lại"
        )


def test_a_teacher_finds_office_hours_in_their_personal_menu(client_for):
    assert "/tin-nhan/gio-tiep-phu-huynh/" in client_for("teacher_5a").get("/").text
    assert "/tin-nhan/gio-tiep-phu-huynh/" not in client_for("parent_an").get("/").text
