"""Background work of the notification centre (Django Tasks; django-tasks-db in production).

Every task here is safe to run twice: sending goes through the Delivery ledger.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from lib.tasks import enqueue

from . import services

# Work that must be caught up before each digest (e.g. announcements whose
# publish time has come). Apps above this one register it from their
# AppConfig.ready(): notifications may not import them.
_due_hooks: list = []


def on_digest_due(hook) -> None:
    """Register `hook()` to run before every digest; it must be idempotent."""
    if hook not in _due_hooks:
        _due_hooks.append(hook)


@task
def deliver_notifications(notification_ids: list[int], channel: str = "email") -> int:
    return services.deliver_notification_batch(notification_ids, channel)


def run_due_hooks() -> None:
    for hook in _due_hooks:
        hook()


def next_digest_time(now: datetime | None = None) -> datetime:
    """The next local DIGEST_TIME after `now` (aware)."""
    hour, minute = (int(part) for part in settings.NOTIFICATIONS_DIGEST_TIME.split(":"))
    local = timezone.localtime(now or timezone.now())
    candidate = timezone.make_aware(datetime.combine(local.date(), time(hour, minute)))
    if candidate <= local:
        candidate = timezone.make_aware(
            datetime.combine(local.date() + timedelta(days=1), time(hour, minute))
        )
    return candidate


@task
def send_daily_digests(reschedule: bool = False) -> int:
    """One digest e-mail per person with something new (at most one per person per day).

    With `reschedule`, enqueue the next run for tomorrow's digest time, so a
    worker alone keeps the digests going (needs a backend that can defer).
    """
    run_due_hooks()
    sent = services.send_all_digests()
    if reschedule:
        schedule_next_digest()
    return sent


def _digest_already_scheduled() -> bool:
    """With django-tasks-db, whether a future digest run is already waiting in the queue."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another backend: it cannot tell
        return False
    return DBTaskResult.objects.filter(
        task_path=send_daily_digests.module_path, status="READY"
    ).exists()


def schedule_next_digest() -> bool:
    """Enqueue the next daily run unless one waits already. False if the backend cannot defer."""
    if not send_daily_digests.get_backend().supports_defer:
        return False
    if not _digest_already_scheduled():
        enqueue(send_daily_digests.using(run_after=next_digest_time()), reschedule=True)
    return True
