"""The permission matrix: every URL pattern, every persona, the status each gets.

Each app's tests provide `tests/<app>/url_cases.py` with

    def cases(personas) -> dict[str, Case | list[Case]]

keyed by URL name ("news:article_detail"). It builds the objects it needs and
returns concrete paths with the expected status per persona. The matrix test
(tests/portal/test_url_matrix.py) fails when a URL name has no case.
"""

from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

LOGIN = 302  # anonymous visitors are sent to the login page
ALL_STAFF = ("teacher_5a", "other_teacher", "editor", "collaborator", "admin")
ALL_FAMILY = ("pupil_an", "pupil_binh", "parent_an", "other_parent")
LOGGED_IN = ALL_FAMILY + ALL_STAFF


@dataclass
class Case:
    path: str
    expect: dict[str, int] = field(default_factory=dict)
    default: int = 200  # status for personas not named in `expect`
    method: str = "get"
    data: dict | None = None
    htmx: bool = False

    def status_for(self, persona: str) -> int:
        return self.expect.get(persona, self.default)


def only(
    allowed: tuple[str, ...] | list[str],
    *,
    ok: int = 200,
    denied: int = 404,
    anonymous: int = LOGIN,
) -> dict:
    """Expectations where only `allowed` personas get `ok`; the others `denied`."""
    from .personas import PERSONA_NAMES

    result = {name: (ok if name in allowed else denied) for name in PERSONA_NAMES}
    if "anonymous" not in allowed:
        result["anonymous"] = anonymous
    return result


def logged_in(*, ok: int = 200) -> dict:
    return only(LOGGED_IN, ok=ok)


def public(*, ok: int = 200) -> dict:
    from .personas import PERSONA_NAMES

    return dict.fromkeys(PERSONA_NAMES, ok)


# URL names from third-party apps that we do not test persona by persona,
# with the reason. Our own names may never be listed here.
THIRD_PARTY_PREFIXES = (
    "admin:",  # Django admin: its own permission checks; admin:index is in the matrix
    "account_",  # allauth: login, logout, password flows have their own tests
    "mfa_",  # allauth MFA: tests/accounts
    "usersessions_",
)
THIRD_PARTY_COVERED = ("admin:index", "account_login", "account_change_password", "account_signup")


def all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str | None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                walk(pattern.url_patterns, full)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def names_needing_cases() -> set[str]:
    return {
        name
        for name in all_url_names()
        if not name.startswith(THIRD_PARTY_PREFIXES) or name in THIRD_PARTY_COVERED
    }
