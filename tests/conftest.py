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


@pytest.fixture
def personas(_module_personas, db) -> Personas:
    # `db` is named here so that pytest-django sets up the test database for a test
    # that asks only for personas; it is transactional when the test asks for that.
    if _module_personas is None:
        return build_personas()
    # A copy per test: tests may change attributes of the people they are given.
    return copy.deepcopy(_module_personas)


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
