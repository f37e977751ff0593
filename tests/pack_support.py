"""Data packs for tests, signed by the real minisign tool with keys made at test time
(tests/test_datapack.py and the window's tests). Nothing here is a fixture file: every key
and pack is made in a temporary folder and thrown away."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tools import datapack as builder

MINISIGN = shutil.which("minisign")
needs_minisign = pytest.mark.skipif(MINISIGN is None, reason="the minisign tool is not installed")
RELEASED = date(2026, 12, 20)


def make_key(folder: Path, name: str = "test") -> tuple[Path, Path]:
    """A throw-away key pair made by ``minisign -G -W`` (no password): (secret, public)."""
    folder.mkdir(parents=True, exist_ok=True)
    secret, public = folder / f"{name}.key", folder / f"{name}.pub"
    subprocess.run([str(MINISIGN), "-G", "-W", "-s", str(secret), "-p", str(public)],  # noqa: S603
                   check=True, capture_output=True, timeout=60)
    return secret, public


def make_pack(out: Path, secret: Path, *, sequence: int = 2, released: date = RELEASED,
              edit: Callable[[dict[str, Any]], None] | None = None,
              version: int | None = None) -> Path:
    """A pack of the bundled data files (``edit`` may change them, ``version`` the pack's
    schema version), signed by minisign with ``secret``."""
    files = builder.collect(builder.DATA, released)
    if edit is not None:
        edit(files)
    payload = builder.payload_bytes(files, released, sequence, version or 1)
    text = builder.envelope(payload, builder.sign(payload, secret, f"test pack {sequence}"))
    out.write_text(text, encoding="utf-8")
    return out


def debian_12_lts(folder: Path) -> Path:
    """A Debian 12 machine past regular support (os-supported: fail with the bundled data),
    written to ``folder``: the case tests/test_os_supported.py builds, for the pack tests."""
    from tests.fixtures.os_supported import build_fixtures as bf
    from tools.snapshot_builder import write

    case = bf.linux("Debian 12 in LTS", "Regular security support ended 2026-06-10.",
                    bf.DEBIAN_12)
    return write(folder, case, name="debian-12-lts")
