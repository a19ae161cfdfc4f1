"""One digest e-mail per person per day, only when something new waits."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Enrolment, Guardianship, Role
from announcements.services import publish_announcement
from notifications.services import notify, send_all_digests
from tests.personas import make_user

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_several_events_make_one_digest_per_person(personas):
    for title in ("Trả lời 1", "Trả lời 2", "Trả lời 3"):
        notify(
            recipients=[personas.parent_an, personas.other_parent], kind="forum.reply", title=title
        )

    assert send_all_digests() == 2
    by_person = {tuple(m.to): m for m in mail.outbox}
    digest = by_person[("bich@example.com",)]
    assert "Bản tin hằng ngày" in digest.subject and "3 thông báo mới" in digest.subject
    for title in ("Trả lời 1", "Trả lời 2", "Trả lời 3"):
        assert title in digest.body
    assert "Ngừng nhận bản tin hằng ngày" in digest.body
    assert digest.alternatives[0].mimetype == "text/html"
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_second_run_the_same_day_sends_nothing_even_with_new_items(personas):
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Sáng")
    assert send_all_digests() == 1
    assert send_all_digests() == 0  # nothing new
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Chiều")
    assert send_all_digests() == 0  # new, but today's digest already went
    assert len(mail.outbox) == 1

    tomorrow = timezone.now() + timedelta(days=1)
    assert send_all_digests(now=tomorrow) == 1
    assert "Chiều" in mail.outbox[1].body and "Sáng" not in mail.outbox[1].body


def test_nothing_new_means_no_e_mail(personas):
    assert send_all_digests() == 0
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Đã xem rồi")
    personas.parent_an.notifications.update(read_at=timezone.now())
    assert send_all_digests() == 0
    assert mail.outbox == []


def test_parent_with_children_in_two_classes_gets_one_digest(personas):
    cuc = make_user("hs_cuc", "Nguyễn Thị Cúc", Role.PUPIL, pupil_code="HS0009")
    Enrolment.objects.create(pupil=cuc, school_class=personas.class_4b)
    Guardianship.objects.create(parent=personas.parent_an, pupil=cuc)
    publish_announcement(
        by=personas.teacher_5a, title="Họp lớp 5A", body="<p>x</p>",
        keys=[f"class:{personas.class_5a.pk}:parent"],
    )  # fmt: skip
    publish_announcement(
        by=personas.other_teacher, title="Dã ngoại 4B", body="<p>x</p>",
        keys=[f"class:{personas.class_4b.pk}:parent"],
    )  # fmt: skip

    send_all_digests()
    to_bich = [m for m in mail.outbox if m.to == ["bich@example.com"]]
    assert len(to_bich) == 1
    assert "Họp lớp 5A" in to_bich[0].body and "Dã ngoại 4B" in to_bich[0].body


def test_people_without_an_address_get_no_digest_and_nothing_piles_up(personas):
    personas.pupil_an.email = ""
    notify(recipients=[personas.pupil_an], kind="forum.reply", title="Trả lời")
    assert send_all_digests() == 0
    assert not personas.pupil_an.notifications.filter(digest_pending=True).exists()


def test_management_command_sends_digests_and_publishes_due_announcements(personas, settings):
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Trả lời")
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


def test_next_digest_time_is_the_configured_local_time(settings):
    from notifications.tasks import next_digest_time

    settings.NOTIFICATIONS_DIGEST_TIME = "17:30"
    evening = datetime(2026, 11, 27, 18, 0, tzinfo=HANOI)
    noon = datetime(2026, 11, 27, 12, 0, tzinfo=HANOI)
    assert timezone.localtime(next_digest_time(noon)) == datetime(
        2026, 11, 27, 17, 30, tzinfo=HANOI
    )
    assert timezone.localtime(next_digest_time(evening)).date().isoformat() == "2026-11-28"


def test_daily_run_is_scheduled_once_with_the_database_backend(db, settings):
    from asgiref.local import Local
    from django.tasks import task_backends
    from django_tasks_db.models import DBTaskResult

    from portal.tasks import schedule_daily_run

    def reset():
        task_backends.__dict__.pop("settings", None)
        task_backends._connections = Local(task_backends.thread_critical)

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    reset()
    try:
        assert schedule_daily_run() and schedule_daily_run()
        (waiting,) = DBTaskResult.objects.filter(status="READY")
        assert waiting.task_path == "portal.tasks.daily_run"
        assert timezone.localtime(waiting.run_after).strftime("%H:%M") == "17:30"
    finally:
        reset()
