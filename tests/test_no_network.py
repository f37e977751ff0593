"""Offline, always: no test opens an internet socket (conftest), and a real CLI scan run under
strace makes no connect/bind/sendto call on an AF_INET or AF_INET6 socket."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# An internet socket being created, or an address of the internet families being used.
# (Reading the local socket table through netlink, as `ss` and psutil do, mentions AF_INET
# inside an AF_NETLINK message: that is not network use and does not match.)
INET = re.compile(r"\bsocket\(AF_INET6?\b|sa_family=AF_INET6?\b")


def _strace() -> str:
    path = shutil.which("strace")
    if path is None:
        pytest.skip("strace is not installed (make sysdeps installs it when run as root): "
                    "the system-call trace cannot be taken")
    probe = subprocess.run([path, "-f", "-e", "trace=connect", "-o", os.devnull, "true"],
                           capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"strace cannot trace here (ptrace refused?): {probe.stderr.strip()[:200]}")
    return path


def _traced(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], str]:
    log = tmp_path / "trace.txt"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [_strace(), "-f", "-qq", "-e", "trace=socket,connect,bind,sendto,sendmsg", "-o", str(log),
         sys.executable, "-m", "checks.cli", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=180, check=False)
    return proc, log.read_text(errors="replace") if log.exists() else ""


def test_the_guard_itself_catches_inet_lines() -> None:
    assert INET.search('connect(3, {sa_family=AF_INET, sin_port=htons(53), ...}, 16) = 0')
    assert INET.search('connect(3, {sa_family=AF_INET6, sin6_port=htons(443)}, 28) = -1')
    assert INET.search("socket(AF_INET6, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_IP) = 3")
    assert not INET.search('connect(3, {sa_family=AF_UNIX, sun_path="/run/dbus"}, 110) = 0')
    assert not INET.search("sendmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0}, msg_iov=[{"
                           "iov_base=[{nlmsg_type=SOCK_DIAG_BY_FAMILY}, {idiag_family=AF_INET, "
                           "idiag_sport=0}]}]}, 0) = 72")


def test_a_live_scan_opens_no_internet_connection(tmp_path: Path) -> None:
    proc, trace = _traced(tmp_path, "scan", "--json")
    assert proc.returncode in (0, 1), proc.stderr
    offending = [line for line in trace.splitlines() if INET.search(line)]
    assert offending == []


def test_recording_opens_no_internet_connection(tmp_path: Path) -> None:
    proc, trace = _traced(tmp_path, "record", str(tmp_path / "snap.json"), "--only",
                          "disk-encryption")
    assert proc.returncode == 0, proc.stderr
    assert [line for line in trace.splitlines() if INET.search(line)] == []


def test_the_trace_would_see_a_connection(tmp_path: Path) -> None:
    """Positive control: a loopback connection attempt shows up in the same kind of trace."""
    log = tmp_path / "trace.txt"
    code = ("import socket\ns = socket.socket()\ntry:\n    s.connect(('127.0.0.1', 9))\n"
            "except OSError:\n    pass\n")
    subprocess.run([_strace(), "-f", "-qq", "-e", "trace=socket,connect,bind,sendto,sendmsg", "-o",
                    str(log), sys.executable, "-c", code], capture_output=True, check=False,
                   timeout=60)
    assert any(INET.search(line) for line in log.read_text().splitlines())


def test_looking_up_a_network_name_fails_the_test() -> None:
    import socket

    from tests.conftest import NetworkForbidden

    with pytest.raises(NetworkForbidden):
        socket.getaddrinfo("example.org", 443)
    with pytest.raises(NetworkForbidden):
        socket.gethostbyname("example.org")
    assert socket.getaddrinfo("localhost", None)  # local names still resolve
