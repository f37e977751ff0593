"""Catalog modules are found, not listed: the registry loads every module under checks/catalog/,
and the bundle hands PyInstaller the same list, so a new check's module cannot be left out of
either (packaging/checkup.spec, evaluated with stand-ins for PyInstaller)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import checks.catalog
import tests.test_packaging_layout as layout_tests
from checks.engine.registry import all_checks, catalog_modules

CATALOG_DIR = Path(checks.catalog.__file__).resolve().parent


def _on_disk() -> list[str]:
    """The packages in the folder (a topic each, and the shared readers), read without
    pkgutil."""
    return sorted(p.parent.name for p in CATALOG_DIR.glob("*/__init__.py"))


def _bundled_catalog(monkeypatch: pytest.MonkeyPatch, platform: str) -> set[str]:
    """The checks.catalog modules checkup.spec names as hidden imports. PyInstaller's own
    collect_submodules is a stand-in that finds nothing, so what is left is the spec's own."""
    seen: list[list[str]] = []

    class Recording(layout_tests._Analysis):
        def __init__(self, scripts: list[str], datas: list[tuple[str, str]],
                     **kw: Any) -> None:
            super().__init__(scripts, datas, **kw)
            seen.append(list(kw.get("hiddenimports", [])))

    monkeypatch.setattr(layout_tests, "_Analysis", Recording)
    layout_tests.evaluate_spec(platform, monkeypatch)
    assert len(seen) == 2  # the window and the command line
    first, second = ({m for m in names if m.startswith("checks.catalog.")} for names in seen)
    assert first == second
    return first


def test_every_module_file_is_discovered() -> None:
    assert catalog_modules() == _on_disk()


def test_every_check_lives_in_a_discovered_module() -> None:
    """A check's functions may live in any module of its topic's package."""
    modules = {c.module for c in all_checks()}
    assert all(m.startswith("checks.catalog.") for m in modules)
    assert {m.split(".")[2] for m in modules} <= set(catalog_modules())
    assert len(all_checks()) >= 16


def test_there_is_no_central_list_of_modules() -> None:
    assert not hasattr(checks.catalog, "MODULES")


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_the_bundle_names_every_catalog_module(monkeypatch: pytest.MonkeyPatch,
                                               platform: str) -> None:
    assert _bundled_catalog(monkeypatch, platform) == {
        f"checks.catalog.{m}" for m in catalog_modules()}


def test_a_new_module_reaches_the_registry_list_and_the_bundle(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A module dropped into the catalog (here: a second folder on the package's path, so the
    source tree is not touched) is found and bundled with no list to edit."""
    (tmp_path / "zz_new_topic").mkdir()
    (tmp_path / "zz_new_topic" / "__init__.py").write_text('"""A throw-away topic."""\n',
                                                           encoding="utf-8")
    monkeypatch.setattr(checks.catalog, "__path__", [*checks.catalog.__path__, str(tmp_path)])
    assert "zz_new_topic" in catalog_modules()
    assert "checks.catalog.zz_new_topic" in _bundled_catalog(monkeypatch, "linux")
