"""Background work of the roof: gallery renditions and the daily run."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.tasks import task
from django.utils.translation import gettext as _

from announcements import services as announcements_services
from lib.images import make_rendition
from lib.tasks import enqueue
from news import services as news_services
from notifications import services as notifications_services
from notifications.tasks import next_digest_time

from . import backups

logger = logging.getLogger(__name__)


@task()
def make_photo_renditions(photo_id: int) -> None:
    """Small (320 px) and medium (960 px) WebP copies of a gallery photo."""
    from .models import Photo

    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None or photo.small:
        return  # deleted meanwhile, or a retried task that already ran
    with photo.image.open("rb") as source:
        data = source.read()
    stem = (photo.image.name or "photo").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    photo.small.save(f"{stem}-320.webp", ContentFile(make_rendition(data, 320)), save=False)
    photo.medium.save(f"{stem}-960.webp", ContentFile(make_rendition(data, 960)), save=False)
    photo.save(update_fields=["small", "medium"])


logger = logging.getLogger(__name__)


@task()
def send_contact_acknowledgement(message_id: int) -> bool:
    """Tell the sender of a contact message that the school received it (e-mail only)."""
    from .models import ContactMessage

    message = ContactMessage.objects.filter(pk=message_id).first()
    if message is None or "@" not in message.reply_to:
        return False
    body = _(
        "Kính gửi %(name)s,\n\n"
        "%(school)s đã nhận được thư của bạn về “%(topic)s”. Văn phòng sẽ trả lời "
        "trong giờ làm việc, qua địa chỉ bạn đã để lại.\n\n"
        "Đây là thư tự động, xin đừng trả lời thư này. Nhà trường không bao giờ hỏi "
        "mật khẩu hay mã OTP qua e-mail.\n\n%(school)s\n%(site)s"
    ) % {
        "name": message.name,
        "school": settings.SCHOOL_NAME,
        "topic": message.get_topic_display(),
        "site": settings.SITE_URL,
    }
    send_mail(
        _("%(school)s đã nhận thư của bạn") % {"school": settings.SCHOOL_NAME},
        body,
        None,
        [message.reply_to],
    )
    return True


def run_daily() -> int:
    """The day's catch-up, the digests, then a backup; returns the number of digests sent.

    Scheduled announcements whose time has come fan out first, so that they are
    in today's digest; pictures uploaded for drafts never saved are removed. Every
    step is idempotent: the run may repeat any time.
    The backup is skipped when the nightly backup timer made one in the last 20
    hours; a failed backup is logged and left to the doctor and the admin
    overview to report (both warn about an old backup), so that it never stops
    the digests or the rescheduling of tomorrow's run.
    Then the retention rule for what strangers sent, and the official headlines
    (a source that fails is recorded on its own row and stops nothing).
    """
    from . import channel_services, feeds

    announcements_services.publish_due()
    news_services.purge_unclaimed_inline_images()
    sent = notifications_services.send_all_digests()
    channel_services.delete_expired_messages()
    try:
        feeds.fetch_all()
    except Exception:  # pragma: no cover - fetch_all catches per feed already
        logger.exception("Fetching official headlines failed")
    if settings.BACKUP_IN_DAILY_RUN:
        try:
            backups.backup_if_due()
        except (backups.BackupError, OSError):
            logger.exception("The daily run's backup failed")
    return sent


@task
def daily_run(reschedule: bool = False) -> int:
    """The daily run in the worker. With `reschedule`, enqueue tomorrow's run, so a
    worker alone keeps the digests going (needs a backend that can defer)."""
    sent = run_daily()
    if reschedule:
        schedule_daily_run()
    return sent


def _daily_run_waiting() -> bool:
    """With django-tasks-db, whether a future daily run is already waiting in the queue."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another backend: it cannot tell
        return False
    return DBTaskResult.objects.filter(task_path=daily_run.module_path, status="READY").exists()


def schedule_daily_run() -> bool:
    """Enqueue the next daily run unless one waits already. False if the backend cannot defer."""
    if not daily_run.get_backend().supports_defer:
        return False
    if not _daily_run_waiting():
        enqueue(daily_run.using(run_after=next_digest_time()), reschedule=True)
    return True
