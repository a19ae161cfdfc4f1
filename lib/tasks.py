"""Handing work to the background worker: every `.enqueue()` of the project goes through here.

The task is enqueued in the caller's transaction on purpose. With the
django-tasks-db backend (production) the queue is a table in the same
database: the task row commits or rolls back with the change that made it
(the queue is the outbox), so a worker never runs a task for a change that
was rolled back, and never misses one for a change that committed.

Any other backend (the immediate backend of the tests, the dummy backend, a
broker) acts outside the database transaction: it would run or send the task
at once, before the change is committed, or even if it is then rolled back.
There the task is enqueued on commit instead, which outside any transaction
means at once.
"""

from typing import Any

from django.db import transaction
from django.tasks import Task
from django_tasks_db import DatabaseBackend


def enqueue(task: Task, *args: Any, **kwargs: Any) -> None:
    """Enqueue `task(*args, **kwargs)` with the caller's transaction (see the module docstring).

    For a deferred run, pass `task.using(run_after=…)`.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
