"""Dependencies run one way: no app imports an app above it (docs/architecture.md).

Read from the source (ast), so an import inside a function counts as much as one at the
top of a module. Migrations are left out: they name other apps' migrations, not their code.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. The project package's utilities are below every app; the apps of one level
# do not import each other.
LAYERS = [
    {"ontmoeting"},
    {"instellingen"},
    {"clusters"},
    {"locaties"},
    {"activiteiten"},
    {"beheer", "overzichten", "api"},
    {"demo"},
]
LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}
STAFF = LEVEL["beheer"]

# The project's wiring plugs the apps together, so it may name any of them.
WIRING = {
    "ontmoeting/settings",
    "ontmoeting/urls.py",
    "ontmoeting/wsgi.py",
    "ontmoeting/asgi.py",
    "ontmoeting/middleware.py",
    "ontmoeting/context_processors.py",
}
# An app's admin is the staff's part of it: it runs in the staff admin site with beheer's
# rights mixins, so it sits at beheer's level (and may use the apps below beheer).
ADMIN_MODULES = {"admin.py", "admin_views.py"}


def python_modules():
    for app in LEVEL:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in relative:
                yield app, relative, path


def imported_apps(path: Path) -> dict[str, int]:
    """The other apps a module imports, each with the line of its first import."""
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in LEVEL:
                found.setdefault(top, node.lineno)
    return found


def may_import(app: str, relative: str, other: str) -> bool:
    """Whether the module ``relative`` of ``app`` may import ``other``: an app below its own
    (for an admin module, below beheer, or beheer itself); the project's wiring, any."""
    if any(relative == w or relative.startswith(w + "/") for w in WIRING):
        return True
    if other == app or LEVEL[other] < LEVEL[app]:
        return True
    is_admin = relative.rsplit("/", 1)[-1] in ADMIN_MODULES
    return is_admin and (other == "beheer" or LEVEL[other] < STAFF)


def upward_imports():
    for app, relative, path in python_modules():
        for other, line in imported_apps(path).items():
            if not may_import(app, relative, other):
                yield relative, other, line


def test_no_app_imports_an_app_above_it():
    # No exceptions are kept to untangle later. When a module needs an app above it, the rule
    # it needs moves down (as the rights did, to ontmoeting/scopes.py) or the code that needs
    # both moves up (the home page to activiteiten/pages.py, the activity filters of the
    # places to a subclass in activiteiten/filters.py).
    found = [f"{relative}:{line} imports {other}" for relative, other, line in upward_imports()]
    assert found == []


def test_an_upward_import_is_found(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "import datetime\n\n\ndef f():\n    from activiteiten.models import Activity\n"
    )
    assert imported_apps(module) == {"activiteiten": 5}
    assert not may_import("locaties", "locaties/filters.py", "activiteiten")
    assert not may_import("activiteiten", "activiteiten/services.py", "beheer")
    assert not may_import("ontmoeting", "ontmoeting/scopes.py", "beheer")
    assert may_import("activiteiten", "activiteiten/admin.py", "beheer")
    assert may_import("ontmoeting", "ontmoeting/urls.py", "demo")


@pytest.mark.parametrize("app", sorted(LEVEL))
def test_every_app_is_in_a_layer(app):
    assert (ROOT / app / "__init__.py").exists()


def test_every_installed_app_of_ours_is_in_a_layer(settings):
    ours = {
        name.split(".")[0]
        for name in settings.INSTALLED_APPS
        if (ROOT / name.split(".")[0] / "__init__.py").exists()
    }
    assert ours <= set(LEVEL)


# Inside an app, too, modules import one way: a circle (models → agenda → models, even
# through an import inside a function) means no module of it can be read, or changed, alone.


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """The modules of ``modules`` that the module at ``path`` imports (an imported name
    that is no module counts as its module, ``from .models import Activity`` as models)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            targets = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def circle(graph: dict[str, set[str]]) -> list[str]:
    """One circle of imports in ``graph`` (its modules in order, the first again last), or []."""
    done, path = set(), []

    def visit(module):
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return []
        path.append(module)
        for other in sorted(graph[module]):
            if found := visit(other):
                return found
        path.pop()
        done.add(module)
        return []

    for module in sorted(graph):
        if found := visit(module):
            return found
    return []


@pytest.mark.parametrize("app", sorted(LEVEL))
def test_the_modules_of_an_app_import_each_other_one_way(app):
    paths = {module_name(path): path for _app, _relative, path in python_modules() if _app == app}
    graph = {name: imported_modules(path, set(paths)) for name, path in paths.items()}
    assert circle(graph) == []


def test_a_circle_of_imports_is_found():
    assert circle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert circle({"a": {"b"}, "b": set()}) == []
