"""The parsers auto-updates reads its Linux settings with, fed plain files of their input
(tests/fixtures/auto_updates/raw/SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

from checks.catalog.auto_updates.apt_config import (
    parse_apt_conf_files,
    parse_apt_config_dump,
    periodic_interval_on,
)
from checks.catalog.auto_updates.ini import parse_ini
from checks.catalog.auto_updates.systemctl import ENABLED_STATES, parse_is_enabled
from checks.catalog.readers.config_files import parse_bool

RAW = Path(__file__).resolve().parent / "fixtures" / "auto_updates" / "raw"


def _raw(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def test_dnf_automatic_conf_downloads_without_applying() -> None:
    conf = parse_ini(_raw("dnf-automatic.conf"))
    commands = conf["commands"]
    assert commands["upgrade_type"] == "default"
    assert parse_bool(commands["download_updates"]) is True
    assert parse_bool(commands["apply_updates"]) is False
    assert conf["emitters"]["emit_via"] == "motd"


def test_kde_discover_setting_is_read_without_regard_to_case() -> None:
    conf = parse_ini(_raw("PlasmaDiscoverUpdates"))
    assert parse_bool(conf["global"]["useunattendedupdates"]) is True


def test_raw_systemctl_is_enabled_words() -> None:
    assert parse_is_enabled(_raw("systemctl-is-enabled-enabled.txt")) == ["enabled"]
    assert parse_is_enabled(_raw("systemctl-is-enabled-disabled.txt")) == ["disabled"]
    assert "enabled" in ENABLED_STATES and "disabled" not in ENABLED_STATES


def test_real_apt_config_dump_recorded_on_debian_12() -> None:
    """Real output of a system without unattended-upgrades: apt's own settings, and no
    periodic job or allowed origin."""
    conf = parse_apt_config_dump(_raw("apt-config-dump-debian12.txt"))
    assert conf["apt::architecture"] == ["amd64"]
    assert conf["apt::sandbox::user"] == ["_apt"]
    assert "build-essential" in conf["apt::build-essential"]
    assert not any(k.startswith("apt::periodic") for k in conf)
    values = conf.get("apt::periodic::unattended-upgrade") or []
    assert periodic_interval_on(values[0] if values else None) is None
    assert "unattended-upgrade::allowed-origins" not in conf


# -- moved with the parsers from tests/test_os_updates_parsers.py -------------------


def test_apt_config_dump_lists_and_values() -> None:
    text = ('APT "";\nAPT::Architecture "amd64";\nAPT::Periodic "";\n'
            'APT::Periodic::Update-Package-Lists "1";\n'
            'APT::Periodic::Unattended-Upgrade "1";\n'
            'Unattended-Upgrade::Allowed-Origins "";\n'
            'Unattended-Upgrade::Allowed-Origins:: "${distro_id}:${distro_codename}";\n'
            'Unattended-Upgrade::Allowed-Origins:: "${distro_id}:${distro_codename}-security";\n')
    conf = parse_apt_config_dump(text)
    assert conf["apt::periodic::unattended-upgrade"] == ["1"]
    assert conf["unattended-upgrade::allowed-origins"] == [
        "${distro_id}:${distro_codename}", "${distro_id}:${distro_codename}-security"]
    assert conf["apt::architecture"] == ["amd64"]
    assert parse_apt_config_dump("garbage\n{{{") == {}


def test_apt_conf_files_fallback_later_files_win() -> None:
    conf = parse_apt_conf_files([
        'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n',
        '// turned off by hand\nAPT::Periodic::Unattended-Upgrade "0";\n',
    ])
    assert conf["apt::periodic::unattended-upgrade"] == ["0"]
    assert conf["apt::periodic::update-package-lists"] == ["1"]


def test_periodic_values() -> None:
    assert periodic_interval_on("1") is True
    assert periodic_interval_on("7") is True
    assert periodic_interval_on("always") is True
    assert periodic_interval_on("12h") is True
    assert periodic_interval_on("0") is False
    assert periodic_interval_on("") is False
    assert periodic_interval_on(None) is None
    assert periodic_interval_on("yes please") is None


def test_ini_reader_and_booleans() -> None:
    conf = parse_ini("[commands]\n# comment\napply_updates = yes\nupgrade_type=security\n")
    assert conf["commands"]["apply_updates"] == "yes"
    assert parse_bool("yes") is True and parse_bool("False") is False
    assert parse_bool("maybe") is None and parse_bool(None) is None


def test_systemctl_is_enabled_words() -> None:
    assert parse_is_enabled("enabled\n") == ["enabled"]
    assert parse_is_enabled("") == []
    assert "masked" not in ENABLED_STATES and "static" in ENABLED_STATES
