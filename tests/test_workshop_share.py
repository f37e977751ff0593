"""Sharing an anonymous summary from the window: the dialog shows exactly what is shared,
writes nothing until asked, and its QR code and typed code carry the same summary.

The QR code is decoded from the pixels on screen with zxing-cpp, an independent and
maintained reader (self-contained wheels, no network): so the test checks what a phone or a
handheld scanner would read, not our own idea of the symbol."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QImage

from checks.workshop.summary import ALLOWED_FIELDS, parse_code, parse_file_bytes
from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture

SCENARIO = "macos-filevault-signal"


@pytest.fixture
def window(qtbot, desktop_env):
    from desktop.main_window import MainWindow

    w = MainWindow(persist_settings=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.controller.shutdown()


@pytest.fixture
def share(qtbot, window):
    with qtbot.waitSignal(window.scanFinished, timeout=20000):
        assert window.open_scenario(SCENARIO)
    dlg = window.workshop.share_summary()
    assert dlg is not None
    qtbot.waitExposed(dlg)
    return dlg


def _decode_qr(image: QImage) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return [r.text for r in zxingcpp.read_barcodes(gray)]


def test_the_qr_code_on_screen_decodes_to_the_same_summary(share):
    texts = _decode_qr(share.qr.grab().toImage())
    assert len(texts) == 1
    assert texts[0].startswith("CHECKUP:")
    assert parse_code(texts[0]) == share.summary


def test_the_typed_code_on_screen_round_trips(share):
    shown = share.code.text()
    assert parse_code(shown) == share.summary
    assert " " in shown  # grouped for reading aloud


def test_the_dialog_shows_exactly_what_is_shared_and_writes_nothing_by_itself(
        share, desktop_env):
    obj = share.summary.to_json()
    expected = [f"os: {obj['os']}", f"app_version: {obj['app_version']}",
                f"random_code: {obj['random_code']}",
                *(f"{cid}: {status}" for cid, status in obj["checks"].items())]
    assert share.shared_lines() == expected
    assert set(obj) == ALLOWED_FIELDS
    # it is a demo machine: the dialog says so
    assert share.warning.isVisible()
    assert "not this computer" in share.warning.text()
    share.close()
    written = [p for p in desktop_env.rglob("*") if p.is_file()]
    assert written == []


def test_saving_writes_the_summary_file_and_nothing_else(share, tmp_path):
    target = tmp_path / "usb" / "summary.json"
    target.parent.mkdir()
    assert share.write_to(str(target)) == str(target)
    data = target.read_bytes()
    assert parse_file_bytes(data) == share.summary
    assert set(json.loads(data)) == ALLOWED_FIELDS
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["summary.json"]
    assert "Saved" in share.status.text()


def test_a_new_share_makes_a_new_code(qtbot, window, share):
    first = share.summary
    share.close()
    second = window.workshop.share_summary()
    assert second is not None and second.summary is not None and first is not None
    assert second.summary.random_code != first.random_code
    assert second.summary.checks == first.checks
    assert _decode_qr(second.qr.grab().toImage()) == [second.summary.qr_text()]
    second.close()


def test_sharing_needs_results_on_screen(qtbot, window):
    assert window.workshop.share_summary() is None
    box = window.findChild(object, "shareNeedsScan")
    assert box is not None and "Scan this computer first" in box.text()
    box.close()


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_nothing_shared_is_cut_short_on_screen(qtbot, window, lang):
    """'Exactly what will be shared' means every value can be read whole at the dialog's
    own size (it used to show "random_code: cf7…" and "secure-messaging:…")."""
    window.apply_language(lang, save=False)
    with qtbot.waitSignal(window.scanFinished, timeout=20000):
        assert window.open_scenario("macos12-no-filevault")  # 16 checks, long ids
    dlg = window.workshop.share_summary()
    assert dlg is not None
    qtbot.waitExposed(dlg)
    tree = dlg.fields
    metrics = tree.fontMetrics()
    width = tree.header().sectionSize(1)
    assert tree.header().sectionViewportPosition(1) + width <= tree.viewport().width()
    assert width >= tree.sizeHintForColumn(1)
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        assert tree.visualItemRect(item).isValid()
        needed = metrics.horizontalAdvance(item.text(1))
        assert needed < width, (lang, item.text(1), needed, width)
    # the typed code is on one line in every language
    code = dlg.code
    assert code.fontMetrics().horizontalAdvance(code.text()) <= code.contentsRect().width()
    dlg.close()
    window.apply_language("en", save=False)
