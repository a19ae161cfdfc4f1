"""The floors of the house (../shared/DESIGN.md, "Layout") as a test.

Every module's imports are read with `ast`, functions' own imports included, so
a dependency cannot hide in a function body. A floor may import the floors
below it (the roof's URLconf mounts the apps' views); apps on the same floor
may read each other's models, querysets and selectors but never their views;
nothing finds a module by a string.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# From the ground up. Apps missing here (a new one) fail the test until placed.
FLOORS: dict[str, int] = {
    "lib": 0,
    "notifications": 1,
    "accounts": 2,
    "news": 3,
    "lessons": 3,
    "forum": 3,
    "announcements": 3,
    "conversations": 3,
    "portal": 4,
    "reports": 4,
}
# Loading the demo school finds each app's seed module by name, on purpose:
# the roof's seed command may run any app's seed without knowing the list.
STRING_IMPORTS_ALLOWED = {"portal/management/commands/seed_demo.py"}


def _app_packages() -> list[str]:
    return sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "templates", "static", "locale", "node_modules"}
        and (path.parent / "apps.py").exists() | (path.parent.name == "lib")
    )


def _modules():
    for package in _app_packages():
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative:
                continue
            yield package, relative, ast.parse(path.read_text(), filename=relative)


def _imports(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [(node.module, node.lineno)]
            # `from forum import views` names the submodule in the alias.
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def test_every_app_has_a_floor():
    assert set(_app_packages()) <= set(FLOORS), set(_app_packages()) - set(FLOORS)


def test_no_module_imports_a_floor_above_it_or_another_apps_views():
    wrong = []
    for package, relative, tree in _modules():
        for name, line in _imports(tree):
            target = name.split(".")[0]
            if target not in FLOORS or target == package:
                continue
            if FLOORS[target] > FLOORS[package]:
                wrong.append(f"{relative}:{line} imports {name} (a floor above)")
            elif FLOORS[target] == FLOORS[package] and name.split(".")[1:2] == ["views"]:
                wrong.append(f"{relative}:{line} imports {name} (another app's views)")
    assert not wrong, "\n".join(wrong)


def test_no_module_is_found_by_a_string():
    wrong = []
    for _package, relative, tree in _modules():
        if relative in STRING_IMPORTS_ALLOWED:
            continue
        for name, line in _imports(tree):
            if name.endswith(("import_module", "import_string", "autodiscover_modules")):
                wrong.append(f"{relative}:{line} {name}")
        wrong += [
            f"{relative}:{node.lineno} __import__"
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__"
        ]
    assert not wrong, "\n".join(wrong)


def test_the_floor_test_sees_a_violation():
    """The reader above is not blind: an upward import written here is found."""
    tree = ast.parse("def f():\n    from portal import selectors\n")
    assert ("portal.selectors", 2) in _imports(tree)
