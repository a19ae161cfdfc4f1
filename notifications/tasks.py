"""Background work of the notification centre (Django Tasks; django-tasks-db in production).

Every task here is safe to run twice: sending goes through the Delivery ledger.
The daily run that sends the digests is composed in portal.tasks, above the
apps whose due work it catches up first.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from . import services


@task
def deliver_notifications(notification_ids: list[int], channel: str = "email") -> int:
    return services.deliver_notification_batch(notification_ids, channel)


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
