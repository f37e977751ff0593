"""Pure parsers for ``defaults read com.apple.sharingd DiscoverableMode`` (AirDrop's
setting on macOS): the answer, and the error of a key never written."""

from __future__ import annotations


def parse_discoverable_mode(text: str) -> str | None:
    """``defaults read com.apple.sharingd DiscoverableMode``: "Everyone", "Contacts Only",
    "Off" (one line)."""
    value = text.strip()
    return value if value in ("Everyone", "Contacts Only", "Off") else None


def air_not_set(returncode: int | None, stderr: str) -> bool:
    """``defaults read`` of a key that was never written: exit status 1 and "The
    domain/default pair of (...) does not exist" (that text is not translated)."""
    return returncode == 1 and "does not exist" in stderr
