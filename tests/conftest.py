"""Test set-up shared by the whole suite.

- Qt runs offscreen (no display needed).
- No test may open a network connection: creating an AF_INET/AF_INET6 socket, or looking up
  a network name (which may send a DNS query from inside the C library), fails the test.
- Hypothesis runs under the profile tests/fuzz_support.py picks (``ci``, or ``fuzz`` with
  CHECKUP_FUZZ=1), keeps no example database and puts its cache under the temporary
  folder, so nothing is written into the working tree.
- While the tests are collected, Python's bytecode and pytest's rewritten test modules are
  kept between runs in a folder of the temporary directory (never in the working tree), also
  where PYTHONDONTWRITEBYTECODE is set: compiling and rewriting some 200 modules again cost
  about 8 s of CPU at every start. When collection ends both settings are as they were, so
  no test writes bytecode (the tests that watch writes see none); nor does the window probe
  of tests/test_writes_nothing.py, a pytest run of its own.
- A data pack a test put in use is put away after it (``_bundled_data_again``).
- Protected reports are made by tests/fake_cipher.py's FastCipher (age files with a cheap
  scrypt work factor, opened by rage): rage's own encryption spends about a second per file.
  A test marked ``real_cipher`` gets the real one (checks.privacy.report_crypto.PyrageCipher): the
  round trips with the Go age tool, and tests whose subject is the cipher itself.
"""

from __future__ import annotations

import os
import socket
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CHECKUP_TESTING", "1")
# Hypothesis' cache (its table of Unicode characters; no examples, there is no database)
# lives outside the working tree, in one folder per user kept between runs: building the
# table again costs seconds per run.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(
    tempfile.gettempdir(), f"checkup-hypothesis-{getattr(os, 'getuid', lambda: 0)()}"))

_BYTECODE = (sys.pycache_prefix, sys.dont_write_bytecode)
if not os.environ.get("CHECKUP_WRITES_NOTHING_PROBE"):  # that pytest run must write nothing
    sys.pycache_prefix = os.path.join(tempfile.gettempdir(),
                                      f"checkup-pycache-{getattr(os, 'getuid', lambda: 0)()}")
    sys.dont_write_bytecode = False

from tests.fuzz_support import load_profile  # noqa: E402 - after the storage folder is set

HYPOTHESIS_PROFILE = load_profile()

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

_real_socket = socket.socket


class NetworkForbidden(AssertionError):
    pass


class _GuardedSocket(_real_socket):
    def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
        fam = family if family != -1 else socket.AF_INET
        if fam in (socket.AF_INET, socket.AF_INET6):
            raise NetworkForbidden("a test tried to open an internet socket")
        super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]


_LOCAL_NAMES = {None, "", "localhost", "127.0.0.1", "::1"}


def _guard_lookup(real: Callable[..., Any]) -> Callable[..., Any]:
    """Name lookups may send DNS queries from inside the C library: forbid all but local."""

    def guarded(host: Any = None, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name not in _LOCAL_NAMES:
            raise NetworkForbidden(f"a test tried to look up the network name {name!r}")
        return real(host, *args, **kwargs)

    return guarded


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket, "socket", _GuardedSocket)
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        monkeypatch.setattr(socket, name, _guard_lookup(getattr(socket, name)))
    yield


@pytest.fixture(autouse=True)
def _cipher(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from checks.privacy import report_crypto

    if request.node.get_closest_marker("real_cipher") is None:
        from tests.fake_cipher import FastCipher

        monkeypatch.setattr(report_crypto, "cipher", FastCipher())
    else:
        assert isinstance(report_crypto.cipher, report_crypto.PyrageCipher)
    yield


def pytest_collection_finish(session: pytest.Session) -> None:
    sys.pycache_prefix, sys.dont_write_bytecode = _BYTECODE


def pytest_report_header() -> str:
    return f"checkup: hypothesis profile {HYPOTHESIS_PROFILE!r} (tests/fuzz_support.py)"


@pytest.fixture(autouse=True)
def _bundled_data_again() -> Iterator[None]:
    """A test that put a data pack in use (checks/engine/datafile.use_pack) leaves the next
    one the bundled data."""
    yield
    from checks.engine import datafile

    if datafile._pack_files is not None:
        datafile.use_pack(None)


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
