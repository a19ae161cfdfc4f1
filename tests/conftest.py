import copy
from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .personas import PERSONA_NAMES, Personas, build_personas


@pytest.fixture
def personas(db) -> Personas:
    return build_personas()


def _only_test_blocks(connection) -> bool:
    return all(block._from_testcase for block in connection.atomic_blocks)


@pytest.fixture(autouse=True)
def on_commit_as_in_production(monkeypatch):
    """Run `transaction.on_commit` callbacks when a real run would.

    A test runs inside a transaction that never commits (TestCase's blocks), so
    Django keeps every on_commit callback pending and drops it at the end. Tasks
    are enqueued on commit with the immediate backend (lib/tasks.py): here a
    callback runs at once when only the test's own blocks are open (as in
    autocommit), and when the outermost block of the code under test ends
    without error (where a real run commits). Django itself drops the callbacks
    of a block that rolls back. Transactional tests have no test blocks and get
    Django's own behaviour unchanged.
    """
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.transaction import Atomic

    on_commit, exit_block = BaseDatabaseWrapper.on_commit, Atomic.__exit__

    def on_commit_now_outside_blocks(connection, func, robust=False):
        if connection.in_atomic_block and _only_test_blocks(connection):
            func()
        else:
            on_commit(connection, func, robust)

    def exit_then_commit_callbacks(block, exc_type, exc_value, traceback):
        exit_block(block, exc_type, exc_value, traceback)
        connection = transaction.get_connection(block.using)
        if block._from_testcase or not connection.in_atomic_block:
            return
        if exc_type is None and _only_test_blocks(connection):
            pending, connection.run_on_commit = connection.run_on_commit, []
            for _savepoints, func, _robust in pending:
                func()

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit_now_outside_blocks)
    monkeypatch.setattr(Atomic, "__exit__", exit_then_commit_callbacks)


@pytest.fixture(scope="module")
def module_personas(django_db_setup, django_db_blocker) -> Iterator[Personas]:
    """The personas built once for a whole test module (like TestCase.setUpTestData).

    Each test's own transaction (the `db` fixture) is a savepoint inside this
    one, so what a test writes is undone after it; the personas themselves are
    rolled back after the module. Use through `personas_of_module`.
    """
    module_block = transaction.atomic()
    module_block._from_testcase = True  # a test's block, as TestCase marks its own (see below)
    with django_db_blocker.unblock(), module_block:
        yield build_personas()
        transaction.set_rollback(True)


@pytest.fixture
def personas_of_module(module_personas, db) -> Personas:
    """The module's personas, copied for each test so that no change in memory leaks."""
    return copy.deepcopy(module_personas)


@pytest.fixture
def client_for(personas):
    """client_for("pupil_an") -> a Client logged in as that persona (anonymous: not logged in)."""

    def make(name: str) -> Client:
        client = Client()
        user = personas.get(name)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def all_persona_names() -> tuple[str, ...]:
    return PERSONA_NAMES


class QueryCounter:
    def __init__(self):
        self.context = CaptureQueriesContext(connection)

    def __enter__(self):
        self.context.__enter__()
        return self

    def __exit__(self, *exc):
        self.context.__exit__(*exc)

    @property
    def count(self) -> int:
        return len(self.context.captured_queries)

    def explain(self) -> str:
        return "\n".join(
            f"{i + 1}. {q['sql'][:300]}" for i, q in enumerate(self.context.captured_queries)
        )


@pytest.fixture
def count_queries():
    """with count_queries() as q: ...; assert q.count == N, q.explain()"""
    return QueryCounter


def pytest_collection_modifyitems(config, items):
    import os
    import shutil

    chromium = shutil.which("chromium") or os.path.exists("/usr/bin/chromium")
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
            if not chromium and not os.environ.get("CI"):
                item.add_marker(
                    pytest.mark.skip(reason="Chromium is not installed (/usr/bin/chromium)")
                )
        if item.get_closest_marker("postgres_only") and connection.vendor != "postgresql":
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)"))
