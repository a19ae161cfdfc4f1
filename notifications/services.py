"""Creating and reading notifications. Other apps call `notify`."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from .models import Notification


def notify(*, recipients: Iterable, kind: str, title: str, url: str = "", body: str = "") -> int:
    """Create one in-app notification per recipient (inactive people skipped).

    Safe to call inside the caller's transaction: the rows commit with it.
    Returns the number created.
    """
    now = timezone.now()
    rows = [
        Notification(
            recipient=user, kind=kind, title=title[:200], url=url, body=body, created_at=now
        )
        for user in recipients
        if user.is_active
    ]
    Notification.objects.bulk_create(rows, batch_size=500)
    return len(rows)


@transaction.atomic
def mark_read(*, user, notification_id: int) -> Notification | None:
    notification = Notification.objects.for_user(user).filter(pk=notification_id).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(*, user) -> int:
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())
