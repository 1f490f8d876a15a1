"""Imports flow one way (docs/architecture.md, "Import direction"): a module may import its own app
and the apps of lower layers, never an app of its layer or above — function-level imports included.

Every Python file of the project is read (the AST, not a list kept by hand), so a new module or a
lazy import cannot escape the rule.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. Apps of one layer do not import each other.
LAYERS = [
    ["ccem"],  # settings, Celery app, shared reference tables
    ["comptes"],  # accounts, permissions, audit, shared helpers, registries of hooks
    ["accompagnement"],  # persons, support periods, cases: the core the units build on
    ["signalements", "psychosocial", "juridique", "sensibilisation"],
    ["documents", "echeances"],  # papers attached to records; deadlines computed from the units' records
    ["rapports"],
    ["donnees"],  # import/export of every app's records, the benchmark, demo data
    ["ccem.urls"],  # the root URLconf wires every app
]
RANG = {name: rang for rang, names in enumerate(LAYERS) for name in names}


def _layer(module: str) -> tuple[str, int] | None:
    """(app, layer) of a dotted module name, by longest prefix; None outside the project."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in RANG:
            return prefix, RANG[prefix]
    return None


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path):
    """(line, imported module) of every import in the file, at any depth (functions included)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield node.lineno, base
            for alias in node.names:  # `from accompagnement import indicateurs` imports a module
                yield node.lineno, f"{base}.{alias.name}"


def violations() -> list[str]:
    found = {}
    for name in {n.split(".")[0] for n in RANG}:
        for path in sorted((ROOT / name).rglob("*.py")):
            module = _module_name(path)
            own_app, own_layer = _layer(module)
            for line, imported in _imports(path):
                target = _layer(imported)
                if target is None or target[0] == own_app:
                    continue
                if target[1] >= own_layer:  # one report per line: the first name imported
                    found.setdefault(f"{path.relative_to(ROOT)}:{line}", f"imports {imported}")
    return sorted(f"{where} {what}" for where, what in found.items())


def test_imports_flow_one_way():
    assert violations() == []


def test_the_check_sees_lazy_and_relative_imports(tmp_path, monkeypatch):
    """The walk is not vacuous: a function-level upward import in a unit is reported."""
    app = tmp_path / "juridique"
    app.mkdir()
    (app / "vues.py").write_text("def f():\n    from rapports import calcul\n    from . import models\n")
    (tmp_path / "rapports").mkdir()
    (tmp_path / "rapports" / "x.py").write_text("from juridique.models import Procedure\n")  # downward: allowed
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert violations() == ["juridique/vues.py:2 imports rapports"]
