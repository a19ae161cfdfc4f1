"""Background work for announcements. Each task is safe to run twice."""

from django.tasks import task

from . import services


@task
def fan_out_announcement(announcement_id: int) -> int:
    """Notify the whole audience of one announcement; e-mails follow in batches."""
    return services.fan_out(announcement_id=announcement_id)


@task
def send_reminder(announcement_id: int) -> int:
    return services.send_reminders(announcement_id=announcement_id)
