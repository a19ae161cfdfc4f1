"""Background work of the roof: gallery renditions and the daily run."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.tasks import task

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


def run_daily() -> int:
    """The day's catch-up, the digests, then a backup; returns the number of digests sent.

    Scheduled announcements whose time has come fan out first, so that they are
    in today's digest; pictures uploaded for drafts never saved are removed. Every
    step is idempotent: the run may repeat any time.
    The backup is skipped when the nightly backup timer made one in the last 20
    hours; a failed backup is logged and left to the doctor and the admin
    overview to report (both warn about an old backup), so that it never stops
    the digests or the rescheduling of tomorrow's run.
    """
    announcements_services.publish_due()
    news_services.purge_unclaimed_inline_images()
    sent = notifications_services.send_all_digests()
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
