"""A scheduled announcement whose time has come is sent by the next daily run
(portal.tasks: publish what is due, then the digests)."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from announcements.models import Announcement
from notifications.models import Notification


def test_the_digest_run_sends_a_scheduled_announcement_whose_time_has_come(
    personas, publish, django_capture_on_commit_callbacks
):
    class_5a = personas.class_5a.pk
    with django_capture_on_commit_callbacks(execute=True):
        notice = publish(
            keys=[f"class:{class_5a}:parent"], publish_at=timezone.now() + timedelta(hours=2)
        )
    assert not Notification.objects.filter(recipient=personas.parent_an).exists()
    # Two hours later, as if the queued task had been lost: the digest run catches up.
    Announcement.objects.filter(pk=notice.pk).update(
        publish_at=timezone.now() - timedelta(minutes=1), fanned_out_at=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Notification.objects.filter(
        recipient=personas.parent_an, url=notice.get_absolute_url()
    ).exists()
