"""firewall: the pure parsers fed plain files of tool output
(tests/fixtures/firewall/raw, origins in SOURCES.md there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.catalog.firewall.rules import parse_iptables_save, parse_nft_config
from checks.catalog.firewall.socketfilterfw import parse_alf_state, parse_stealth

RAW = Path(__file__).parent / "fixtures" / "firewall" / "raw"


def _raw(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def test_every_raw_file_is_listed_in_sources() -> None:
    listed = _raw("SOURCES.md")
    for path in RAW.iterdir():
        if path.name != "SOURCES.md":
            assert f"`{path.name}`" in listed, path.name


@pytest.mark.parametrize("name, state", [
    ("socketfilterfw-globalstate-enabled.txt", 1),
    ("socketfilterfw-globalstate-disabled.txt", 0),
    ("socketfilterfw-globalstate-blocking.txt", 2),
])
def test_socketfilterfw_global_state(name: str, state: int) -> None:
    assert parse_alf_state(_raw(name)) == state


@pytest.mark.parametrize("name, on", [
    ("socketfilterfw-stealthmode-on.txt", True),
    ("socketfilterfw-stealthmode-off.txt", False),
])
def test_socketfilterfw_stealth_mode(name: str, on: bool) -> None:
    assert parse_stealth(_raw(name)) is on


@pytest.mark.parametrize("name, verdict", [
    ("nftables-conf-drop.txt", "filtering"),
    ("nftables-conf-accept-all.txt", "accept_all"),
    ("nftables-conf-jump.txt", "filtering"),
    ("nftables-conf-forward-drop.txt", "accept_all"),  # forward drops; input lets all in
])
def test_nftables_config(name: str, verdict: str) -> None:
    assert parse_nft_config(_raw(name)) == verdict


@pytest.mark.parametrize("name, verdict", [
    ("iptables-save-user-chain.txt", "filtering"),
    ("iptables-save-invalid-only.txt", "partial"),
])
def test_iptables_save(name: str, verdict: str) -> None:
    assert parse_iptables_save(_raw(name)) == verdict
