"""The main window over replayed snapshots: order, selection, a slow scan, cancel, errors,
reports and the recorded-machine banner (pytest-qt, offscreen)."""

from __future__ import annotations

import json
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from checks.engine.model import Status
from checks.engine.snapshot import Snapshot
from desktop.main_window import MainWindow
from tests.desktop_support import (  # noqa: F401 - fixtures
    EXPECTED_ORDER,
    FUTURE,
    LINUX_MIXED,
    MALFORMED,
    SlowHost,
    demo_checks,
    desktop_env_fixture,
    scan_fixture,
    window_fixture,
)


def test_replayed_scan_fills_the_list_in_priority_order(qtbot, window):
    result = scan_fixture(qtbot, window)
    assert window.findings.check_ids() == EXPECTED_ORDER
    rows = window.findings.row_texts()
    assert rows[0] == ("Needs action · high priority", "Disk encryption (test)")
    assert rows[1][0] == "Needs action · low priority"
    assert rows[2][0] == "Look at this"
    assert rows[3][0] == "Check failed"
    assert rows[-1] == ("Does not apply", "Fingerprint reader (test)")
    # the macOS-only check does not apply to a Linux machine and is not listed
    assert "demo-maconly" not in window.findings.check_ids()
    assert len(result.findings) == 8
    # header: the summary with plurals, and where the findings come from
    assert window.header.summary.text() == (
        "2 things need action · 1 thing to look at · 1 check failed to run · "
        "2 we could not check · 1 protection in place")
    assert "Test laptop (Ubuntu)" in window.header.source.text()
    assert window.save_action.isEnabled()


def test_status_is_shown_by_icon_and_words(qtbot, window):
    scan_fixture(qtbot, window)
    item = window.findings.topLevelItem(0)
    assert not item.icon(0).isNull()
    assert item.text(0)  # words, never colour alone
    spoken = item.data(0, Qt.ItemDataRole.AccessibleTextRole)
    assert "Needs action" in spoken and "Disk encryption (test)" in spoken


def test_selecting_a_finding_shows_summary_evidence_and_guidance(qtbot, window):
    scan_fixture(qtbot, window)
    window.findings.select_check("demo-updates")
    text = window.pane.plain_text()
    assert "Updates (test)" in text
    assert "3 updates are waiting to be installed." in text
    assert "They include fixes for security problems." in text  # details
    assert "What Checkup saw" in text
    assert "/var/lib/update-notifier/updates-available" in text
    assert "3 updates can be applied immediately." in text
    # no article exists for a test check: the placeholder says guidance is coming
    assert "guidance for this check is being written" in text
    assert "What Checkup cannot see" in text
    # keyboard: moving down the list changes the pane
    window.findings.setFocus()
    qtbot.keyClick(window.findings, Qt.Key.Key_Down)
    assert window.pane.finding is not None
    assert window.pane.finding.check_id == "demo-broken"
    assert "simulated fault in a test check" in window.pane.plain_text()


def test_evidence_lines_are_isolated_left_to_right(qtbot, window):
    scan_fixture(qtbot, window)
    window.findings.select_check("demo-disk")
    assert "\u2068\u200elsblk --json -o NAME,TYPE,MOUNTPOINT\u200e\u2069" in window.pane.plain_text()
    block = window.pane.document().begin()
    while block.isValid() and "lsblk" not in block.text():
        block = block.next()
    assert block.isValid()
    assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_ui_stays_responsive_during_a_slow_scan_and_cancel_works(qtbot, desktop_env):
    slow = SlowHost(Snapshot.load(LINUX_MIXED), delay=8.0)
    w = MainWindow(checks_provider=demo_checks, live_host_factory=lambda: slow,
                   persist_settings=False)
    qtbot.addWidget(w)
    w.show()
    ticks = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    try:
        t0 = time.monotonic()
        assert w.start_live_scan()
        assert w.controller.running
        assert w.header.cancel_button.isVisible()
        assert not w.header.scan_button.isEnabled()
        # the event loop keeps turning while commands hang for seconds
        qtbot.waitUntil(lambda: len(ticks) >= 15, timeout=4000)
        qtbot.waitUntil(lambda: slow.calls >= 1, timeout=4000)
        assert w.controller.running
        qtbot.waitUntil(lambda: w.header.running.text().startswith("Now checking:"),
                        timeout=4000)
        with qtbot.waitSignal(w.scanFinished, timeout=4000) as blocker:
            qtbot.mouseClick(w.header.cancel_button, Qt.MouseButton.LeftButton)
        elapsed = time.monotonic() - t0
        result = blocker.args[0]
        assert result.cancelled
        assert elapsed < slow.delay  # cancel did not wait for the hanging commands
        assert not w.controller.running
        assert w.header.scan_button.isEnabled()
        assert "cancelled" in w.header.source.text()
        statuses = {f.check_id: f for f in result.findings}
        # checks whose commands hang were not finished: reported as not checked
        assert statuses["demo-disk"].status is Status.UNKNOWN
        assert statuses["demo-disk"].json_data().get("reason") == "cancelled"
    finally:
        timer.stop()
        slow.release.set()
        w.controller.shutdown()


def test_malformed_snapshot_shows_an_error_and_keeps_the_results(qtbot, window):
    scan_fixture(qtbot, window)
    before = window.findings.check_ids()
    before_summary = window.header.summary.text()
    result_before = window.result
    for bad in (MALFORMED, FUTURE):
        with qtbot.waitSignal(window.errorShown, timeout=2000):
            assert not window.open_snapshot_file(bad)
        assert window.error_box is not None and window.error_box.isVisible()
        assert "cannot be opened" in window.error_box.text()
        assert window.findings.check_ids() == before
        assert window.header.summary.text() == before_summary
        assert window.result is result_before
        assert window.banner.isVisible()  # still the same recorded machine
        window.error_box.close()


def test_recorded_machine_banner_names_it_and_can_be_closed(qtbot, window):
    assert not window.banner.isVisible()
    assert "What Checkup does" in window.pane.plain_text()  # before any scan
    assert not window.pane.handout_button.isVisible()
    scan_fixture(qtbot, window)
    assert window.banner.isVisible()
    assert "Not your computer" in window.banner.headline.text()
    assert "Test laptop (Ubuntu)" in window.banner.detail.text()
    assert "Test laptop (Ubuntu)" in window.windowTitle()
    qtbot.mouseClick(window.banner.close_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()
    assert window.findings.check_ids() == []
    assert window.result is None
    assert window.windowTitle() == "Checkup"
    assert not window.save_action.isEnabled()
    assert "What Checkup does" in window.pane.plain_text()


def test_live_scan_after_a_recording_clears_the_banner(qtbot, desktop_env):
    snap = Snapshot.load(LINUX_MIXED)
    from checks.engine.snapshot import ReplayHost

    w = MainWindow(checks_provider=demo_checks, live_host_factory=lambda: ReplayHost(snap),
                   persist_settings=False)
    qtbot.addWidget(w)
    w.show()
    scan_fixture(qtbot, w)
    assert w.banner.isVisible()
    with qtbot.waitSignal(w.scanFinished, timeout=10000):
        qtbot.mouseClick(w.header.scan_button, Qt.MouseButton.LeftButton)
    assert not w.banner.isVisible()
    assert w.windowTitle() == "Checkup"
    assert "This computer" in w.header.source.text()


def test_saving_each_report_format_writes_a_readable_file(qtbot, window, tmp_path):
    scan_fixture(qtbot, window)
    html_path = window.write_report_to(str(tmp_path / "r.html"), "html")
    json_path = window.write_report_to(str(tmp_path / "r.json"), "json")
    pdf_path = window.write_report_to(str(tmp_path / "r.pdf"), "pdf")
    assert html_path and json_path and pdf_path
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<html" in html.lower() and "Disk encryption" in html or "demo-disk" in html
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["format"] == "checkup-report"
    assert [f["check_id"] for f in data["findings"]] == EXPECTED_ORDER
    pdf = (tmp_path / "r.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:]
    assert len(pdf) > 2000


def test_nothing_is_written_without_an_explicit_save(qtbot, window, desktop_env):
    before = sorted(p for p in desktop_env.rglob("*"))
    scan_fixture(qtbot, window)
    window.findings.select_check("demo-updates")
    after = sorted(p for p in desktop_env.rglob("*"))
    assert after == before


def test_report_save_error_is_reported_not_raised(qtbot, window, tmp_path):
    scan_fixture(qtbot, window)
    target = tmp_path / "missing-folder" / "r.html"
    with qtbot.waitSignal(window.errorShown, timeout=2000):
        assert window.write_report_to(str(target), "html") is None
    assert "could not be saved" in window.last_error


def test_save_dialog_round_trip_writes_the_chosen_format(qtbot, window, tmp_path):
    """Drive the real (Qt, non-native) save dialog: pick the PDF type and a name."""
    from PySide6.QtWidgets import QFileDialog, QLineEdit

    scan_fixture(qtbot, window)
    target = tmp_path / "my-report"

    def accept() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, QFileDialog):
            QTimer.singleShot(20, accept)
            return
        assert dlg.testOption(QFileDialog.Option.DontUseNativeDialog)
        pdf_filter = next(f for f in dlg.nameFilters() if "*.pdf" in f)
        dlg.selectNameFilter(pdf_filter)
        dlg.filterSelected.emit(pdf_filter)
        dlg.setDirectory(str(tmp_path))
        # type the name as a person would (the name field has the focus)
        name_edit = dlg.findChild(QLineEdit, "fileNameEdit")
        assert name_edit is not None
        name_edit.setText(target.name)
        dlg.accept()

    QTimer.singleShot(20, accept)
    saved = window.save_report()
    assert saved is not None and saved.endswith(".pdf")
    assert (tmp_path / "my-report.pdf").read_bytes().startswith(b"%PDF-")


def test_window_close_during_scan_does_not_hang(qtbot, desktop_env):
    slow = SlowHost(Snapshot.load(LINUX_MIXED), delay=8.0)
    w = MainWindow(checks_provider=demo_checks, live_host_factory=lambda: slow,
                   persist_settings=False)
    qtbot.addWidget(w)
    w.show()
    assert w.start_live_scan()
    qtbot.waitUntil(lambda: slow.calls >= 1, timeout=4000)
    t0 = time.monotonic()
    w.close()
    assert time.monotonic() - t0 < 5
    slow.release.set()
