"""The Host: the one door to the machine.

Checks read the machine only through a Host, so every check can also run against a
snapshot of another machine (see snapshot.py). ``LiveHost`` is the only code in Checkup
that touches the real system.

Rules LiveHost keeps:
- only declared commands run: an argv no check's spec and no engine declaration allows
  (checks/engine/commands.py) is refused before anything is looked up or started;
- commands run by argv, never through a shell, with stdin closed, a timeout and a fixed,
  minimal environment (``LC_ALL=C``, the system PATH and per tool only what it needs: the
  table is in tool_env.py);
- a timeout ends everything the command started, and whatever outlives a finished command is
  ended too (proc_reaper.py);
- files are opened without blocking and read only when the open file is a regular file
  (never a FIFO, device or socket), at most ``MAX_READ`` bytes;
- a bare command name is resolved only from the operating system's own tool folders,
  never from the current directory, the app's folder or the user's PATH (a ``powershell.exe``
  planted beside the app on a USB stick must not run);
- nothing is written anywhere.
"""

from __future__ import annotations

import fnmatch
import importlib
import os
import platform as _platform
import stat as _stat
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol, runtime_checkable

from checks.engine import commands, proc_reaper
from checks.engine.tool_env import MARKER, tool_environment

DEFAULT_TIMEOUT = 10.0
# What a refused command's stderr says (CommandResult.describe says it for evidence lines).
REFUSED_REASON = "refused by Checkup's command policy: no check or engine module declares it"
MAX_READ = 8 * 1024 * 1024  # bytes read of one file at most

# Non-blocking, so opening a FIFO returns at once (it is then refused by its type); no
# controlling terminal from a tty; not inherited by the commands we start.
_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))

# Environment variables recorded as platform facts (paths checks need, and what changes
# which settings database the desktop uses, for a check to read deliberately and show as
# evidence: tools never get these, see tool_env.py). Nothing else.
PLATFORM_ENV = (
    "HOME",
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_TYPE",
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
    "XDG_CONFIG_DIRS",
    "XDG_DATA_DIRS",
    "DCONF_PROFILE",
    "GSETTINGS_BACKEND",
    "DESKTOP_SESSION",
    "SystemRoot",
    "SystemDrive",
    "ProgramFiles",
    "ProgramFiles(x86)",
    "ProgramData",
    "LOCALAPPDATA",
    "APPDATA",
    "USERPROFILE",
)


@dataclass(frozen=True)
class CommandResult:
    argv: tuple[str, ...]
    # "ok" (it ran; see returncode), "not_found", "timeout", "error", or "refused" (no check
    # or engine module declared this command, so it was not started: checks treat it as a
    # command that could not run, and say unknown)
    status: str
    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""

    @property
    def ran(self) -> bool:
        return self.status == "ok"

    @property
    def ok(self) -> bool:
        """It ran and exited 0."""
        return self.status == "ok" and self.returncode == 0

    def describe(self) -> str:
        """A short untranslated account of what happened, for evidence lines."""
        cmd = " ".join(self.argv)
        if self.status == "not_found":
            return f"{cmd}: command not found"
        if self.status == "timeout":
            return f"{cmd}: timed out"
        if self.status == "error":
            return f"{cmd}: could not run ({self.stderr.strip()[:200]})"
        if self.status == "refused":
            return f"{cmd}: not run, refused by Checkup's command policy (it runs only the " \
                "commands its checks declare)"
        return f"{cmd}: exit status {self.returncode}"


@dataclass(frozen=True)
class FileStat:
    mode: int
    size: int
    mtime: float
    uid: int = -1

    @property
    def world_readable(self) -> bool:
        return bool(self.mode & _stat.S_IROTH)

    @property
    def group_readable(self) -> bool:
        return bool(self.mode & _stat.S_IRGRP)


@dataclass(frozen=True)
class ProcessInfo:
    pid: int
    name: str
    exe: str | None = None


@dataclass(frozen=True)
class PlatformInfo:
    system: str  # platform.system(): "Linux", "Darwin", "Windows"
    release: str
    version: str
    machine: str
    home: str = ""
    env: Mapping[str, str] = field(default_factory=dict)

    @property
    def family(self) -> str:
        """"linux", "macos", "windows" or the lower-cased system name."""
        return {"Linux": "linux", "Darwin": "macos", "Windows": "windows"}.get(
            self.system, self.system.lower()
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "release": self.release,
            "version": self.version,
            "machine": self.machine,
            "home": self.home,
            "env": dict(self.env),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PlatformInfo:
        return cls(
            system=str(data["system"]),
            release=str(data.get("release", "")),
            version=str(data.get("version", "")),
            machine=str(data.get("machine", "")),
            home=str(data.get("home", "")),
            env={str(k): str(v) for k, v in dict(data.get("env") or {}).items()},
        )


RegistryValue = Any  # int, str, list[str] or bytes

# Registry values that hold a stored password (Winlogon's automatic logon). No Host ever
# returns them, so no check, snapshot or report can contain them.
SECRET_REGISTRY_VALUES = frozenset({"defaultpassword", "altdefaultpassword"})


@runtime_checkable
class Host(Protocol):
    platform: PlatformInfo

    def run(self, argv: Sequence[str], timeout: float = DEFAULT_TIMEOUT) -> CommandResult: ...

    def read_bytes(self, path: str) -> bytes | None: ...

    def read_text(self, path: str) -> str | None: ...

    def list_dir(self, path: str) -> list[str] | None: ...

    def matching(self, path: str, patterns: Sequence[str]) -> list[str] | None: ...

    def stat(self, path: str) -> FileStat | None: ...

    def registry_values(
        self, key: str, names: Sequence[str] | None = None
    ) -> dict[str, RegistryValue] | None: ...

    def registry_subkeys(self, key: str) -> list[str] | None: ...

    def processes(self) -> list[ProcessInfo]: ...

    def now(self) -> datetime: ...


def name_matches(name: str, patterns: Sequence[str]) -> bool:
    """Whether an entry's name matches one of ``patterns`` (shell-style ``*``, ``?`` and
    ``[...]``, ignoring case), as ``Host.matching`` answers."""
    folded = name.casefold()
    return any(fnmatch.fnmatchcase(folded, p.casefold()) for p in patterns)


def decode_output(data: bytes) -> str:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8", errors="replace")


def trusted_tool_dirs(system: str, env: Mapping[str, str]) -> list[str]:
    """The only folders a bare command name is looked up in."""
    if system == "Windows":
        root = env.get("SystemRoot") or env.get("SYSTEMROOT") or r"C:\Windows"
        return [
            os.path.join(root, "System32"),
            os.path.join(root, "System32", "WindowsPowerShell", "v1.0"),
            os.path.join(root, "System32", "wbem"),
        ]
    if system == "Darwin":
        return ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/libexec"]
    return [
        "/usr/bin",
        "/bin",
        "/usr/sbin",
        "/sbin",
        "/usr/local/bin",
        "/usr/local/sbin",
        "/snap/bin",
        "/usr/libexec",
    ]


class LiveHost:
    """The real machine, read-only."""

    def __init__(self) -> None:
        env = {k: v for k in PLATFORM_ENV if (v := os.environ.get(k))}
        home = os.path.expanduser("~")
        uname = _platform.uname()
        self.platform = PlatformInfo(
            system=uname.system,
            release=uname.release,
            version=uname.version,
            machine=uname.machine,
            home=home,
            env=env,
        )
        self._dirs = trusted_tool_dirs(uname.system, os.environ)
        proc_reaper.become_subreaper()

    # -- commands -------------------------------------------------------------
    def resolve(self, name: str) -> str | None:
        if os.path.isabs(name):
            return name if os.path.isfile(name) else None
        if os.sep in name or (os.altsep and os.altsep in name):
            return None  # relative paths are never run
        exts = [""]
        if sys.platform == "win32":
            exts = [".exe", ".com", ""] if not os.path.splitext(name)[1] else [""]
        for folder in self._dirs:
            for ext in exts:
                cand = os.path.join(folder, name + ext)
                if os.path.isfile(cand) and os.access(cand, os.X_OK):
                    return cand
        return None

    def run(self, argv: Sequence[str], timeout: float = DEFAULT_TIMEOUT) -> CommandResult:
        args = tuple(argv)
        if commands.refuses(args):
            # before anything is looked up or started: an undeclared command never runs
            return CommandResult(args, "refused", None, "", REFUSED_REASON)
        exe = self.resolve(args[0])
        if exe is None:
            return CommandResult(args, "not_found", 127)
        env = tool_environment(exe, self.platform.system, os.environ, self._dirs)
        kwargs: dict[str, Any] = {}
        if sys.platform == "win32":
            kwargs["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0x08000000)
        else:
            # its own process group, so a timeout ends the helpers that stayed in it (they
            # would otherwise hold the output pipes open and keep us waiting)
            kwargs["start_new_session"] = True
        with proc_reaper.command() as cmd:
            env[MARKER] = cmd.token

            def spawn() -> subprocess.Popen[bytes]:
                return subprocess.Popen(  # noqa: S603 - argv list, absolute path, no shell
                    [exe, *args[1:]],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    env=env,
                    cwd=os.path.dirname(exe) or None,
                    **kwargs,
                )

            try:
                proc = cmd.start(spawn)
            except OSError as exc:
                return CommandResult(args, "error", None, "", str(exc))
            try:
                out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                cmd.kill_all()
                return CommandResult(args, "timeout")
        return CommandResult(args, "ok", proc.returncode, decode_output(out), decode_output(err))

    # -- files -----------------------------------------------------------------
    def read_bytes(self, path: str) -> bytes | None:
        """The file's bytes (at most MAX_READ), or None when it is absent, unreadable or not
        a regular file. The type is taken from the opened descriptor, so the file cannot be
        swapped between the test and the read; a look before opening spares devices the
        open itself. A check that must say why it got None asks ``stat(path)``: its mode
        tells a FIFO, device or socket from a file that is absent or unreadable."""
        try:
            if not _stat.S_ISREG(os.stat(path).st_mode):
                return None
            fd = os.open(path, _READ_FLAGS)
        except (OSError, ValueError):
            return None
        try:
            if not _stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            chunks: list[bytes] = []
            left = MAX_READ
            while left > 0:
                chunk = os.read(fd, min(left, 1024 * 1024))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            return b"".join(chunks)
        except (OSError, ValueError):  # BlockingIOError included
            return None
        finally:
            os.close(fd)

    def read_text(self, path: str) -> str | None:
        data = self.read_bytes(path)
        return None if data is None else decode_output(data)

    def list_dir(self, path: str) -> list[str] | None:
        try:
            return sorted(os.listdir(path))
        except (OSError, ValueError):
            return None

    def matching(self, path: str, patterns: Sequence[str]) -> list[str] | None:
        """Only the entries of the folder ``path`` whose names match one of ``patterns``
        (see ``name_matches``), sorted; None when it cannot be listed. This is how a check
        asks about a folder of the person's own files (checks/privacy/personal.py): the answer, and
        so a recording of it, holds no other name."""
        names = self.list_dir(path)
        if names is None:
            return None
        return [n for n in names if name_matches(n, patterns)]

    def stat(self, path: str) -> FileStat | None:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            return None
        return FileStat(st.st_mode, st.st_size, st.st_mtime, getattr(st, "st_uid", -1))

    # -- Windows registry ------------------------------------------------------
    def _open_key(self, key: str) -> Any:
        winreg: Any = importlib.import_module("winreg")

        hives = {
            "HKLM": winreg.HKEY_LOCAL_MACHINE,
            "HKEY_LOCAL_MACHINE": winreg.HKEY_LOCAL_MACHINE,
            "HKCU": winreg.HKEY_CURRENT_USER,
            "HKEY_CURRENT_USER": winreg.HKEY_CURRENT_USER,
            "HKU": winreg.HKEY_USERS,
            "HKCR": winreg.HKEY_CLASSES_ROOT,
        }
        hive, _, sub = key.partition("\\")
        return winreg.OpenKey(
            hives[hive.upper()], sub, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY
        )

    def registry_values(
        self, key: str, names: Sequence[str] | None = None
    ) -> dict[str, RegistryValue] | None:
        """All values of a key, or only ``names`` (those present) when given; None when
        the key cannot be opened. Stored passwords are never read or returned."""
        if sys.platform != "win32":
            return None
        winreg: Any = importlib.import_module("winreg")

        try:
            handle = self._open_key(key)
        except (OSError, KeyError):
            return None
        out: dict[str, RegistryValue] = {}
        with handle:
            if names is not None:
                for name in names:
                    if name.lower() in SECRET_REGISTRY_VALUES:
                        continue
                    try:
                        out[name] = winreg.QueryValueEx(handle, name)[0]
                    except OSError:
                        continue
                return out
            i = 0
            while True:
                try:
                    name, value, _kind = winreg.EnumValue(handle, i)
                except OSError:
                    break
                if str(name).lower() not in SECRET_REGISTRY_VALUES:
                    out[name] = value
                i += 1
        return out

    def registry_subkeys(self, key: str) -> list[str] | None:
        if sys.platform != "win32":
            return None
        winreg: Any = importlib.import_module("winreg")

        try:
            handle = self._open_key(key)
        except (OSError, KeyError):
            return None
        out: list[str] = []
        with handle:
            i = 0
            while True:
                try:
                    out.append(winreg.EnumKey(handle, i))
                except OSError:
                    break
                i += 1
        return out

    # -- processes and clock ---------------------------------------------------
    def processes(self) -> list[ProcessInfo]:
        import psutil

        out: list[ProcessInfo] = []
        for proc in psutil.process_iter(["pid", "name", "exe"]):
            info = proc.info
            out.append(ProcessInfo(int(info["pid"]), str(info.get("name") or ""), info.get("exe")))
        return out

    def now(self) -> datetime:
        return datetime.now(timezone.utc)
