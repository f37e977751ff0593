"""The environment every command runs in (DESIGN.md rule 10: the person's shell settings
cannot change a verdict).

A tool does not inherit Checkup's environment. It gets:

- ``PATH``: the system's own tool folders (``host.trusted_tool_dirs``), nothing else;
- ``LC_ALL``, ``LANG`` and ``LANGUAGE`` set to ``C``, so tools answer in the words the
  parsers know;
- the variables :data:`EVERY_TOOL` names for the operating system, taken from Checkup's own
  environment;
- for the tools :data:`PER_TOOL` names (by file name, lower case, without ``.exe``), the
  variables listed there, and nothing more;
- ``CHECKUP_COMMAND``, a random token per command, by which Checkup later finds every
  process the command started (``proc_reaper.py``). It changes no tool's behaviour.

Everything else is dropped: ``APT_CONFIG`` (which can point apt at an empty package list),
``LD_*`` and ``DYLD_*`` (code loaded into every tool), proxies, ``PYTHON*`` (``firewall-cmd``
is a Python script), ``GIO_EXTRA_MODULES``, ``GSETTINGS_BACKEND``, ``DCONF_PROFILE``,
``XDG_CONFIG_HOME`` and ``XDG_CONFIG_DIRS`` (another settings database), ``XDG_DATA_DIRS``
(other schemas and their defaults), and ``DISPLAY``/``WAYLAND_DISPLAY``: with a display but
no session bus, GLib starts a ``dbus-daemon`` of its own ("autolaunch") that outlives the scan
and writes under ``~/.dbus``. Without ``DISPLAY`` GLib never autolaunches; it uses
``DBUS_SESSION_BUS_ADDRESS`` when that is a plain ``unix:`` socket address, else the user
bus at ``$XDG_RUNTIME_DIR/bus``, else none.

The variables that change which settings database the desktop really uses are recorded as
platform facts instead (``host.PLATFORM_ENV``), so a check can read them deliberately, show
them as evidence and say ``unknown`` (``checks/catalog/readers/settings_db.py``).

| system  | every tool                                                    | only these tools |
| ------- | ------------------------------------------------------------- | ---------------- |
| Linux   | HOME                                                          | gsettings, dconf: DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR |
| macOS   | HOME, TMPDIR                                                  |                  |
| Windows | SystemRoot, windir, SystemDrive, PSModulePath, USERPROFILE, LOCALAPPDATA, TEMP, TMP | |
"""

from __future__ import annotations

import ntpath
import posixpath
from collections.abc import Callable, Mapping, Sequence

FIXED: Mapping[str, str] = {"LC_ALL": "C", "LANG": "C", "LANGUAGE": "C"}

MARKER = "CHECKUP_COMMAND"

# Taken from Checkup's environment for every command, by platform.system().
EVERY_TOOL: Mapping[str, tuple[str, ...]] = {
    "Linux": ("HOME",),
    "Darwin": ("HOME", "TMPDIR"),
    # Windows' own folders, which its components and PowerShell expect to find (TMP is
    # where GetTempPath looks first, SystemDrive where some components resolve paths).
    "Windows": ("SystemRoot", "windir", "SystemDrive", "PSModulePath", "USERPROFILE",
                "LOCALAPPDATA", "TEMP", "TMP"),
}
OTHER_POSIX = ("HOME",)  # FreeBSD and the like: treated as Linux is

# Reaching the person's session bus and runtime folder: dconf reads its change flag under
# XDG_RUNTIME_DIR (without it, it would create one under ~/.cache) and GSettings watches
# the bus. (``systemctl --user`` would need these too; no check runs it today.)
SESSION_BUS = ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR")

PER_TOOL: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "Linux": {"gsettings": SESSION_BUS, "dconf": SESSION_BUS},
}


def _unix_socket_address(value: str) -> bool:
    """Only plain ``unix:`` addresses: ``autolaunch:`` would start a bus daemon and
    ``unixexec:`` would run a program named in the variable."""
    entries = [e for e in value.split(";") if e]
    return bool(entries) and all(e.startswith("unix:") for e in entries)


def _absolute_posix(value: str) -> bool:
    return posixpath.isabs(value)


# A value that fails its test is dropped, as if it had not been set.
ACCEPT: Mapping[str, Callable[[str], bool]] = {
    "DBUS_SESSION_BUS_ADDRESS": _unix_socket_address,
    "XDG_RUNTIME_DIR": _absolute_posix,
    "TMPDIR": _absolute_posix,
}


def tool_name(exe: str, system: str) -> str:
    """The key of a tool in :data:`PER_TOOL`: its file name, lower case, without ``.exe``."""
    base = ntpath.basename(exe) if system == "Windows" else posixpath.basename(exe)
    base = base.lower()
    if system == "Windows" and base.endswith((".exe", ".com")):
        base = base[:-4]
    return base


def passed_on(exe: str, system: str) -> tuple[str, ...]:
    """The names of the variables a tool gets from Checkup's environment."""
    every = EVERY_TOOL.get(system, OTHER_POSIX)
    return (*every, *PER_TOOL.get(system, {}).get(tool_name(exe, system), ()))


def tool_environment(exe: str, system: str, source: Mapping[str, str],
                     path: Sequence[str]) -> dict[str, str]:
    """The whole environment ``exe`` runs with; ``source`` is Checkup's own environment."""
    # Windows' variable names ignore case
    folded = {k.upper(): v for k, v in source.items()} if system == "Windows" else None
    env: dict[str, str] = {}
    for name in passed_on(exe, system):
        value = folded.get(name.upper()) if folded is not None else source.get(name)
        if not value:
            continue
        accept = ACCEPT.get(name)
        if accept is None or accept(value):
            env[name] = value
    env.update(FIXED)
    env["PATH"] = (";" if system == "Windows" else ":").join(path)
    return env
