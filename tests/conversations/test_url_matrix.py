"""The conversations' own part of the permission matrix, runnable alone (the full
matrix in tests/portal/test_url_matrix.py walks every app)."""

from ..personas import PERSONA_NAMES
from . import url_cases


def test_every_persona_gets_the_expected_status_on_conversation_pages(personas, client_for):
    failures = []
    clients = {name: client_for(name) for name in PERSONA_NAMES}
    for url_name, found in sorted(url_cases.cases(personas).items()):
        for case in found if isinstance(found, list) else [found]:
            for persona in PERSONA_NAMES:
                response = getattr(clients[persona], case.method)(case.path, data=case.data)
                if response.status_code != case.status_for(persona):
                    failures.append(
                        f"{url_name} {case.method.upper()} {case.path} as {persona}: "
                        f"got {response.status_code}, expected {case.status_for(persona)}"
                    )
    assert not failures, "\n".join(failures)
