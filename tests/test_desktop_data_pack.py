"""File › Use newer data… (desktop/data_pack_actions.py): a pack signed by the real minisign
tool changes the verdict after the rescan it starts; a refused pack is one line in the error
box and changes nothing; "Keep it" stores the pack in the settings folder (pytest-qt)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from checks.engine import datafile
from checks.engine.model import Status
from checks.engine.registry import all_checks
from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture
from tests.pack_support import debian_12_lts, make_key, make_pack, needs_minisign

ROOT = Path(__file__).resolve().parent.parent

pytestmark = needs_minisign


def _later(files: dict[str, Any]) -> None:
    entry = next(e for e in files["os-support"]["entries"] if e["id"] == "debian-12")
    entry["standard_end"] = "2029-06-10"


@pytest.fixture
def secret(tmp_path, monkeypatch) -> Path:
    secret, public = make_key(tmp_path / "keys")
    monkeypatch.setenv("CHECKUP_DEVELOPER_PACK_KEY", str(public))
    return secret


@pytest.fixture
def window(qtbot, desktop_env, secret, tmp_path):
    from desktop.main_window import MainWindow

    w = MainWindow(persist_settings=False,
                   checks_provider=lambda: [c for c in all_checks() if c.id == "os-supported"])
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.scanFinished, timeout=20000):
        assert w.open_snapshot_file(debian_12_lts(tmp_path / "machines"))
    yield w
    w.controller.shutdown()


def _os_finding(window):
    return next(f for f in window.result.findings if f.check_id == "os-supported")


def _click(qtbot, box, text: str) -> None:
    button = next(b for b in box.buttons() if b.text().replace("&", "") == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_menu_entry_is_in_the_file_menu(window):
    texts = [a.text() for a in window.file_menu.actions()]
    assert "Use &newer data…" in texts
    assert texts.index("Use &newer data…") == texts.index("&Open a recorded machine…") + 1


def test_use_it_now_rescans_with_the_pack(qtbot, window, secret, tmp_path):
    assert _os_finding(window).status is Status.FAIL
    pack = make_pack(tmp_path / "newer.json", secret, edit=_later)
    box = window.data_packs.offer(pack)
    assert box is not None and "newer.json: a Checkup data pack, number 2" in box.text()
    with qtbot.waitSignal(window.scanFinished, timeout=20000):
        _click(qtbot, box, "Use it now")
    finding = _os_finding(window)
    assert finding.status is Status.PASS
    assert any(e.source == "os-support.json in the data pack newer.json"
               for e in finding.evidence)
    assert datafile.data_origin().label == "newer.json"
    assert not (tmp_path / "config" / "data-pack").exists()  # nothing kept


def test_keep_it_stores_the_pack_and_rescans(qtbot, window, secret, tmp_path):
    pack = make_pack(tmp_path / "newer.json", secret, edit=_later)
    box = window.data_packs.offer(pack)
    with qtbot.waitSignal(window.scanFinished, timeout=20000):
        _click(qtbot, box, "Keep it")
    assert (tmp_path / "config" / "data-pack" / "newer.json").read_bytes() == pack.read_bytes()
    assert _os_finding(window).status is Status.PASS


def test_a_refused_pack_is_one_line_and_changes_nothing(qtbot, window, secret, tmp_path):
    pack = make_pack(tmp_path / "newer.json", secret, edit=_later)
    pack.write_bytes(pack.read_bytes()[:1000])
    before = window.result
    with qtbot.waitSignal(window.errorShown, timeout=5000) as shown:
        assert window.data_packs.offer(pack) is None
    line = shown.args[0]
    assert "\n" not in line and "damaged or cut short" in line
    assert window.result is before and datafile.data_origin().kind == "bundled"
    assert _os_finding(window).status is Status.FAIL
