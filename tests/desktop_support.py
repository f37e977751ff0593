"""Test-only checks and hosts for the desktop tests (never registered globally, so they
cannot disturb other tests that walk the registry)."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from pathlib import Path

from checks.engine.host import DEFAULT_TIMEOUT, CommandResult
from checks.engine.i18n import N_, msg
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import Check, Scan
from checks.engine.snapshot import ReplayHost, Snapshot

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "desktop"  # build_fixtures.py there
LINUX_MIXED = FIXTURES / "linux-mixed.json"
MALFORMED = FIXTURES / "malformed-truncated.json"
FUTURE = FIXTURES / "future-version.json"


def _disk(scan: Scan) -> Finding:
    res = scan.run(["lsblk", "--json", "-o", "NAME,TYPE,MOUNTPOINT"])
    if not res.ok:
        return Finding(Status.UNKNOWN, msg("Could not list the disks."),
                       evidence=[Evidence("lsblk", res.describe())])
    data = json.loads(res.stdout)
    types = []

    def walk(devs: Sequence[dict]) -> None:
        for d in devs:
            types.append(d.get("type"))
            walk(d.get("children") or [])

    walk(data.get("blockdevices") or [])
    if "crypt" in types:
        return Finding(Status.PASS, msg("The disk is encrypted."),
                       evidence=[Evidence("lsblk --json", "a crypt device is present")])
    return Finding(Status.FAIL, msg("The disk is not encrypted: anyone holding this laptop "
                                    "can read your files."),
                   severity=Severity.HIGH,
                   evidence=[Evidence("lsblk --json -o NAME,TYPE,MOUNTPOINT",
                                      "no device of type crypt; / is on /dev/nvme0n1p2")])


def _screenlock(scan: Scan) -> Finding:
    res = scan.run(["gsettings", "get", "org.gnome.desktop.session", "idle-delay"])
    value = res.stdout.strip()
    if res.ok and value.endswith(" 0"):
        return Finding(Status.FAIL, msg("The screen never locks by itself."),
                       severity=Severity.LOW,
                       evidence=[Evidence("gsettings get org.gnome.desktop.session idle-delay",
                                          value)])
    return Finding(Status.PASS, msg("The screen locks by itself."))


def _updates(scan: Scan) -> Finding:
    text = scan.host.read_text("/var/lib/update-notifier/updates-available") or ""
    return Finding(Status.ATTENTION, msg("{n} updates are waiting to be installed.", n=3),
                   evidence=[Evidence("/var/lib/update-notifier/updates-available",
                                      text.strip().splitlines()[0] if text.strip() else "")],
                   details=[msg("They include fixes for security problems.")])


def _firewall(scan: Scan) -> Finding:
    res = scan.run(["ufw", "status"])
    return Finding(Status.UNKNOWN, msg("Checkup could not tell whether the firewall is on."),
                   evidence=[Evidence("ufw", res.describe())])


def _broken(scan: Scan) -> Finding:
    raise RuntimeError("simulated fault in a test check")


def _messenger(scan: Scan) -> Finding:
    names = {p.name for p in scan.host.processes()}
    if "signal-desktop" in names:
        return Finding(Status.PASS, msg("Signal is in use."),
                       evidence=[Evidence("processes", "signal-desktop")])
    return Finding(Status.UNKNOWN, msg("No end-to-end encrypted messenger was seen."))


def _na(scan: Scan) -> Finding:
    return Finding(Status.NOT_APPLICABLE, msg("This check is for laptops with a fingerprint "
                                              "reader."))


def _mac_only(scan: Scan) -> Finding:
    return Finding(Status.PASS, msg("A macOS-only check."))


def _unrecorded(scan: Scan) -> Finding:  # pragma: no cover - never runs on the fixture
    return Finding(Status.PASS, msg("Should not run on a snapshot that lacks it."))


ALL = frozenset({"linux", "macos", "windows"})


def _c(cid: str, title: str, func, order: int, platforms=ALL) -> Check:
    return Check(id=cid, title=title, platforms=frozenset(platforms), func=func,
                 guidance_id=cid, order=order)


def demo_checks() -> list[Check]:
    return [
        _c("demo-disk", N_("Disk encryption (test)"), _disk, 1),
        _c("demo-screenlock", N_("Screen lock (test)"), _screenlock, 2),
        _c("demo-updates", N_("Updates (test)"), _updates, 3),
        _c("demo-firewall", N_("Firewall (test)"), _firewall, 4),
        _c("demo-broken", N_("Broken check (test)"), _broken, 5),
        _c("demo-messenger", N_("Messenger (test)"), _messenger, 6),
        _c("demo-na", N_("Fingerprint reader (test)"), _na, 7),
        _c("demo-maconly", N_("Mac only (test)"), _mac_only, 8, {"macos"}),
        _c("demo-unrecorded", N_("Not recorded (test)"), _unrecorded, 9),
    ]


# Expected order of the list over LINUX_MIXED: fail-high, fail-low, attention, error,
# unknown (by id), pass, not applicable.
EXPECTED_ORDER = ["demo-disk", "demo-screenlock", "demo-updates", "demo-broken",
                  "demo-firewall", "demo-unrecorded", "demo-messenger", "demo-na"]


SLOW_TOOLS = frozenset({"lsblk", "gsettings", "ufw"})


class SlowHost(ReplayHost):
    """Answers like a snapshot, but the checks' commands each take ``delay`` seconds (or
    until ``release`` is set), like tools that hang on a real machine."""

    def __init__(self, snapshot: Snapshot, delay: float = 5.0) -> None:
        super().__init__(snapshot)
        self.delay = delay
        self.release = threading.Event()
        self.calls = 0

    def run(self, argv: Sequence[str], timeout: float = DEFAULT_TIMEOUT) -> CommandResult:
        if argv and argv[0] in SLOW_TOOLS:
            self.calls += 1
            self.release.wait(self.delay)
        return super().run(argv, timeout)



# -- pytest fixtures shared by the desktop tests --------------------------------------------
# Import ``desktop_env_fixture`` / ``window_fixture`` into a test module; tests then ask for
# ``desktop_env`` / ``window``.

import pytest  # noqa: E402


@pytest.fixture(name="desktop_env")
def desktop_env_fixture(qapp, tmp_path, monkeypatch):
    """Settings in a temporary folder, English, and the application font restored after."""
    from PySide6.QtWidgets import QApplication

    from desktop.privacy.file_dialogs import contain_qt_settings
    from desktop.qt_i18n import set_language

    monkeypatch.setenv("CHECKUP_CONFIG_DIR", str(tmp_path / "config"))
    contain_qt_settings()
    font = QApplication.font()
    set_language("en")
    yield tmp_path
    set_language("en")
    QApplication.setFont(font)


@pytest.fixture(name="window")
def window_fixture(desktop_env, qtbot):
    from desktop.main_window import MainWindow

    w = MainWindow(checks_provider=demo_checks)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.controller.shutdown()


def scan_fixture(qtbot, w, path: Path = LINUX_MIXED):
    """Open a snapshot in the window and wait for its findings."""
    with qtbot.waitSignal(w.scanFinished, timeout=10000) as blocker:
        assert w.open_snapshot_file(path)
    return blocker.args[0]


# -- walking what a person sees ---------------------------------------------------------------

_ISOLATED = re.compile("\u2068[^\u2069]*\u2069")
_PSEUDO = re.compile("⟦[^⟧]*⟧")


def strip_data(text: str) -> str:
    """Remove isolated (left-to-right data) fragments."""
    return _ISOLATED.sub("", text)


def untranslated_remainder(text: str) -> str:
    """What is left of a text after removing pseudo-translated parts and isolated data."""
    return _PSEUDO.sub("", strip_data(text))


def visible_texts(root) -> list[tuple[str, str]]:
    """(where, text) for every text a person can see or hear in a window: labels, buttons,
    menus and actions, list rows and headers, tooltips, accessible names/descriptions."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QLabel,
        QMenu,
        QProgressBar,
        QTextEdit,
        QTreeWidget,
        QWidget,
    )

    out: list[tuple[str, str]] = [("windowTitle", root.windowTitle())]

    def add(where: str, text: str) -> None:
        if where.endswith(".toolTip") and text.startswith("<"):  # a rich tooltip: as shown
            from PySide6.QtGui import QTextDocument

            doc = QTextDocument()
            doc.setHtml(text)
            text = doc.toPlainText()
        if text and text.strip():
            out.append((where, text))

    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisible() and not isinstance(w, QMenu):
            continue
        name = w.objectName() or type(w).__name__
        add(f"{name}.accessibleName", w.accessibleName())
        add(f"{name}.accessibleDescription", w.accessibleDescription())
        add(f"{name}.toolTip", w.toolTip())
        if isinstance(w, QLabel):
            add(f"{name}.text", w.text())
        elif isinstance(w, QAbstractButton):
            add(f"{name}.text", w.text())
        elif isinstance(w, QProgressBar):
            add(f"{name}.text", w.text())
        elif isinstance(w, QMenu):
            add(f"{name}.title", w.title())
            for act in w.actions():
                add(f"{name}/{act.objectName()}.text", act.text())
                add(f"{name}/{act.objectName()}.toolTip",
                    act.toolTip() if act.toolTip() != act.text().replace("&", "") else "")
        elif isinstance(w, QTreeWidget):
            head = w.headerItem()
            for c in range(w.columnCount()):
                add(f"{name}.header{c}", head.text(c))
            for i in range(w.topLevelItemCount()):
                item = w.topLevelItem(i)
                assert item is not None
                for c in range(w.columnCount()):
                    add(f"{name}.row{i}.{c}", item.text(c))
                    add(f"{name}.row{i}.{c}.toolTip", item.toolTip(c))
        elif isinstance(w, QTextEdit):
            add(f"{name}.plain", w.toPlainText())
    return out
