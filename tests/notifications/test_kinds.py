"""Every kind of notification an app sends is registered: it has a label, a place on
the preferences page, and "unsubscribe from all" turns it off."""

import ast
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.test import Client

from accounts.privacy.requests import request_deletion
from announcements.models import Priority
from notifications.kinds import KINDS
from notifications.models import Mode
from notifications.services import ALL_KINDS, modes_for, send_all_digests, unsubscribe_token

SKIPPED_FOLDERS = {"tests", "migrations", "node_modules", "var", "locale", "static", "templates"}

# Kinds built at run time from a value the code cannot know statically: the
# f-string's template (each {…} written as {}) and every value it can take.
DYNAMIC_KINDS = {
    "announcement.{}": {f"announcement.{priority}" for priority in Priority.values},
}


def project_modules():
    for path in sorted(Path(settings.BASE_DIR).rglob("*.py")):
        parts = path.relative_to(settings.BASE_DIR).parts
        if not any(part.startswith(".") or part in SKIPPED_FOLDERS for part in parts[:-1]):
            yield path


def module_constants(tree: ast.Module) -> dict[str, str]:
    """NAME = "text" at the top of a module: kinds may be passed through such constants."""
    constants = {}
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            constants.update({t.id: value.value for t in targets if isinstance(t, ast.Name)})
    return constants


def kinds_named(node: ast.expr, constants: dict[str, str]) -> set[str] | None:
    """The kinds a `kind=` argument can name, or None when this test cannot read it."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.Name) and node.id in constants:
        return {constants[node.id]}
    if isinstance(node, ast.JoinedStr):
        template = "".join(
            part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
        return DYNAMIC_KINDS.get(template)
    return None


def notify_calls():
    """(where, kinds named or None) for every `notify(...)` call in the project's code."""
    for path in project_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        constants = module_constants(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name != "notify":
                continue
            where = f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}"
            kind = next((k.value for k in node.keywords if k.arg == "kind"), None)
            yield where, kinds_named(kind, constants) if kind is not None else None


def test_every_kind_sent_with_notify_is_registered():
    calls = list(notify_calls())
    assert any(where.startswith("accounts/privacy/requests.py") for where, _kinds in calls)
    unreadable = [where for where, kinds in calls if kinds is None]
    assert not unreadable, (
        f"notify(kind=…) that this test cannot read (pass a string, a module constant, "
        f"or add the f-string to DYNAMIC_KINDS): {unreadable}"
    )
    unregistered = sorted(
        f"{where}: {kind}" for where, kinds in calls for kind in kinds if kind not in KINDS
    )
    assert not unregistered, f"add these kinds to notifications/kinds.py: {unregistered}"


def test_deletion_request_appears_in_the_admins_digest_under_its_label(personas):
    request_deletion(subject=personas.pupil_an, by=personas.parent_an, reason="Chuyển trường")
    assert send_all_digests() == 1
    (digest,) = mail.outbox
    assert digest.to == ["quan@example.com"]
    assert "[Yêu cầu xoá tài khoản] Có yêu cầu xoá tài khoản mới cần xử lý" in digest.body
    assert "accounts.deletion_request" not in digest.body


def test_admin_chooses_how_to_hear_about_deletion_requests(personas, client_for):
    page = client_for("admin").get("/thong-bao-ca-nhan/cai-dat/")
    assert 'name="kind_accounts.deletion_request"' in page.text
    assert "Yêu cầu xoá tài khoản" in page.text


def test_unsubscribing_from_the_digest_stops_deletion_request_e_mails(personas):
    admin = personas.admin
    Client().post(
        f"/thong-bao-ca-nhan/huy-dang-ky/{unsubscribe_token(user=admin, kind=ALL_KINDS)}/"
    )
    assert modes_for([admin], "accounts.deletion_request")[admin.pk] == Mode.OFF

    request_deletion(subject=personas.pupil_an, by=personas.parent_an)
    assert send_all_digests() == 0
    assert admin.notifications.filter(kind="accounts.deletion_request").exists()  # still in the app
