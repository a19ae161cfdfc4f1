import copy

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .personas import PERSONA_NAMES, Personas, build_personas

_NEEDS_COMMITS = {"transactional_db", "live_server"}


def _commits(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(_NEEDS_COMMITS & set(item.fixturenames)) or bool(
        marker and marker.kwargs.get("transaction")
    )


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
def _module_personas(request, django_db_setup, django_db_blocker):
    """The personas, built once per test module inside a transaction that is rolled
    back when the module ends; each test then runs in a savepoint inside it, as
    Django's setUpTestData does. A module with tests that must really commit
    (browser journeys, races) builds them per test instead."""
    in_module = [item for item in request.session.items if item.module is request.module]
    if any(_commits(item) for item in in_module):
        yield None
        return
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        # Marked as a test's own block, as TestCase marks its blocks, so that the
        # on-commit stand-in below treats it as the test transaction it is.
        outer._from_testcase = True
        outer.__enter__()
        built = build_personas()
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: people's write counts (accounts.write_limits)
    are kept there by user id, and ids repeat from one test module to the next."""
    cache.clear()


def _warm_site_caches() -> None:
    """The header menu and the home layout as a running site has them: cached.

    Both are rebuilt at most once an hour or after an editor's change (two queries
    each); query-count tests measure pages as people get them the rest of the time.
    tests/portal/test_menu.py and test_home_blocks.py test the cold path.
    """
    from portal import home_blocks, menu

    menu.tree()
    home_blocks.layout()


@pytest.fixture
def personas(_module_personas, db, _fresh_cache) -> Personas:
    # `db` is named here so that pytest-django sets up the test database for a test
    # that asks only for personas; it is transactional when the test asks for that.
    # A copy per test: tests may change attributes of the people they are given.
    built = build_personas() if _module_personas is None else copy.deepcopy(_module_personas)
    _warm_site_caches()
    return built


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
        if item.get_closest_marker("production") and os.environ.get("PRODUCTION_LEG") != "1":
            item.add_marker(pytest.mark.skip(reason="the production leg of .ci/run runs these"))
        if item.get_closest_marker("postgres_only") and connection.vendor != "postgresql":
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)"))
