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


@pytest.fixture(scope="module")
def module_personas(django_db_setup, django_db_blocker) -> Iterator[Personas]:
    """The personas built once for a whole test module (like TestCase.setUpTestData).

    Each test's own transaction (the `db` fixture) is a savepoint inside this
    one, so what a test writes is undone after it; the personas themselves are
    rolled back after the module. Use through `personas_of_module`.
    """
    with django_db_blocker.unblock(), transaction.atomic():
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
