"""Whose browser an application.ini names, on files as they are on disk
(tests/fixtures/tor_browser/raw/, origins in SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

from checks.catalog.browsers import versions as bv
from checks.catalog.tor_browser import facts
from checks.catalog.tor_browser.identity import identity_of, ini_line, product_of

RAW = Path(__file__).resolve().parent / "fixtures" / "tor_browser" / "raw"


def _ini(name: str) -> dict[str, str]:
    return bv.parse_application_ini((RAW / name).read_text("utf-8"))


def test_a_plain_firefox_is_not_tor_browser() -> None:
    ini = _ini("firefox-application.ini")
    assert identity_of(ini) == facts.TOR_OTHER
    assert product_of(ini) == "Mozilla Firefox"
    assert ini_line(ini) == "Vendor=Mozilla, Name=Firefox, Version=155.0.1"


def test_tor_browser_names_the_tor_project() -> None:
    ini = _ini("tor-browser-application.ini")
    assert identity_of(ini) == facts.TOR_VERIFIED
    assert product_of(ini) == "Tor Project Firefox"
    base = bv.parse_version(ini.get("Version"))
    assert base is not None and base.parts == (140, 5, 0)


def test_the_tor_browser_version_file() -> None:
    parsed = bv.parse_tbb_version((RAW / "tbb_version.json").read_text("utf-8"))
    assert parsed == ("12.0.1", "release")
    version = bv.parse_version(parsed[0])
    assert version is not None and not version.alpha
