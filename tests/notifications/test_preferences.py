"""Each person chooses per kind: at once, daily digest, off. Urgent cannot be turned off."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.core import mail

from notifications.models import Mode, Notification, QuietHours
from notifications.services import modes_for, notify, send_all_digests, set_preference

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_by_default_everything_but_urgent_waits_for_the_digest(personas):
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Có trả lời mới")
    assert mail.outbox == []
    assert Notification.objects.get().digest_pending


def test_at_once_sends_one_e_mail_now(personas):
    set_preference(user=personas.parent_an, kind="forum.reply", mode=Mode.IMMEDIATE)
    notify(
        recipients=[personas.parent_an, personas.other_parent],
        kind="forum.reply",
        title="Có trả lời mới",
        url="/dien-dan/1/",
    )
    assert [m.to for m in mail.outbox] == [["bich@example.com"]]
    message = mail.outbox[0]
    assert message.subject == "Có trả lời mới"
    assert "http://127.0.0.1:8000/dien-dan/1/" in message.body
    assert message.alternatives[0].mimetype == "text/html"


def test_off_means_no_e_mail_and_no_digest_but_still_in_the_app(personas):
    set_preference(user=personas.parent_an, kind="forum.reply", mode=Mode.OFF)
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Có trả lời mới")
    assert send_all_digests() == 0
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=personas.parent_an).count() == 1


def test_urgent_announcements_cannot_be_turned_off(personas):
    assert set_preference(user=personas.parent_an, kind="announcement.urgent", mode="off") is None
    notify(recipients=[personas.parent_an], kind="announcement.urgent", title="Nghỉ học do bão")
    assert mail.outbox[0].subject == "[Khẩn] Nghỉ học do bão"
    assert "không thể tắt" in mail.outbox[0].body
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers


def test_preferences_page_saves_choices_and_shows_urgent_as_locked(personas, client_for):
    parent = client_for("parent_an")
    page = parent.get("/thong-bao-ca-nhan/cai-dat/").text
    assert "Thông báo khẩn" in page and "không thể tắt" in page
    assert 'name="kind_announcement.urgent"' not in page
    assert "Giờ yên tĩnh" in page  # staff and parents (issue 15)
    assert "Giờ yên tĩnh" not in client_for("pupil_an").get("/thong-bao-ca-nhan/cai-dat/").text

    response = parent.post(
        "/thong-bao-ca-nhan/cai-dat/",
        {"kind_forum.reply": "off", "kind_announcement.normal": "immediate"},
    )
    assert response.status_code == 302
    modes = modes_for([personas.parent_an], "forum.reply")
    assert modes[personas.parent_an.pk] == Mode.OFF
    assert modes_for([personas.parent_an], "announcement.normal")[personas.parent_an.pk] == (
        Mode.IMMEDIATE
    )


def test_staff_quiet_hours_move_at_once_into_the_digest_but_not_urgent(personas, client_for):
    teacher = personas.teacher_5a
    set_preference(user=teacher, kind="news.error_report", mode=Mode.IMMEDIATE)
    response = client_for("teacher_5a").post(
        "/thong-bao-ca-nhan/cai-dat/",
        {"kind_news.error_report": "immediate", "quiet_from": "21:00", "quiet_until": "06:30"},
    )
    assert response.status_code == 302
    assert QuietHours.objects.get(user=teacher).starts_at == time(21, 0)

    night = datetime(2026, 11, 27, 23, 15, tzinfo=HANOI)
    morning = datetime(2026, 11, 27, 7, 0, tzinfo=HANOI)
    assert modes_for([teacher], "news.error_report", now=night)[teacher.pk] == Mode.DIGEST
    assert modes_for([teacher], "news.error_report", now=morning)[teacher.pk] == Mode.IMMEDIATE
    assert modes_for([teacher], "announcement.urgent", now=night)[teacher.pk] == Mode.IMMEDIATE


def test_half_filled_quiet_hours_get_a_message_and_nothing_is_saved(personas, client_for):
    response = client_for("teacher_5a").post(
        "/thong-bao-ca-nhan/cai-dat/", {"kind_news.error_report": "off", "quiet_from": "21:00"}
    )
    assert "Hãy chọn cả giờ bắt đầu và giờ kết thúc" in response.text
    assert not QuietHours.objects.exists()
    assert modes_for([personas.teacher_5a], "news.error_report")[personas.teacher_5a.pk] == (
        Mode.DIGEST
    )


def test_other_apps_kinds_flow_through_notify(personas):
    for kind in ("forum.reply", "forum.moderation", "forum.case_answer", "news.error_report"):
        set_preference(user=personas.collaborator, kind=kind, mode=Mode.IMMEDIATE)
        notify(recipients=[personas.collaborator], kind=kind, title=f"Sự kiện {kind}")
    assert len(mail.outbox) == 4
    assert "Ngừng nhận loại thư này" in mail.outbox[0].body


def test_a_title_with_line_breaks_still_makes_a_valid_e_mail(personas):
    set_preference(user=personas.parent_an, kind="forum.reply", mode=Mode.IMMEDIATE)
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Dòng một\nDòng hai")
    assert mail.outbox[0].subject == "Dòng một Dòng hai"
    assert mail.outbox[0].message()["Subject"]


def test_sms_and_phone_choices_appear_when_configured_and_are_saved(personas, client_for, settings):
    from notifications.models import Preference
    from notifications.push import generate_vapid_keys

    parent = client_for("parent_an")
    page = parent.get("/thong-bao-ca-nhan/cai-dat/").content.decode()
    assert "Tin nhắn SMS ngay" not in page and 'data-public-key=""' in page
    settings.SMS_GATEWAY_URL = "https://sms.example/send"
    settings.VAPID_PUBLIC_KEY, settings.VAPID_PRIVATE_KEY = generate_vapid_keys()
    response = parent.get("/thong-bao-ca-nhan/cai-dat/")
    page = response.content.decode()
    assert "Tin nhắn SMS ngay" in page and "Thông báo trên điện thoại ngay" in page
    assert f'data-public-key="{settings.VAPID_PUBLIC_KEY}"' in page
    # Replies to messages are ticked for push by default, not for SMS.
    form = response.context["form"]
    assert "conversations.message" in form["channel_push"].initial
    assert form["channel_sms"].initial == []
    response = parent.post(
        "/thong-bao-ca-nhan/cai-dat/",
        {"channel_sms": ["conversations.message"], "channel_push": []},
    )
    assert response.status_code == 302
    chosen = dict(
        Preference.objects.filter(user=personas.parent_an, kind="conversations.message")
        .exclude(channel="email")
        .values_list("channel", "mode")
    )
    assert chosen == {"sms": Mode.IMMEDIATE, "push": Mode.OFF}
    assert not Preference.objects.filter(kind="announcement.urgent").exists()  # locked
