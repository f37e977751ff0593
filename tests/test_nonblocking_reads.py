"""Reads never block (issue 16, item 4): a FIFO, device or socket planted at a path a check
reads is refused at once — the open does not wait for a writer, and the type is taken from
the opened descriptor — and the check says unknown, well within its time."""

from __future__ import annotations

import os
import socket
import stat
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checks.engine.host import MAX_READ, LiveHost
from checks.engine.runner import run_scan, select_checks
from checks.engine.snapshot import RecordingHost, ReplayHost

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX's")


def _within(seconds: float, call: Callable[[], Any]) -> Any:
    """call()'s answer, failing (not hanging) when it takes longer than ``seconds``."""
    box: list[Any] = []
    worker = threading.Thread(target=lambda: box.append(call()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert box, f"still blocked after {seconds} s"
    return box[0]


def _release(fifo: Path) -> None:
    """Unblock a reader that a broken build left waiting on the FIFO (there is none now)."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return  # no reader waiting
    os.close(fd)


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "sshd_config"
    os.mkfifo(fifo)
    host = LiveHost()
    try:
        t0 = time.monotonic()
        assert _within(2, lambda: host.read_text(str(fifo))) is None
        assert _within(2, lambda: host.read_bytes(str(fifo))) is None
        assert time.monotonic() - t0 < 1
        # listing and stat do not open it
        assert _within(2, lambda: host.list_dir(str(fifo))) is None
        st = _within(2, lambda: host.stat(str(fifo)))
        assert st is not None and stat.S_ISFIFO(st.mode)
        assert host.list_dir(str(tmp_path)) == ["sshd_config"]
    finally:
        _release(fifo)


def test_a_fifo_swapped_in_after_the_look_is_refused_by_the_open_descriptor(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The look before opening saw a regular file; by the open it is a FIFO. The open does
    not wait for a writer, and the descriptor's own type refuses it."""
    regular = tmp_path / "regular"
    regular.write_text("x", encoding="utf-8")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    real_stat = os.stat

    def stale_stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        return real_stat(regular if str(path) == str(fifo) else path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stale_stat)
    try:
        assert _within(2, lambda: LiveHost().read_bytes(str(fifo))) is None
    finally:
        monkeypatch.undo()
        _release(fifo)


def test_a_symlink_to_a_fifo_is_refused_too(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "linked.conf"
    link.symlink_to(fifo)
    try:
        assert _within(2, lambda: LiveHost().read_text(str(link))) is None
    finally:
        _release(fifo)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_devices_and_sockets_are_not_read(tmp_path: Path) -> None:
    host = LiveHost()
    # /dev/zero would otherwise fill the whole read cap with zeros
    assert _within(2, lambda: host.read_bytes("/dev/zero")) is None
    assert host.read_bytes("/dev/null") is None
    link = tmp_path / "os-release"
    link.symlink_to("/dev/zero")
    assert host.read_bytes(str(link)) is None
    if sys.platform.startswith("linux") or sys.platform == "darwin":
        sock_path = tmp_path / "s"
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(sock_path))
            assert host.read_bytes(str(sock_path)) is None


def test_regular_files_are_read_up_to_the_cap(tmp_path: Path) -> None:
    small = tmp_path / "small"
    small.write_bytes(b"Name=Tor Browser\n")
    big = tmp_path / "big"
    big.write_bytes(b"x" * (MAX_READ + 10))
    host = LiveHost()
    assert host.read_text(str(small)) == "Name=Tor Browser\n"
    data = host.read_bytes(str(big))
    assert data is not None and len(data) == MAX_READ
    # /proc files say size 0 and are read all the same
    if os.path.exists("/proc/self/status"):
        assert "Name:" in (host.read_text("/proc/self/status") or "")


def test_a_refused_file_is_recorded_and_replayed_as_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    try:
        rec = RecordingHost(LiveHost())
        assert _within(2, lambda: rec.read_bytes(str(fifo))) is None
        st = rec.stat(str(fifo))
        assert st is not None
        replay = ReplayHost(rec.snapshot(["screen-lock"]))
        assert replay.read_bytes(str(fifo)) is None
        replayed = replay.stat(str(fifo))
        assert replayed is not None and stat.S_ISFIFO(replayed.mode)
    finally:
        _release(fifo)


def test_a_check_reading_a_fifo_ends_unknown_within_its_time(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    """KDE's screen lock reads ~/.config/kscreenlockerrc; a FIFO there blocked the check
    for its whole bound (60 s) before. Now: unknown at once, the file named in the
    evidence."""
    for name in ("XDG_CONFIG_HOME", "GSETTINGS_BACKEND", "DCONF_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / ".config"
    config.mkdir()
    system = tmp_path / "xdg"  # the distribution's defaults: none
    system.mkdir()
    fifo = config / "kscreenlockerrc"
    os.mkfifo(fifo)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "KDE")
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(system))
    try:
        t0 = time.monotonic()
        result = _within(10, lambda: run_scan(LiveHost(), select_checks(["screen-lock"]),
                                              check_bound=10))
        assert time.monotonic() - t0 < 5
        (finding,) = result.findings
        assert finding.status.value == "unknown"
        assert finding.json_data().get("reason") != "timeout"  # decided, not abandoned
        assert any(e.source == str(fifo) for e in finding.evidence), finding.evidence
    finally:
        _release(fifo)
