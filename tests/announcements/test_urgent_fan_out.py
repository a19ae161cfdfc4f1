"""Publishing to a large audience returns at once; the worker fans out and e-mails."""

import time

import pytest
from asgiref.local import Local
from django.core import mail
from django.tasks import task_backends

from announcements import delivery
from notifications.models import Delivery, Notification
from notifications.services import deliver_notification_batch

from .test_query_counts import add_families


def _reset_task_backends():
    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def queued_tasks(settings):
    """Tasks are recorded, not run (as with the real worker, which runs later)."""
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    _reset_task_backends()
    yield task_backends["default"].results
    _reset_task_backends()


@pytest.mark.slow
def test_urgent_announcement_to_two_thousand_families_enqueues_one_task_and_returns(
    personas, client_for, queued_tasks
):
    add_families(personas.class_5a, 1000, "u")
    add_families(personas.class_4b, 1000, "v")
    started = time.perf_counter()
    response = client_for("editor").post(
        "/thong-bao/viet/",
        {
            "title": "Nghỉ học do bão",
            "body": "<p>Học sinh nghỉ học ngày mai.</p>",
            "audiences": ["school:parent"],
            "priority": "urgent",
        },
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 302
    assert [result.task.name for result in queued_tasks] == ["fan_out_announcement"]
    assert not Notification.objects.exists() and not mail.outbox  # nothing done in the request
    assert elapsed < 2, elapsed
    print(f"publishing an urgent announcement to 2,002 families: {elapsed * 1000:.0f} ms")

    # The worker: one fan-out task creates the notifications and enqueues e-mail batches.
    announcement_id = queued_tasks[0].args[0]
    queued_tasks.clear()
    assert delivery.fan_out(announcement_id=announcement_id) == 2002
    assert delivery.fan_out(announcement_id=announcement_id) == 0  # a retry does nothing
    batches = [result.args[0] for result in queued_tasks]
    assert {result.task.name for result in queued_tasks} == {"deliver_notifications"}
    assert sum(len(batch) for batch in batches) == 2002  # every parent here has an address

    started = time.perf_counter()
    for batch in batches:
        deliver_notification_batch(batch)
    elapsed = time.perf_counter() - started
    assert len(mail.outbox) == 2002
    assert Delivery.objects.filter(status="sent").count() == 2002
    print(f"rendering and sending 2,002 e-mails (locmem): {2002 / elapsed:.0f}/s")


def test_scheduled_announcement_is_fanned_out_at_its_time(personas, publish, queued_tasks):
    from datetime import timedelta

    from django.utils import timezone

    later = publish(
        keys=[f"class:{personas.class_5a.pk}:parent"],
        publish_at=timezone.now() + timedelta(hours=3),
    )
    (result,) = queued_tasks
    assert result.task.run_after == later.publish_at  # the worker waits; no cron needed
    assert delivery.fan_out(announcement_id=later.pk) == 0  # too early: nothing claimed
