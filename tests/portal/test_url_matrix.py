"""Every URL pattern answers every persona as the matrix says (deny by default)."""

import pytest

from ..accounts import url_cases as accounts_cases
from ..announcements import url_cases as announcements_cases
from ..conversations import url_cases as conversations_cases
from ..forum import url_cases as forum_cases
from ..lessons import url_cases as lessons_cases
from ..news import url_cases as news_cases
from ..notifications import url_cases as notifications_cases
from ..personas import PERSONA_NAMES
from ..portal import url_cases as portal_cases
from ..reports import url_cases as reports_cases
from ..url_matrix import Case, names_needing_cases

# One line per app with URLs; a new app's missing cases fail the test below.
CASE_MODULES = (
    accounts_cases, announcements_cases, conversations_cases, forum_cases, lessons_cases, news_cases, notifications_cases,
    portal_cases, reports_cases,
)  # fmt: skip


def collect_cases(personas) -> dict[str, list[Case]]:
    collected: dict[str, list[Case]] = {}
    for module in CASE_MODULES:
        for name, case in module.cases(personas).items():
            collected.setdefault(name, []).extend(case if isinstance(case, list) else [case])
    return collected


def test_every_url_pattern_is_in_the_matrix(personas):
    covered = set(collect_cases(personas))
    missing = sorted(names_needing_cases() - covered)
    assert not missing, f"URL patterns missing from the permission matrix: {missing}"


@pytest.mark.slow
def test_every_persona_gets_the_expected_status(personas, client_for):
    failures = []
    clients = {name: client_for(name) for name in PERSONA_NAMES}
    for url_name, url_cases in sorted(collect_cases(personas).items()):
        for case in url_cases:
            for persona in PERSONA_NAMES:
                client = clients[persona]
                headers = {"HX-Request": "true"} if case.htmx else {}
                response = getattr(client, case.method)(case.path, data=case.data, headers=headers)
                if response.status_code != case.status_for(persona):
                    failures.append(
                        f"{url_name} {case.method.upper()} {case.path} as {persona}: "
                        f"got {response.status_code}, expected {case.status_for(persona)}"
                    )
    assert not failures, "\n".join(failures)
