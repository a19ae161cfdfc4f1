"""Every form on every page of the permission matrix survives junk: no 500 reaches a user."""

from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest

from ..personas import PERSONA_NAMES
from .test_url_matrix import collect_cases

JUNK = ("", "²³", "-1", "x" * 5000, "<script>alert(1)</script>", "9999-99-99", "1e309", "\x00")


class FormFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._current)
        elif self._current is not None and tag in {"input", "select", "textarea"}:
            name = attrs.get("name")
            if name and name != "csrfmiddlewaretoken" and attrs.get("type") != "file":
                self._current["fields"][name] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


@pytest.mark.slow
def test_every_post_form_answers_junk_without_a_server_error(personas, client_for):
    clients = {name: client_for(name) for name in PERSONA_NAMES}
    for client in clients.values():
        client.raise_request_exception = False  # collect every failure, then report them all
    failures, tried = [], set()
    for url_name, cases in sorted(collect_cases(personas).items()):
        for case in cases:
            if case.method != "get" or case.htmx:
                continue
            for persona in PERSONA_NAMES:
                if case.status_for(persona) != 200:
                    continue
                client = clients[persona]
                page = client.get(case.path)
                if page.status_code >= 500:
                    failures.append(
                        f"{url_name} as {persona}: GET {case.path} after junk -> {page.status_code}"
                    )
                if (
                    page.status_code != 200
                    or page.streaming
                    or "html" not in page.get("Content-Type", "")
                ):
                    continue
                finder = FormFinder()
                finder.feed(page.content.decode("utf-8", "replace"))
                for form in finder.forms:
                    action = urljoin(case.path, form["action"]) if form["action"] else case.path
                    # Destructive forms (logout, delete, lock) are left out: they need no junk.
                    if (action, persona) in tried or any(
                        word in action for word in ("logout", "xoa", "khoa", "rut-bai", "dang-xuat")
                    ):
                        continue
                    tried.add((action, persona))
                    for junk in JUNK:
                        data = dict.fromkeys(form["fields"], junk)
                        response = client.post(action, data)
                        if response.status_code >= 500:
                            failures.append(
                                f"{url_name} as {persona}: POST {action} with {junk[:20]!r} -> {response.status_code}"
                            )
                break  # one persona per page is enough
    assert len(tried) >= 20, f"only {len(tried)} forms were tried"
    assert not failures, "\n".join(failures)
