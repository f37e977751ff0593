"""LiveHost: the only code that touches the machine. Commands by argv with a timeout, in the C
locale, stdin closed, tools only from the system's own folders."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from checks.engine import commands
from checks.engine.commands import Command, Value
from checks.engine.host import PLATFORM_ENV, LiveHost, trusted_tool_dirs
from checks.engine.snapshot import RecordingHost, Snapshot, SnapshotError
from tests.command_support import declared_commands

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX shell used as the probe")

# the probes below, declared exactly (each script as written here, nothing else)
PROBES = (
    "sleep 30 & sleep 30",
    'echo "$LC_ALL|$LANG|$PATH"; cat',
    "echo out; echo err >&2; exit 3",
)


@pytest.fixture(autouse=True)
def _declared_probes() -> Iterator[None]:
    with declared_commands(
        "test_engine_host",
        *(Command("sh", "-c", p, why="test: a probe script this test wrote") for p in PROBES),
        Command("checkup-planted-tool", why="test: a planted tool that must not be found"),
    ):
        yield


def test_a_timeout_ends_the_command_and_what_it_started() -> None:
    host = LiveHost()
    t0 = time.monotonic()
    # the grandchild keeps the output pipe open: a plain kill of the shell would leave us waiting
    res = host.run(["sh", "-c", "sleep 30 & sleep 30"], timeout=0.5)
    assert res.status == "timeout" and not res.ran
    assert time.monotonic() - t0 < 10
    assert "timed out" in res.describe()


def test_commands_run_in_the_c_locale_with_stdin_closed_and_a_system_path() -> None:
    host = LiveHost()
    res = host.run(["sh", "-c", 'echo "$LC_ALL|$LANG|$PATH"; cat'], timeout=10)
    assert res.ok
    lc_all, lang, path = res.stdout.strip().split("|")
    assert lc_all == "C" and lang == "C"
    assert path.split(os.pathsep) == host._dirs  # the system's tool folders, nothing else


def test_exit_status_and_output_are_kept() -> None:
    res = LiveHost().run(["sh", "-c", "echo out; echo err >&2; exit 3"])
    assert res.ran and not res.ok
    assert (res.returncode, res.stdout, res.stderr) == (3, "out\n", "err\n")
    assert res.describe().endswith("exit status 3")


def test_a_tool_planted_in_the_current_folder_is_never_run(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    planted = tmp_path / "checkup-planted-tool"
    planted.write_text("#!/bin/sh\necho planted\n")
    planted.chmod(planted.stat().st_mode | stat.S_IXUSR)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + os.environ.get("PATH", ""))
    host = LiveHost()
    assert host.resolve("checkup-planted-tool") is None
    assert host.run(["checkup-planted-tool"]).status == "not_found"
    assert host.resolve("./checkup-planted-tool") is None  # relative paths never run
    assert host.resolve("sh") in {os.path.join(d, "sh") for d in trusted_tool_dirs("Linux", {})}


def test_missing_files_and_folders_are_none() -> None:
    host = LiveHost()
    assert host.read_bytes("/nonexistent/checkup") is None
    assert host.read_text("/nonexistent/checkup") is None
    assert host.list_dir("/nonexistent/checkup") is None
    assert host.stat("/nonexistent/checkup") is None
    assert host.registry_values(r"HKLM\SOFTWARE") is None  # not Windows
    assert host.registry_subkeys(r"HKLM\SOFTWARE") is None


def test_platform_facts_hold_only_the_listed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKUP_SECRET_TOKEN", "do-not-record")
    plat = LiveHost().platform
    assert "CHECKUP_SECRET_TOKEN" not in plat.env
    assert set(plat.env) <= set(PLATFORM_ENV)


def _planted(tmp_path: Path) -> tuple[Path, Path]:
    marker = tmp_path / "it-ran"
    tool = tmp_path / "checkup-undeclared-tool"
    tool.write_text(f"#!/bin/sh\necho ran > '{marker}'\n")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    return tool, marker


def test_an_undeclared_command_is_refused_and_nothing_starts(tmp_path: Path) -> None:
    tool, marker = _planted(tmp_path)
    host = LiveHost()
    assert host.resolve(str(tool)) == str(tool)  # an absolute path it would otherwise run
    assert commands.refuses([str(tool)])
    res = host.run([str(tool)])
    # a declared program with undeclared arguments is refused just the same
    other = host.run(["sh", "-c", f"echo ran > '{marker}'"])
    assert res.status == other.status == "refused"
    assert not res.ran and not res.ok and res.returncode is None
    assert res.describe() == (f"{tool}: not run, refused by Checkup's command policy (it runs "
                               "only the commands its checks declare)")
    assert not marker.exists()


def test_the_same_command_runs_once_declared(tmp_path: Path) -> None:
    tool, marker = _planted(tmp_path)
    with declared_commands("planted", Command(Value("tool", ".*/checkup-undeclared-tool"),
                                              why="test: the planted tool, declared")):
        assert LiveHost().run([str(tool)]).ok
    assert marker.exists()
    assert not commands.allowed([str(tool)])  # taken back when the test ends


def test_a_refused_command_is_never_recorded(tmp_path: Path) -> None:
    tool, marker = _planted(tmp_path)
    rec = RecordingHost(LiveHost())
    assert rec.run([str(tool)]).status == "refused"
    assert rec.run(["sh", "-c", PROBES[2]]).returncode == 3
    data = rec.snapshot(["firewall"]).to_json()
    assert [c["argv"] for c in data["commands"]] == [["sh", "-c", PROBES[2]]]
    assert Snapshot.from_json(data).commands[0]["returncode"] == 3
    # and a snapshot claiming one is damaged: replay never sees "refused"
    data["commands"][0]["status"] = "refused"
    with pytest.raises(SnapshotError, match="status"):
        Snapshot.from_json(data)
    assert not marker.exists()
