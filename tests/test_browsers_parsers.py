"""Pure readers of browser version files (checks/catalog/browsers/versions.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from checks.catalog.browsers import versions as bv
from checks.catalog.browsers.release_lines import Clock

CLOCK = Clock(date(2026, 11, 23), date(2026, 11, 23))


def test_parse_version_variants() -> None:
    v = bv.parse_version("153.4.0esr")
    assert v is not None and v.parts == (153, 4, 0) and v.esr
    w = bv.parse_version("16.0a4")
    assert w is not None and w.alpha and w.major == 16
    assert bv.parse_version("") is None and bv.parse_version("esr") is None
    assert bv.debian_upstream_version("1:153.4.0esr-1~deb13u1") == "153.4.0esr"
    assert bv.debian_upstream_version("158.0.7810.55-1") == "158.0.7810.55"


def test_application_ini_reads_only_the_app_section() -> None:
    text = ("[App]\nVendor=Mozilla\nName=Firefox\nVersion=153.4.0\n"
            "SourceRepository=https://hg.mozilla.org/releases/mozilla-esr153\n\n"
            "[Gecko]\nVersion=999\n")
    ini = bv.parse_application_ini(text)
    assert ini["Version"] == "153.4.0" and "esr153" in ini["SourceRepository"]
    assert bv.parse_application_ini(None) == {}


def test_dpkg_status_only_installed_packages() -> None:
    text = ("Package: firefox-esr\nStatus: install ok installed\nVersion: 153.4.0esr-1\n"
            "Description: web\n a continuation line: Version: 1\n\n"
            "Package: google-chrome-stable\nStatus: deinstall ok config-files\n"
            "Version: 150.0-1\n\nPackage: other\nStatus: install ok installed\nVersion: 1\n")
    out = bv.parse_dpkg_status(text, {"firefox-esr", "google-chrome-stable"})
    assert out == {"firefox-esr": "153.4.0esr-1"}
    assert bv.parse_dpkg_status(None, {"x"}) == {}


def test_snap_yaml_metainfo_and_tbb_version() -> None:
    assert bv.parse_snap_yaml("name: firefox\nversion: '157.0.1-1'\n") == "157.0.1-1"
    assert bv.parse_snap_yaml("name: x\n") is None
    xml = '<releases><release version="157.0" date="2026-11-10"/><release version="156.0"/>'
    assert bv.parse_metainfo_release(xml) == "157.0"
    assert bv.parse_metainfo_release("<component/>") is None
    assert bv.parse_tbb_version('{"version": "16.0.3", "channel": "release"}') == (
        "16.0.3", "release")
    assert bv.parse_tbb_version("{not json") is None
    assert bv.parse_tbb_version('{"channel": "release"}') is None


def test_judge_tor_by_base_or_series() -> None:
    tor = {"esr_base": {"15": 140, "16": 153}}
    ff = {"current_major": 157, "esr_supported": [153], "esr_ended": {"140": "2026-09-15"}}
    v16, v15 = bv.parse_version("16.0.3"), bv.parse_version("15.0.9")
    assert bv.judge_tor(v16, None, tor, ff, CLOCK).state == bv.ESR_SUPPORTED
    ended = bv.judge_tor(v15, None, tor, ff, CLOCK)
    assert ended.state == bv.ESR_ENDED and ended.esr_end == "2026-09-15"
    base = bv.parse_version("153.4.0")
    assert bv.judge_tor(v15, base, tor, ff, CLOCK).state == bv.ESR_SUPPORTED  # the base wins
    alpha_on_rapid = bv.judge_tor(bv.parse_version("17.0a2"), bv.parse_version("157.0"), tor,
                                  ff, CLOCK)
    assert alpha_on_rapid.state == bv.CURRENT
    assert bv.judge_tor(bv.parse_version("17.0a2"), None, tor, ff, CLOCK).state == bv.NO_VERSION
    assert bv.judge_tor(bv.parse_version("18.0"), None, tor, ff, CLOCK).state == bv.UNTRACKED
    assert bv.judge_tor(None, None, tor, ff, CLOCK).state == bv.NO_VERSION


def test_tor_browser_is_never_projected() -> None:
    """Tor Browser follows Firefox ESR: 150 days after the data it is still judged on its ESR
    line (no rapid-release projection), and past the 180 days it cannot be told."""
    tor = {"esr_base": {"16": 153}}
    ff = {"current_major": 157, "current_since": "2026-11-10", "cadence_days": 28,
          "esr_supported": [153]}
    v16 = bv.parse_version("16.0.3")
    later = Clock(date(2026, 11, 23), date(2027, 4, 22))
    assert bv.judge_tor(v16, None, tor, ff, later).state == bv.ESR_SUPPORTED
    past = Clock(date(2026, 11, 23), date(2027, 5, 23))
    assert bv.judge_tor(v16, None, tor, ff, past).state == bv.DATA_TOO_OLD


def test_mimeinfo_cache_lists_the_web_link_handlers() -> None:
    from checks.catalog.browsers.versions import parse_mimeinfo_cache

    text = ("[MIME Cache]\ntext/html=firefox.desktop;\nx-scheme-handler/https=firefox.desktop;"
            "kde4-konqbrowser.desktop;\nx-scheme-handler/http=firefox.desktop;waterfox.desktop\n"
            "[Other]\nx-scheme-handler/https=ignored.desktop;\n")
    assert parse_mimeinfo_cache(text) == ["firefox", "kde4-konqbrowser", "waterfox"]
    assert parse_mimeinfo_cache(None) == [] and parse_mimeinfo_cache("garbage\x00") == []


# -- raw files (tests/fixtures/browsers/raw/, origins in SOURCES.md) -------------------------

RAW = Path(__file__).resolve().parent / "fixtures" / "browsers" / "raw"


def test_raw_firefox_snap_application_ini() -> None:
    ini = bv.parse_application_ini((RAW / "firefox-snap-application.ini").read_text("utf-8"))
    assert ini["Vendor"] == "Mozilla" and ini["Name"] == "Firefox"
    assert ini["Version"] == "155.0.1"  # the [App] one, not [Gecko]'s MinVersion/MaxVersion
    assert "MaxVersion" not in ini
    assert ini["SourceRepository"].endswith("mozilla-release")
    v = bv.parse_version(ini["Version"])
    assert v is not None and v.parts == (155, 0, 1) and not v.esr


def test_raw_tor_browser_version_file() -> None:
    text = (RAW / "tbb_version-linux64-release.json").read_text("utf-8")
    assert bv.parse_tbb_version(text) == ("12.0.1", "release")
