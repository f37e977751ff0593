"""The parsers auto-updates reads its Linux settings with, fed plain files of their input
(tests/fixtures/auto_updates/raw/SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

from checks.catalog.os_updates import linux as ul
from checks.catalog.readers.config_files import parse_bool

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RAW = FIXTURES / "auto_updates" / "raw"


def _raw(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def test_dnf_automatic_conf_downloads_without_applying() -> None:
    conf = ul.parse_ini(_raw("dnf-automatic.conf"))
    commands = conf["commands"]
    assert commands["upgrade_type"] == "default"
    assert parse_bool(commands["download_updates"]) is True
    assert parse_bool(commands["apply_updates"]) is False
    assert conf["emitters"]["emit_via"] == "motd"


def test_kde_discover_setting_is_read_without_regard_to_case() -> None:
    conf = ul.parse_ini(_raw("PlasmaDiscoverUpdates"))
    assert parse_bool(conf["global"]["useunattendedupdates"]) is True


def test_systemctl_is_enabled_words() -> None:
    assert ul.parse_is_enabled(_raw("systemctl-is-enabled-enabled.txt")) == ["enabled"]
    assert ul.parse_is_enabled(_raw("systemctl-is-enabled-disabled.txt")) == ["disabled"]
    assert "enabled" in ul.ENABLED_STATES and "disabled" not in ul.ENABLED_STATES


def test_real_apt_config_dump_has_no_unattended_upgrades() -> None:
    """The recorded Debian 12 container: unattended-upgrades not installed, so apt's
    configuration names no periodic job and no allowed origin."""
    text = (FIXTURES / "os_updates" / "raw" / "apt-config-dump-debian12.txt").read_text(
        encoding="utf-8")
    conf = ul.parse_apt_config_dump(text)
    assert "apt::architecture" in conf
    values = conf.get("apt::periodic::unattended-upgrade") or []
    assert ul.periodic_interval_on(values[0] if values else None) is None
    assert "unattended-upgrade::allowed-origins" not in conf
