"""A retried task never sends the same e-mail twice; a failed one is tried again."""

import pytest
from django.core import mail

from notifications import channels
from notifications.models import Delivery, Mode, Notification
from notifications.services import (
    deliver_notification_batch,
    notify,
    send_all_digests,
    set_preference,
)
from notifications.tasks import deliver_notifications
from portal.tasks import daily_run


@pytest.fixture
def at_once(personas):
    set_preference(user=personas.parent_an, kind="forum.reply", mode=Mode.IMMEDIATE)
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Có trả lời mới")
    return Notification.objects.get()


def test_running_the_delivery_task_again_sends_nothing_more(at_once):
    assert len(mail.outbox) == 1
    result = deliver_notifications.enqueue([at_once.pk])  # the worker retries the task
    assert result.return_value == 0
    assert deliver_notification_batch([at_once.pk]) == 0
    assert len(mail.outbox) == 1
    delivery = Delivery.objects.get()
    assert delivery.key == f"n{at_once.pk}:email" and delivery.status == "sent"


def test_a_failed_send_is_recorded_and_the_retry_sends_once(personas, monkeypatch):
    set_preference(user=personas.parent_an, kind="forum.reply", mode=Mode.IMMEDIATE)
    real_send = channels.EmailChannel.send

    def broken(self, **kwargs):
        raise OSError("Máy chủ thư không trả lời")

    monkeypatch.setattr(channels.EmailChannel, "send", broken)
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Có trả lời mới")
    delivery = Delivery.objects.get()
    assert delivery.status == "failed" and "không trả lời" in delivery.error
    assert mail.outbox == []

    monkeypatch.setattr(channels.EmailChannel, "send", real_send)
    notification = Notification.objects.get()
    assert deliver_notification_batch([notification.pk]) == 1
    assert deliver_notification_batch([notification.pk]) == 0
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 2


def test_a_message_claimed_by_another_worker_is_not_sent_again(personas):
    set_preference(user=personas.parent_an, kind="forum.reply", mode=Mode.OFF)
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Đang gửi")
    notification = Notification.objects.get()
    Delivery.objects.create(
        key=f"n{notification.pk}:email",
        recipient=personas.parent_an,
        channel="email",
        address="bich@example.com",
        status="sending",
    )
    assert deliver_notification_batch([notification.pk]) == 0
    assert mail.outbox == []


def test_retried_digest_task_sends_one_digest(personas):
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Trả lời")
    daily_run.enqueue()
    daily_run.enqueue()
    assert send_all_digests() == 0
    assert len(mail.outbox) == 1


def test_a_new_channel_is_one_class(personas, monkeypatch):
    """An SMS gateway would plug in like this; the ledger and preferences just work."""
    sent = []

    class FakeSmsChannel(channels.Channel):
        name = "sms"

        def address_for(self, user):
            return user.phone

        def send(self, *, address, message):
            sent.append((address, message.subject))

    from notifications import services

    monkeypatch.setitem(channels.CHANNELS, "sms", FakeSmsChannel)
    monkeypatch.setattr(services, "ENABLED_CHANNELS", ("email", "sms"))
    set_preference(
        user=personas.parent_an, kind="forum.moderation", mode=Mode.IMMEDIATE, channel="sms"
    )
    notify(
        recipients=[personas.parent_an, personas.other_parent],
        kind="forum.moderation",
        title="Bài viết bị ẩn",
    )
    assert sent == [("0912345678", "Bài viết bị ẩn")]
    assert mail.outbox == []  # e-mail stays on its default, the digest
    notification = Notification.objects.get(recipient=personas.parent_an)
    assert deliver_notification_batch([notification.pk], "sms") == 0  # already sent
    assert Delivery.objects.get().key == f"n{notification.pk}:sms"


def test_failed_messages_are_retried_later_up_to_three_attempts(personas, monkeypatch, settings):
    from asgiref.local import Local
    from django.tasks import task_backends

    def reset():
        task_backends.__dict__.pop("settings", None)
        task_backends._connections = Local(task_backends.thread_critical)

    set_preference(user=personas.parent_an, kind="forum.reply", mode=Mode.IMMEDIATE)
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    reset()
    try:
        queued = task_backends["default"].results
        monkeypatch.setattr(
            channels.EmailChannel, "send", lambda self, **kw: (_ for _ in ()).throw(OSError("x"))
        )
        notify(recipients=[personas.parent_an], kind="forum.reply", title="Có trả lời mới")
        notification = Notification.objects.get()
        for attempt in (1, 2, 3):
            queued.clear()
            deliver_notification_batch([notification.pk])
            assert Delivery.objects.get().attempts == attempt
            retries = [r for r in queued if r.task.name == "deliver_notifications"]
            if attempt < 3:
                assert retries and retries[0].task.run_after is not None
            else:
                assert not retries  # gave up; the admin shows it as failed
    finally:
        reset()


def test_a_send_left_unfinished_by_a_dead_worker_is_claimed_again_later(personas):
    from datetime import timedelta

    from django.utils import timezone

    from notifications.models import Delivery
    from notifications.services import STALE_CLAIM, claim_delivery

    first = claim_delivery(
        key="n1:email", recipient=personas.parent_an, channel="email", address="bich@example.com"
    )
    assert first is not None
    # Another worker right away: the message is being sent, leave it.
    assert (
        claim_delivery(
            key="n1:email",
            recipient=personas.parent_an,
            channel="email",
            address="bich@example.com",
        )
        is None
    )
    Delivery.objects.filter(pk=first.pk).update(
        claimed_at=timezone.now() - STALE_CLAIM - timedelta(minutes=1)
    )
    again = claim_delivery(
        key="n1:email", recipient=personas.parent_an, channel="email", address="bich@example.com"
    )
    assert again is not None and again.pk == first.pk
