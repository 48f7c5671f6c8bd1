"""The apps are layered: each imports only apps below it, so that no import cycle can
form between apps. The order is written once, in docs/architecture.md ("Layers").

Every production module of every app is read (imports inside functions and under
``TYPE_CHECKING`` too). Tests (``tests/`` and ``conftest.py``) are left out: a test
may set up records of any app, as the GDPR tests of accounts set up clusters.
"""

import ast
import re
from pathlib import Path

from django.apps import apps

PROJECT = "klusteri"
PROJECT_DIR = Path(__file__).resolve().parents[2]
ARCHITECTURE = PROJECT_DIR.parent / "docs" / "architecture.md"


def layers() -> list[str]:
    """The apps, lowest first, as the "Layers" section of docs/architecture.md lists
    them on its line of arrows: `core` → `audit` → …"""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    section = text.split("\n## Layers\n", 1)[1].split("\n## ", 1)[0]
    [line] = [line for line in section.splitlines() if "→" in line]
    return [name.strip(" `") for name in line.split("→")]


def project_apps() -> list[str]:
    return [
        config.name.removeprefix(f"{PROJECT}.")
        for config in apps.get_app_configs()
        if config.name.startswith(f"{PROJECT}.")
    ]


def imported_modules(source: str, module: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in ``source``, the text of ``module``;
    ``from a import b`` counts as ``a.b`` (b may be a module), relative ones resolved."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")[: -node.level]
                base = ".".join([*package, *([base] if base else [])])
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def upward_imports(app: str, source: str, module: str, order: list[str]) -> list[str]:
    """The imports in ``module`` (of ``app``) of an app above ``app`` in ``order``, or
    of a project module outside every app (settings, urls, conftest…)."""
    wrong = []
    for line, name in imported_modules(source, module):
        parts = name.split(".")
        if parts[0] != PROJECT or len(parts) < 2 or parts[1] == app:
            continue
        target = parts[1]
        if target not in order or order.index(target) > order.index(app):
            wrong.append(f"{module}:{line} imports {name} ({app} may not import {target})")
    return wrong


def production_modules(app: str):
    app_dir = PROJECT_DIR / app
    for path in sorted(app_dir.rglob("*.py")):
        relative = path.relative_to(PROJECT_DIR.parent).with_suffix("")
        if "tests" in relative.parts or path.name == "conftest.py":
            continue
        module = ".".join(relative.parts)  # a package as its __init__, for relative imports
        yield module, path.read_text(encoding="utf-8")


def test_every_app_has_its_place_in_the_layers():
    order = layers()

    assert len(order) == len(set(order))
    assert [app for app in project_apps() if app not in order] == []


def test_no_app_imports_an_app_above_it():
    order = layers()

    wrong = [
        problem
        for app in project_apps()
        for module, source in production_modules(app)
        for problem in upward_imports(app, source, module, order)
    ]

    assert wrong == []


def test_every_app_module_is_read():
    modules = {module for app in project_apps() for module, _source in production_modules(app)}

    assert {
        "klusteri.accounts.services",
        "klusteri.accounts.privacy",
        "klusteri.clusters.transfer.importer",
        "klusteri.core.management.commands.backup",
    } <= modules
    assert not {module for module in modules if re.search(r"\.tests?(\.|$)", module)}


ORDER = ["core", "audit", "accounts", "clusters"]


def test_an_import_of_an_app_above_is_found_wherever_it_is():
    source = """
from klusteri.audit.services import log_action
from klusteri.core import personal_data
import klusteri.accounts.models


def erase(user):
    from klusteri.clusters.services import update_cluster
"""

    assert upward_imports("accounts", source, "klusteri.accounts.services", ORDER) == [
        "klusteri.accounts.services:8 imports klusteri.clusters.services.update_cluster"
        " (accounts may not import clusters)"
    ]


def test_relative_and_project_imports_are_found():
    source = "from ..clusters import models\nfrom klusteri import settings\nfrom . import privacy\n"

    assert upward_imports("audit", source, "klusteri.audit.services", ORDER) == [
        "klusteri.audit.services:1 imports klusteri.clusters.models"
        " (audit may not import clusters)",
        "klusteri.audit.services:2 imports klusteri.settings (audit may not import settings)",
    ]
