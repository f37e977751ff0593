"""Signal Desktop's config.json parser on files as they are on disk
(tests/fixtures/messaging/raw/, origins in SOURCES.md): which key fields exist, never their
values."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.catalog.messaging import facts
from checks.catalog.messaging.signal_config import parse_signal_config

RAW = Path(__file__).resolve().parent / "fixtures" / "messaging" / "raw"


@pytest.mark.parametrize("name,expected", [
    ("signal-config-encrypted-gnome-libsecret.json",
     (facts.SIGNAL_KEYSTORE, True, False, "gnome_libsecret")),
    ("signal-config-plain-key-basic-store.json", (facts.SIGNAL_PLAIN, False, True, None)),
    ("signal-config-flatpak-before-cleanup.json",
     (facts.SIGNAL_PLAIN, True, True, "gnome_libsecret")),
])
def test_real_signal_config_files(name: str, expected: tuple[str, bool, bool, str | None]
                                  ) -> None:
    text = (RAW / name).read_text(encoding="utf-8")
    assert parse_signal_config(text) == expected


def test_no_value_of_a_key_field_comes_out() -> None:
    for path in RAW.glob("*.json"):
        out = repr(parse_signal_config(path.read_text(encoding="utf-8")))
        assert "someKey" not in out and "763131" not in out and "ec4f82" not in out
