"""Test set-up shared by the whole suite.

- Qt runs offscreen (no display needed).
- No test may open a network connection: creating an AF_INET/AF_INET6 socket fails the test.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CHECKUP_TESTING", "1")

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


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket, "socket", _GuardedSocket)
    yield


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
