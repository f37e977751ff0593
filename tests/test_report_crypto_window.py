"""Protected reports in the window: saving writes only ciphertext; opening asks for the
passphrase; a wrong one gives a clear error and shows nothing; the page on what the
operating system records anyway is in the Help menu in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks.content.guidance import load_page, render_page_html
from checks.privacy.report_crypto import decrypt
from tests.desktop_support import desktop_env_fixture, window_fixture  # noqa: F401 - fixtures
from tests.test_report_crypto import _WRITES, _only_ciphertext

PASS = "four unrelated words here"
FIXTURE = (Path(__file__).resolve().parent / "fixtures" / "engine" / "context" /
           "linux-physical.json")


@pytest.fixture
def scanned(window, qtbot):  # noqa: F811
    with qtbot.waitSignal(window.scanFinished, timeout=60_000):
        assert window.open_snapshot_file(FIXTURE)
    return window


@pytest.mark.parametrize("fmt,head,marker", [
    ("html", b"<!DOCTYPE html", b"<!DOCTYPE html"),
    ("json", b"{", b'"checkup-report"'),
    ("pdf", b"%PDF-", b"%PDF-1."),
])
def test_saving_a_protected_report_writes_only_ciphertext(scanned, tmp_path, fmt, head,
                                                          marker):
    target = tmp_path / "out" / f"report.{fmt}.age"
    target.parent.mkdir()
    assert scanned.privacy.save_protected_action.isEnabled()
    start = len(_WRITES.paths)
    assert scanned.privacy.write_protected_to(str(target), fmt, PASS) == str(target)
    _only_ciphertext(_WRITES.paths[start:], target, marker)
    assert decrypt(target.read_bytes(), PASS).startswith(head)


def test_opening_asks_the_passphrase_and_shows_from_memory(scanned, tmp_path, qtbot):
    target = tmp_path / "r.html.age"
    scanned.privacy.write_protected_to(str(target), "html", PASS)
    before = sorted(tmp_path.iterdir())
    viewer = scanned.privacy.open_protected_file(str(target), PASS)
    assert viewer is not None and viewer.kind == "html"
    assert "Checkup" in viewer.browser.toPlainText()
    assert sorted(tmp_path.iterdir()) == before  # nothing decrypted was written
    viewer.close()


def test_a_wrong_passphrase_shows_an_error_and_nothing_else(scanned, tmp_path, qtbot):
    target = tmp_path / "r.html.age"
    scanned.privacy.write_protected_to(str(target), "html", PASS)
    with qtbot.waitSignal(scanned.errorShown, timeout=30_000):
        assert scanned.privacy.open_protected_file(str(target), "wrong passphrase!") is None
    assert scanned.last_error == ("The passphrase is not right, or the file is damaged: "
                                  "age cannot tell the two apart. Nothing was shown.")
    assert scanned.privacy.viewers == []


def test_passphrase_dialog_refuses_short_or_different_passphrases(window, qtbot):  # noqa: F811
    from desktop.privacy.passphrase_dialog import PassphraseDialog

    dlg = PassphraseDialog(window, new=True)
    qtbot.addWidget(dlg)
    dlg.first.setText("short")
    dlg.second.setText("short")
    dlg._try_accept()
    assert dlg.problem.isVisibleTo(dlg) and "at least 8" in dlg.problem.text()
    dlg.first.setText(PASS)
    dlg.second.setText(PASS + "x")
    dlg._try_accept()
    assert "not the same" in dlg.problem.text()
    dlg.second.setText(PASS)
    dlg._try_accept()
    assert dlg.result() == dlg.DialogCode.Accepted and dlg.format_key() == "html"


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_os_records_page_in_every_language(lang: str) -> None:
    page = load_page("os-records", lang)
    assert page.lang == lang and len(page.sections) == 5
    html = render_page_html(page, "rtl" if lang == "ar" else "ltr")
    assert "Prefetch" in html and "recently-used.xbel" in html and "bash_history" in html
    assert not re.search(r"\*\*|##|`", re.sub(r"<[^>]+>", "", html))


def test_help_menu_opens_the_os_records_page(window):  # noqa: F811
    act = window.privacy.os_records_action
    assert act in window.help_menu.actions()
    assert act.text() == "What your computer may &record anyway"
    dlg = window.privacy.show_os_records()
    assert dlg.windowTitle() == "What your computer may record anyway"
    window.language_actions["es"].trigger()
    assert act.text() == "Lo que tu equipo puede &registrar de todos modos"
    window.language_actions["en"].trigger()
