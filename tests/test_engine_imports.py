"""The engine never imports Qt or the window: checks/ runs where Qt cannot be installed. Nor
does anything outside tests/ import the suite: tools/ (the demo machines' merge, the snapshot
builder) and the product run without it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "desktop")
# The one sanctioned door: `checkup` with no arguments starts the window.
ALLOWED = {("checks/cli.py", "open_window")}


def _imports(tree: ast.AST) -> list[tuple[str, str, int]]:
    """(imported module, enclosing function, line) for every import in a module."""
    found: list[tuple[str, str, int]] = []

    def visit(node: ast.AST, func: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                else func
            if isinstance(child, ast.Import):
                found.extend((a.name, func, child.lineno) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module:
                found.append((child.module, func, child.lineno))
            elif (isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute)
                  and child.func.attr == "import_module" and child.args
                  and isinstance(child.args[0], ast.Constant)
                  and isinstance(child.args[0].value, str)):
                found.append((child.args[0].value, func, child.lineno))
            visit(child, name)

    visit(tree, "")
    return found


def test_no_engine_module_imports_qt_or_the_window() -> None:
    offending = []
    for path in sorted((ROOT / "checks").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for module, func, line in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if module.split(".")[0] in FORBIDDEN and (rel, func) not in ALLOWED:
                offending.append(f"{rel}:{line} imports {module}")
    assert offending == []


def test_the_detector_sees_imports_inside_functions() -> None:
    tree = ast.parse("def f():\n    from PySide6.QtCore import QObject\n")
    assert _imports(tree) == [("PySide6.QtCore", "f", 2)]


def test_nothing_outside_the_suite_imports_it() -> None:
    offending = []
    for folder in ("checks", "desktop", "tools"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            for module, _, line in _imports(ast.parse(path.read_text(encoding="utf-8"))):
                if module.split(".")[0] == "tests":
                    offending.append(f"{rel}:{line} imports {module}")
    assert offending == []
