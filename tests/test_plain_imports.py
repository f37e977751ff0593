"""In-tree modules are imported plainly: one that cannot be imported is a bug that shows,
never a feature that quietly goes missing (issue 18 item 5). PySide6, the optional "gui"
extra, is the one import the command line expects to be absent (tests/test_cli.py)."""

from __future__ import annotations

import sys

import pytest

from checks import cli
from checks.engine.i18n import translator


def test_a_command_module_that_cannot_be_imported_is_not_skipped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, "checks.no_such_part"))
    with pytest.raises(ModuleNotFoundError, match="checks.no_such_part"):
        cli.build_parser(translator("en"))


def test_a_broken_window_module_is_not_reported_as_a_missing_pyside6(
        monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("PySide6")
    monkeypatch.setitem(sys.modules, "desktop.app", None)  # importing it raises ImportError
    with pytest.raises(ImportError, match="desktop.app"):
        cli.open_window([])
