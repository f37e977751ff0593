"""A command's processes end with it (issue 16, item 4): a timeout, or a command that
finishes and leaves a helper behind, leaves nothing of it running — also helpers that started
their own session (``setsid``) and left their parent — and nothing else is touched."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from checks.engine import proc_reaper
from checks.engine.commands import Command, Value
from checks.engine.host import LiveHost
from checks.engine.runner import run_scan, select_checks
from tests.command_support import declared_commands

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the subreaper and setsid(1) are Linux's")

# A tool that starts, in every way a helper can escape its process group, a helper that
# records its pid and lingers; then it hangs ("hang") or returns at once ("exit").
TOOL = r"""#!/bin/sh
out="$1"
sleep 120 </dev/null >/dev/null 2>&1 &
echo $! > "$out/plain.pid"
setsid sh -c 'echo $$ > "$1/session.pid"; exec sleep 120' sh "$out" </dev/null >/dev/null 2>&1 &
( setsid sh -c 'echo $$ > "$1/orphan.pid"; exec sleep 120' sh "$out" </dev/null >/dev/null 2>&1 & )
( setsid sh -c 'sh -c "echo \$\$ > \"$1/grandchild.pid\"; exec sleep 120" &
                echo $$ > "$1/parent.pid"; exec sleep 120' sh "$out" </dev/null >/dev/null 2>&1 & )
echo $$ > "$out/tool.pid"
# wait until every helper has written its pid, so none is still being born
for name in plain session orphan grandchild parent; do
  while [ ! -s "$out/$name.pid" ]; do sleep 0.01; done
done
echo ready
if [ "$2" = hang ]; then exec sleep 120; fi
"""
HELPERS = ("plain", "session", "orphan", "grandchild", "parent")


@pytest.fixture(autouse=True)
def _declared_tool() -> Iterator[None]:
    # the scans below run a check's own commands, declared in its spec; only the fake tool
    # is this test's own
    with declared_commands("test_proc_reaper",
                           Command("checkup-forking-tool", Value("out", "/.+"),
                                   Value("mode", "hang|exit"),
                                   why="test: the fake tool this test plants")):
        yield


@pytest.fixture
def host(tmp_path: Path) -> LiveHost:
    if shutil.which("setsid", path="/usr/bin:/bin") is None:
        pytest.skip("setsid(1) (util-linux) is not installed")
    tools = tmp_path / "bin"
    tools.mkdir()
    tool = tools / "checkup-forking-tool"
    tool.write_text(TOOL, encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    live = LiveHost()
    live._dirs.insert(0, str(tools))  # the test's folder counts as a system tool folder
    return live


def _pids(folder: Path, names: tuple[str, ...]) -> dict[str, int]:
    return {n: int((folder / f"{n}.pid").read_text().strip()) for n in names}


def _running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _left_behind(pids: dict[str, int], within: float = 3.0) -> dict[str, int]:
    """The pids still running (or dead but never reaped) after a short grace."""
    deadline = time.monotonic() + within
    while True:
        left = {n: p for n, p in pids.items() if psutil.pid_exists(p)}
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.02)


def test_the_scanner_is_a_subreaper() -> None:
    LiveHost()
    assert proc_reaper.is_subreaper()


def test_a_timeout_leaves_no_process_of_the_command_alive(host: LiveHost,
                                                          tmp_path: Path) -> None:
    t0 = time.monotonic()
    res = host.run(["checkup-forking-tool", str(tmp_path), "hang"], timeout=3)
    assert res.status == "timeout", res
    assert time.monotonic() - t0 < 8
    pids = _pids(tmp_path, ("tool", *HELPERS))
    # every one was started: helpers that left the tool's session among them
    assert len(set(pids.values())) == 6
    assert _left_behind(pids) == {}, {n: _running(p) for n, p in pids.items()}


def test_helpers_that_outlive_a_finished_command_are_ended(host: LiveHost,
                                                           tmp_path: Path) -> None:
    res = host.run(["checkup-forking-tool", str(tmp_path), "exit"], timeout=20)
    assert res.ok and res.stdout.strip() == "ready", res
    pids = _pids(tmp_path, HELPERS)
    assert _left_behind(pids) == {}, {n: _running(p) for n, p in pids.items()}


def test_other_children_of_the_program_are_left_alone(host: LiveHost, tmp_path: Path) -> None:
    # a child of ours that no command started, in a session of its own like the helpers
    bystander = subprocess.Popen(["sleep", "60"], start_new_session=True)  # noqa: S607
    try:
        res = host.run(["checkup-forking-tool", str(tmp_path), "hang"], timeout=2)
        assert res.status == "timeout"
        assert _left_behind(_pids(tmp_path, HELPERS)) == {}
        assert bystander.poll() is None and _running(bystander.pid)
    finally:
        bystander.kill()
        bystander.wait()


def test_a_scan_with_a_hanging_tool_leaves_nothing_running(host: LiveHost, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """Through the runner, as the window runs it: a tool that a check runs hangs and forks
    helpers into their own sessions; the check times out as unknown and nothing stays."""
    planted = Path(host._dirs[0]) / "gsettings"  # the first tool folder: found before /usr/bin
    planted.write_text(TOOL.replace('out="$1"', f'out="{tmp_path}"').replace(
        '"$2" = hang', "1 = 1"), encoding="utf-8")
    planted.chmod(planted.stat().st_mode | stat.S_IXUSR)
    for name in ("GSETTINGS_BACKEND", "DCONF_PROFILE", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "GNOME")
    host.platform = LiveHost().platform  # with the desktop just set
    result = run_scan(host, select_checks(["screen-lock"]), command_timeout=2)
    (finding,) = result.findings
    assert finding.status.value == "unknown"
    assert any("timed out" in e.text for e in finding.evidence), finding.evidence
    pids = _pids(tmp_path, ("tool", *HELPERS))
    assert _left_behind(pids) == {}, {n: _running(p) for n, p in pids.items()}


def test_no_dbus_daemon_is_started_by_gsettings_with_a_display_and_no_bus(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With DISPLAY set and no session bus, GLib would autolaunch a dbus-daemon through
    dbus-launch, which outlives the scan. A dbus-launch that records its calls sits in a
    tool folder; the screen-lock check runs the real gsettings."""
    if shutil.which("gsettings", path="/usr/bin:/bin") is None:
        pytest.skip("needs the real gsettings (Debian package libglib2.0-bin)")
    tools = tmp_path / "bin"
    tools.mkdir()
    calls = tmp_path / "dbus-launch-called"
    launcher = tools / "dbus-launch"
    launcher.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\nexit 1\n', encoding="utf-8")
    launcher.chmod(launcher.stat().st_mode | stat.S_IXUSR)
    for name in list(os.environ):
        if name.startswith(("DBUS_", "XDG_", "GSETTINGS", "DCONF", "GIO_")):
            monkeypatch.delenv(name)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))  # no bus socket in it
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "GNOME")
    monkeypatch.setenv("DISPLAY", ":99")
    daemons_before = {p.pid for p in psutil.process_iter(["name"])
                      if p.info["name"] == "dbus-daemon"}
    host = LiveHost()
    host._dirs.insert(0, str(tools))
    (finding,) = run_scan(host, select_checks(["screen-lock"])).findings
    assert any(e.source.startswith("gsettings get") for e in finding.evidence), finding
    daemons_after = {p.pid for p in psutil.process_iter(["name"])
                     if p.info["name"] == "dbus-daemon"}
    assert daemons_after <= daemons_before
    assert not calls.exists(), calls.read_text()
    assert not (tmp_path / ".dbus").exists()
