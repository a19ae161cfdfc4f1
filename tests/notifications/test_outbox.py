"""Background work leaves with the change that made it: the database queue is the outbox,
and a backend outside the database (the immediate one here) waits for the commit."""

import pytest
from asgiref.local import Local
from django.core import mail
from django.db import transaction
from django.tasks import task_backends
from django_tasks_db.models import DBTaskResult

from accounts.models import Role
from notifications.models import Mode
from notifications.services import notify, set_preference
from tests.personas import make_user


@pytest.mark.django_db(transaction=True)
def test_an_at_once_e_mail_leaves_only_once_the_change_is_committed():
    parent = make_user("ph_thu", "Đặng Thị Thu", Role.PARENT, email="thu@example.com")
    set_preference(user=parent, kind="forum.reply", mode=Mode.IMMEDIATE)

    with transaction.atomic():
        notify(recipients=[parent], kind="forum.reply", title="Có trả lời mới")
        assert mail.outbox == []  # the reply could still be rolled back
    assert [message.subject for message in mail.outbox] == ["Có trả lời mới"]

    with transaction.atomic():
        notify(recipients=[parent], kind="forum.reply", title="Trả lời bị huỷ")
        transaction.set_rollback(True)
    assert len(mail.outbox) == 1  # nothing is sent for a change that never happened


@pytest.fixture
def database_queue(settings):
    def reset():
        task_backends.__dict__.pop("settings", None)
        task_backends._connections = Local(task_backends.thread_critical)

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    reset()
    yield
    reset()


def test_with_the_database_queue_the_task_commits_or_rolls_back_with_the_change(
    personas, database_queue
):
    set_preference(user=personas.parent_an, kind="forum.reply", mode=Mode.IMMEDIATE)
    with transaction.atomic():
        notify(recipients=[personas.parent_an], kind="forum.reply", title="Trả lời bị huỷ")
        waiting = DBTaskResult.objects.filter(task_path="notifications.tasks.deliver_notifications")
        assert waiting.count() == 1  # written in the caller's transaction
        transaction.set_rollback(True)
    assert not waiting.exists()

    notify(recipients=[personas.parent_an], kind="forum.reply", title="Có trả lời mới")
    assert waiting.count() == 1
