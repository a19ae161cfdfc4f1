"""Background work for announcements. Each task is safe to run twice."""

from django.tasks import task

from . import delivery


@task
def fan_out_announcement(announcement_id: int) -> int:
    """Notify the whole audience of one announcement; e-mails follow in batches."""
    return delivery.fan_out(announcement_id=announcement_id)


@task
def send_reminder(announcement_id: int) -> int:
    return delivery.send_reminders(announcement_id=announcement_id)
