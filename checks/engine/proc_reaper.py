"""Every process a command starts ends with it (issue 16).

A tool may start helpers, and a helper may start its own session (``setsid``) and leave its
parent, which a timeout that ends the tool's process group never reaches. So:

- **Linux**: Checkup makes itself a *child subreaper* (``prctl(PR_SET_CHILD_SUBREAPER)``,
  once, best effort): a process whose parent exits is then handed to Checkup instead of to
  init. Each command runs with a random token in ``CHECKUP_COMMAND`` (``tool_env.py``),
  which its helpers inherit. When the command times out, the tool, everything below it and
  every process handed to Checkup that carries its token are killed; when it finishes, the
  processes carrying its token that outlived it are killed. Then everything killed is reaped.
  Only processes found below the tool or carrying the command's own token are ever
  signalled: other children of the program, and other commands' processes, are left alone.
  A helper that clears its environment *and* leaves its parent cannot be told apart from
  them, and is not found.
- **macOS** (and other POSIX systems): no subreaper exists. A timeout kills the tool's
  process group and every process still below it; a helper that left both is not found
  (best effort).
- **Windows**: each command is put in its own Job Object that kills its processes when
  closed (``JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE``); the job is ended after the command
  finishes or times out. The tool is assigned to the job just after it starts, so a helper it
  starts in that first instant escapes. (Not testable on the machines our tests run on.)

Processes handed to Checkup that end by themselves are reaped too: a zombie child that no
running command owns and that was born after the command started. LiveHost is the only code
in Checkup that starts processes, and it registers each one here before anything can reap it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import psutil

from checks.engine.tool_env import MARKER

PR_SET_CHILD_SUBREAPER = 36
KILL_ROUNDS = 20
REAP_SECONDS = 2.0

_lock = threading.Lock()  # held while a command starts and while strays are reaped
_owned: set[int] = set()  # pids of the commands LiveHost started and has not yet reaped
_subreaper: bool | None = None


def become_subreaper() -> bool:
    """Make this process the subreaper of its descendants (Linux; once; best effort)."""
    global _subreaper
    with _lock:
        if _subreaper is None:
            _subreaper = False
            if sys.platform.startswith("linux"):
                try:
                    libc = ctypes.CDLL(None, use_errno=True)
                    _subreaper = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
                except (OSError, AttributeError):
                    _subreaper = False
        return _subreaper


def is_subreaper() -> bool:
    return bool(_subreaper)


def _direct_children() -> list[int]:
    """Our children, from /proc/self/task/*/children (cheap), else from psutil."""
    pids: set[int] = set()
    try:
        for tid in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{tid}/children", encoding="ascii") as fh:
                pids.update(int(x) for x in fh.read().split())
    except (OSError, ValueError):
        try:
            return [p.pid for p in psutil.Process().children()]
        except psutil.Error:
            return []
    return sorted(pids)


def _carries(proc: psutil.Process, token: str) -> bool:
    try:
        return proc.environ().get(MARKER) == token
    except (psutil.Error, OSError):
        return False


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


class Command:
    """One command's processes: its token, its tool, its job (Windows)."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(12)
        self.proc: subprocess.Popen[bytes] | None = None
        self._root: psutil.Process | None = None
        self._born = 0.0
        self._job: Any = None
        self._killed: dict[int, psutil.Process] = {}

    def start(self, spawn: Callable[[], subprocess.Popen[bytes]]) -> subprocess.Popen[bytes]:
        with _lock:  # registered before any reaper can see it
            proc = spawn()
            _owned.add(proc.pid)
        self.proc = proc
        try:
            self._root = psutil.Process(proc.pid)
            self._born = self._root.create_time()
        except psutil.Error:
            self._root = None
        if sys.platform == "win32":
            self._job = _windows_job(proc.pid)
        return proc

    # -- finding -----------------------------------------------------------------------
    def _orphans(self) -> list[psutil.Process]:
        """Processes handed to us (subreaper) that carry this command's token."""
        if not is_subreaper():
            return []
        with _lock:
            candidates = [pid for pid in _direct_children() if pid not in _owned]
        out: list[psutil.Process] = []
        for pid in candidates:
            try:
                proc = psutil.Process(pid)
            except psutil.Error:
                continue
            if _carries(proc, self.token):
                out.append(proc)
        return out

    def _tree(self, with_tool: bool) -> list[psutil.Process]:
        roots = self._orphans()
        if with_tool and self._root is not None:
            roots.insert(0, self._root)
        found: dict[int, psutil.Process] = {}
        for root in roots:
            found.setdefault(root.pid, root)
            try:
                for child in root.children(recursive=True):
                    found.setdefault(child.pid, child)
            except psutil.Error:
                continue
        return list(found.values())

    # -- ending ------------------------------------------------------------------------
    def _kill(self, with_tool: bool) -> None:
        """Kill until nothing of the command is left running (a helper may fork while we
        look, so look again)."""
        for _ in range(KILL_ROUNDS):
            running = [p for p in self._tree(with_tool) if _alive(p)]
            if not running:
                return
            for proc in running:
                with contextlib.suppress(psutil.Error, OSError):
                    proc.kill()  # psutil refuses a pid that now names another process
                self._killed.setdefault(proc.pid, proc)
            time.sleep(0.01)

    def kill_all(self) -> None:
        """After a timeout: the tool and everything it started."""
        proc = self.proc
        if proc is None:
            return
        if sys.platform == "win32":
            _windows_end(self._job)
            with contextlib.suppress(OSError):
                proc.kill()
        else:
            # the tool is not yet reaped, so its process group id cannot name another group
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)
            self._kill(with_tool=True)
        with contextlib.suppress(subprocess.TimeoutExpired, OSError, ValueError):
            proc.communicate(timeout=REAP_SECONDS)

    def finish(self) -> None:
        """After the tool was reaped (or gave up): end what outlived it, reap, forget."""
        proc = self.proc
        if proc is None:
            return
        try:
            if sys.platform == "win32":
                _windows_end(self._job)
                _windows_close(self._job)
                self._job = None
            elif proc.returncode is not None:
                self._kill(with_tool=False)
                self._reap()
        finally:
            if proc.returncode is not None:
                with _lock:
                    _owned.discard(proc.pid)

    def _reap(self) -> None:
        tool = self.proc.pid if self.proc is not None else -1
        pending = {pid: p for pid, p in self._killed.items() if pid != tool}
        deadline = time.monotonic() + REAP_SECONDS
        while pending and time.monotonic() < deadline:
            for pid, proc in list(pending.items()):
                if _reap_one(pid) or not proc.is_running():
                    pending.pop(pid)
            if pending:
                time.sleep(0.01)
        self._reap_strays()

    def _reap_strays(self) -> None:
        """Zombies handed to us that died before we looked (so carry no readable token)."""
        if not is_subreaper() or not self._born:
            return
        with _lock:
            candidates = [pid for pid in _direct_children() if pid not in _owned]
        for pid in candidates:
            try:
                proc = psutil.Process(pid)
                stray = (proc.status() == psutil.STATUS_ZOMBIE
                         and proc.create_time() >= self._born)
            except psutil.Error:
                continue
            if stray:
                _reap_one(pid)


def _reap_one(pid: int) -> bool:
    """Reap ``pid`` if it is a dead child of ours that no running command owns."""
    with _lock:
        if pid in _owned:
            return True  # its own command reaps it
        try:
            got, _status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return False
        except OSError:
            return True
        return got == pid


@contextlib.contextmanager
def command() -> Iterator[Command]:
    cmd = Command()
    try:
        yield cmd
    finally:
        cmd.finish()


# -- Windows Job Objects --------------------------------------------------------------
# Written against the documented Win32 structures; guarded so any failure leaves the
# command running as before (ended by its own handle only).

JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x00002000
JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS = 9
PROCESS_SET_QUOTA = 0x0100
PROCESS_TERMINATE = 0x0001


def _windows_job(pid: int) -> Any:
    """A job that kills its processes when closed, with ``pid`` in it; None on failure."""
    if sys.platform != "win32":
        return None
    try:
        from ctypes import wintypes

        class BasicLimits(ctypes.Structure):
            _fields_ = [
                ("PerProcessUserTimeLimit", ctypes.c_int64),
                ("PerJobUserTimeLimit", ctypes.c_int64),
                ("LimitFlags", wintypes.DWORD),
                ("MinimumWorkingSetSize", ctypes.c_size_t),
                ("MaximumWorkingSetSize", ctypes.c_size_t),
                ("ActiveProcessLimit", wintypes.DWORD),
                ("Affinity", ctypes.c_size_t),
                ("PriorityClass", wintypes.DWORD),
                ("SchedulingClass", wintypes.DWORD),
            ]

        class IoCounters(ctypes.Structure):
            _fields_ = [(name, ctypes.c_uint64) for name in (
                "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
                "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]

        class ExtendedLimits(ctypes.Structure):
            _fields_ = [
                ("BasicLimitInformation", BasicLimits),
                ("IoInfo", IoCounters),
                ("ProcessMemoryLimit", ctypes.c_size_t),
                ("JobMemoryLimit", ctypes.c_size_t),
                ("PeakProcessMemoryUsed", ctypes.c_size_t),
                ("PeakJobMemoryUsed", ctypes.c_size_t),
            ]

        k32 = ctypes.WinDLL("kernel32", use_last_error=True)
        k32.CreateJobObjectW.argtypes = [wintypes.LPVOID, wintypes.LPCWSTR]
        k32.CreateJobObjectW.restype = wintypes.HANDLE
        k32.SetInformationJobObject.argtypes = [wintypes.HANDLE, ctypes.c_int,
                                                wintypes.LPVOID, wintypes.DWORD]
        k32.SetInformationJobObject.restype = wintypes.BOOL
        k32.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
        k32.OpenProcess.restype = wintypes.HANDLE
        k32.AssignProcessToJobObject.argtypes = [wintypes.HANDLE, wintypes.HANDLE]
        k32.AssignProcessToJobObject.restype = wintypes.BOOL
        k32.CloseHandle.argtypes = [wintypes.HANDLE]
        k32.CloseHandle.restype = wintypes.BOOL

        job = k32.CreateJobObjectW(None, None)
        if not job:
            return None
        info = ExtendedLimits()
        info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
        ok = k32.SetInformationJobObject(job, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS,
                                         ctypes.byref(info), ctypes.sizeof(info))
        handle = k32.OpenProcess(PROCESS_SET_QUOTA | PROCESS_TERMINATE, False, pid) if ok \
            else None
        assigned = bool(handle) and k32.AssignProcessToJobObject(job, handle)
        if handle:
            k32.CloseHandle(handle)
        if not assigned:
            k32.CloseHandle(job)
            return None
        return job
    except (OSError, AttributeError, ValueError):
        return None


def _windows_end(job: Any) -> None:
    if sys.platform != "win32" or not job:
        return
    with contextlib.suppress(OSError, AttributeError):
        from ctypes import wintypes

        k32 = ctypes.WinDLL("kernel32", use_last_error=True)
        k32.TerminateJobObject.argtypes = [wintypes.HANDLE, wintypes.UINT]
        k32.TerminateJobObject.restype = wintypes.BOOL
        k32.TerminateJobObject(job, 1)


def _windows_close(job: Any) -> None:
    if sys.platform != "win32" or not job:
        return
    with contextlib.suppress(OSError, AttributeError):
        from ctypes import wintypes

        k32 = ctypes.WinDLL("kernel32", use_last_error=True)
        k32.CloseHandle.argtypes = [wintypes.HANDLE]
        k32.CloseHandle.restype = wintypes.BOOL
        k32.CloseHandle(job)
