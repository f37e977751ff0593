"""Commands run in a fixed, minimal environment (issue 16, item 3): the person's shell
settings reach no tool, so they cannot change a verdict. Only a variable a check honours on
purpose shows up, in its evidence."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from checks.engine import tool_env
from checks.engine.commands import Command
from checks.engine.host import PLATFORM_ENV, LiveHost
from checks.engine.runner import run_scan, select_checks
from tests.command_support import declared_commands

# What a person's shell (or someone who can set it) may hold; none of it must reach a tool.
POISON = {
    "APT_CONFIG": "/nonexistent/checkup-apt.conf",
    "LD_PRELOAD": "/nonexistent/checkup-preload.so",
    "LD_LIBRARY_PATH": "/nonexistent/checkup-lib",
    "DYLD_INSERT_LIBRARIES": "/nonexistent/checkup.dylib",
    "GIO_EXTRA_MODULES": "/nonexistent/checkup-gio",
    "GSETTINGS_BACKEND": "memory",
    "DCONF_PROFILE": "checkup-other",
    "XDG_CONFIG_HOME": "/nonexistent/checkup-config",
    "XDG_CONFIG_DIRS": "/nonexistent/checkup-xdg",
    "XDG_DATA_DIRS": "/nonexistent/checkup-share",
    "http_proxy": "http://127.0.0.1:9/",
    "https_proxy": "http://127.0.0.1:9/",
    "HTTPS_PROXY": "http://127.0.0.1:9/",
    "no_proxy": "*",
    "PYTHONPATH": "/nonexistent/checkup-python",
    "PYTHONSTARTUP": "/nonexistent/checkup-start.py",
    "DISPLAY": ":99",
    "WAYLAND_DISPLAY": "wayland-checkup",
    "SYSTEMD_PAGER": "cat",
    "TZ": "Pacific/Kiritimati",
}
# Of those, what changes which settings database the desktop uses: recorded as platform facts,
# read by a check on purpose, shown in its evidence.
HONOURED = frozenset({"GSETTINGS_BACKEND", "DCONF_PROFILE", "XDG_CONFIG_HOME",
                      "XDG_CONFIG_DIRS"})
TOOLS_ONLY = {k: v for k, v in POISON.items() if k not in HONOURED}


@pytest.fixture(autouse=True)
def _declared_tools() -> Iterator[None]:
    # the fake tools this test plants (gsettings and the scans' commands are the checks')
    with declared_commands("test_tool_env",
                           Command("checkup-print-env", why="test: prints its environment"),
                           Command("checkup-other-tool", why="test: prints its environment")):
        yield


def _fake_tool(folder: Path, name: str, body: str) -> Path:
    tool = folder / name
    tool.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    return tool


def _host_with(folder: Path) -> LiveHost:
    host = LiveHost()
    host._dirs.insert(0, str(folder))  # the test's folder counts as a system tool folder
    return host


def _env_of(stdout: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in stdout.splitlines() if "=" in line)


posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX shell used as the probe")


@posix_only
def test_a_tool_sees_only_the_documented_environment(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in POISON.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(tmp_path))
    _fake_tool(tmp_path, "checkup-print-env", "exec env\n")
    host = _host_with(tmp_path)
    res = host.run(["checkup-print-env"])
    assert res.ok, res
    env = _env_of(res.stdout)
    assert not set(POISON) & set(env), env
    marker = env.pop(tool_env.MARKER)
    assert len(marker) >= 16  # a random token per command
    env.pop("PWD", None)  # set by the probe's own shell
    assert env == {"HOME": str(tmp_path), "LC_ALL": "C", "LANG": "C", "LANGUAGE": "C",
                   "PATH": os.pathsep.join(host._dirs)}


@posix_only
def test_gsettings_alone_also_gets_the_session_bus_and_runtime_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/run/bus")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    folder = tmp_path / "bin"
    folder.mkdir()
    _fake_tool(folder, "gsettings", "exec env\n")
    _fake_tool(folder, "checkup-other-tool", "exec env\n")
    host = _host_with(folder)
    gs = _env_of(host.run(["gsettings", "get", "org.gnome.desktop.screensaver",
                           "lock-enabled"]).stdout)
    assert gs["DBUS_SESSION_BUS_ADDRESS"] == f"unix:path={tmp_path}/run/bus"
    assert gs["XDG_RUNTIME_DIR"] == str(tmp_path / "run")
    # never a display: with one and no bus, GLib would start a dbus-daemon of its own
    assert "DISPLAY" not in gs and "WAYLAND_DISPLAY" not in gs
    other = _env_of(host.run(["checkup-other-tool"]).stdout)
    assert "DBUS_SESSION_BUS_ADDRESS" not in other and "XDG_RUNTIME_DIR" not in other


@pytest.mark.parametrize("address", ["autolaunch:", "unixexec:path=/bin/sh",
                                     "unix:path=/run/user/1000/bus;autolaunch:", ""])
def test_a_bus_address_that_would_start_or_run_something_is_dropped(address: str) -> None:
    env = tool_env.tool_environment("/usr/bin/gsettings", "Linux",
                                    {"DBUS_SESSION_BUS_ADDRESS": address}, ["/usr/bin"])
    assert "DBUS_SESSION_BUS_ADDRESS" not in env


def test_the_table_per_system() -> None:
    source = {"HOME": "/home/p", "TMPDIR": "/var/folders/x", "XDG_RUNTIME_DIR": "/run/user/1",
              "DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1/bus", **POISON}
    linux = tool_env.tool_environment("/usr/bin/apt-get", "Linux", source, ["/usr/bin", "/bin"])
    assert linux == {"HOME": "/home/p", "LC_ALL": "C", "LANG": "C", "LANGUAGE": "C",
                     "PATH": "/usr/bin:/bin"}
    mac = tool_env.tool_environment("/usr/bin/defaults", "Darwin", source, ["/usr/bin"])
    assert set(mac) == {"HOME", "TMPDIR", "LC_ALL", "LANG", "LANGUAGE", "PATH"}
    # Windows: names ignore case (os.environ spells them in capitals there)
    win_source = {"SYSTEMROOT": r"C:\Windows", "WINDIR": r"C:\Windows",
                  "PSMODULEPATH": r"C:\Windows\system32\WindowsPowerShell\v1.0\Modules",
                  "USERPROFILE": r"C:\Users\p", "LOCALAPPDATA": r"C:\Users\p\AppData\Local",
                  "TEMP": r"C:\Users\p\AppData\Local\Temp", "APPDATA": r"C:\Users\p\Roaming",
                  "HTTP_PROXY": "http://127.0.0.1:9/", "PATH": r"C:\evil"}
    win = tool_env.tool_environment(
        r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", "Windows", win_source,
        [r"C:\Windows\System32"])
    assert win["SystemRoot"] == r"C:\Windows" and win["PSModulePath"].endswith("Modules")
    assert win["PATH"] == r"C:\Windows\System32"
    assert "APPDATA" not in win and "HTTP_PROXY" not in win
    assert set(win) == {"SystemRoot", "windir", "PSModulePath", "USERPROFILE", "LOCALAPPDATA",
                        "TEMP", "LC_ALL", "LANG", "LANGUAGE", "PATH"}


def test_what_moves_the_settings_database_is_recorded_as_a_platform_fact() -> None:
    # the variables tools never get, for a check to read on purpose (screen lock, updates)
    for name in ("XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "DCONF_PROFILE", "GSETTINGS_BACKEND"):
        assert name in PLATFORM_ENV


def _screen_lock(host: LiveHost) -> tuple[str, list[str]]:
    (finding,) = run_scan(host, select_checks(["screen-lock"])).findings
    return finding.status.value, [f"{e.source}: {e.text}" for e in finding.evidence]


@pytest.mark.skipif(shutil.which("gsettings", path="/usr/bin:/bin") is None,
                    reason="needs the real gsettings (Debian package libglib2.0-bin) and "
                           "GNOME's schemas (gsettings-desktop-schemas)")
def test_poisoned_variables_change_no_screen_lock_verdict(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """GNOME's screen lock read through the real gsettings, for a person with no settings
    of their own (GNOME's defaults). GSETTINGS_BACKEND=memory alone made gsettings print
    GLib's built-in defaults whatever the person's database says; now the check names it
    and says unknown instead."""
    for name in list(os.environ):
        if name in PLATFORM_ENV or name.startswith(("XDG_", "DBUS_", "GIO_", "GSETTINGS")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "GNOME")
    clean = _screen_lock(LiveHost())
    if clean[0] == "unknown" and any("No such schema" in line for line in clean[1]):
        pytest.skip("GNOME's schemas (gsettings-desktop-schemas) are not installed")
    if clean[0] == "unknown" and any("in-memory fallback" in line for line in clean[1]):
        pytest.skip("GSettings' dconf backend (dconf-gsettings-backend) is not installed")
    assert clean[0] == "pass", clean

    for name, value in TOOLS_ONLY.items():
        monkeypatch.setenv(name, value)
    assert _screen_lock(LiveHost()) == clean

    monkeypatch.setenv("GSETTINGS_BACKEND", "memory")
    status, evidence = _screen_lock(LiveHost())
    assert status == "unknown"
    assert any(line.startswith("GSETTINGS_BACKEND: memory") for line in evidence), evidence


@pytest.mark.skipif(shutil.which("apt-get", path="/usr/bin:/bin") is None,
                    reason="needs apt (a Debian or Ubuntu system)")
def test_apt_config_pointing_at_an_empty_package_list_changes_no_update_verdict(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def findings() -> list[tuple[str, str, list[str]]]:
        result = run_scan(LiveHost(), select_checks(["os-updates", "auto-updates"]))
        return [(f.status.value, repr(f.summary), [f"{e.source}: {e.text}" for e in f.evidence])
                for f in result.findings]

    clean = findings()
    lists = tmp_path / "lists"
    (lists / "partial").mkdir(parents=True)
    conf = tmp_path / "apt.conf"
    conf.write_text(f'Dir::State::Lists "{lists}";\nAPT::Periodic::Unattended-Upgrade "1";\n',
                    encoding="utf-8")
    for name, value in TOOLS_ONLY.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("APT_CONFIG", str(conf))
    assert findings() == clean


@pytest.mark.parametrize(("env", "moved_by"), [
    ({}, None),
    ({"GSETTINGS_BACKEND": "dconf", "DCONF_PROFILE": "user"}, None),
    ({"XDG_CONFIG_HOME": "/home/p/.config/"}, None),  # the default, spelled out
    ({"GSETTINGS_BACKEND": "memory"}, "GSETTINGS_BACKEND"),
    ({"GSETTINGS_BACKEND": "keyfile"}, "GSETTINGS_BACKEND"),
    ({"DCONF_PROFILE": "/etc/dconf/profile/kiosk"}, "DCONF_PROFILE"),
    ({"XDG_CONFIG_HOME": "/srv/p-config"}, "XDG_CONFIG_HOME"),
    ({"XDG_CONFIG_HOME": "relative/config"}, "XDG_CONFIG_HOME"),
])
def test_which_variables_move_the_desktops_settings_database(
        env: dict[str, str], moved_by: str | None) -> None:
    from checks.catalog.readers.settings_db import moved_settings_database
    from checks.engine.host import PlatformInfo

    plat = PlatformInfo("Linux", "6.1", "", "x86_64", home="/home/p", env=env)
    moved = moved_settings_database(plat)
    assert (moved.source if moved else None) == moved_by
    if moved:
        assert env[moved_by or ""] in moved.text  # the value is shown as evidence


def test_gnome_softwares_setting_is_not_credited_from_another_database() -> None:
    """A recorded Ubuntu 24.04 whose GNOME Software downloads updates by itself; the same
    recording from a session whose GSETTINGS_BACKEND is "memory" (GLib's built-in defaults,
    whatever the person chose) credits nothing to GNOME Software and says why."""
    from dataclasses import replace

    from checks.engine.snapshot import ReplayHost, Snapshot

    snap = Snapshot.load(Path(__file__).resolve().parent / "fixtures" / "os_updates" /
                         "ubuntu-24.04-up-to-date.json")

    def auto_updates(s: Snapshot) -> tuple[object, list[str]]:
        (finding,) = run_scan(ReplayHost(s), select_checks(["auto-updates"])).findings
        return (finding.data.get("gnome_software_downloads"),
                [f"{e.source}: {e.text}" for e in finding.evidence])

    gnome, evidence = auto_updates(snap)
    assert gnome is not None
    assert any(line.startswith("gsettings get org.gnome.software") for line in evidence)
    moved = replace(snap, platform=replace(
        snap.platform, env={**snap.platform.env, "GSETTINGS_BACKEND": "memory"}))
    gnome, evidence = auto_updates(moved)
    assert gnome is None
    assert not any(line.startswith("gsettings get") for line in evidence)
    assert any(line.startswith("GSETTINGS_BACKEND: memory") for line in evidence), evidence
