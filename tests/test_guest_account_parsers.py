"""The guest-account parsers fed plain files of their input
(tests/fixtures/guest_account/raw/SOURCES.md)."""

from __future__ import annotations

import json
from pathlib import Path

from checks.catalog.guest_account.sysadminctl import parse_sysadminctl_guest
from checks.catalog.guest_account.win32_useraccount import parse_guest_fact

RAW = Path(__file__).resolve().parent / "fixtures" / "guest_account" / "raw"


def _fact(name: str) -> object:
    envelope = json.loads((RAW / name).read_text(encoding="utf-8"))
    assert envelope["guest_account"]["ok"] is True
    return envelope["guest_account"]["value"]


def test_sysadminctl_answer_after_its_log_prefix() -> None:
    text = (RAW / "sysadminctl-guestAccount-status-disabled.txt").read_text(encoding="utf-8")
    assert parse_sysadminctl_guest(text) is False


def test_guest_fact_one_account_unrolled_or_in_a_list() -> None:
    assert parse_guest_fact(_fact("powershell-facts-guest-enabled.txt")) == [
        {"name": "Guest", "disabled": False}]
    # a translated name: the account is found by its SID, not its name
    assert parse_guest_fact(_fact("powershell-facts-guest-disabled.txt")) == [
        {"name": "Invitado", "disabled": True}]
