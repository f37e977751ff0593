"""LiveHost: the only code that touches the machine. Commands by argv with a timeout, in the C
locale, stdin closed, tools only from the system's own folders."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from checks.host import PLATFORM_ENV, LiveHost, trusted_tool_dirs

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX shell used as the probe")


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
