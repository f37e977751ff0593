"""The os-supported parsers on files as they are on disk (tests/fixtures/os_supported/raw/,
origins in SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

from checks.catalog.os_supported.coverage import elts_configured

RAW = Path(__file__).resolve().parent / "fixtures" / "os_supported" / "raw"


def test_freexian_extended_lts_list_is_seen() -> None:
    assert elts_configured([(RAW / "extended-lts.list").read_text("utf-8")])


def test_a_plain_debian_sources_list_is_not_elts() -> None:
    assert not elts_configured([(RAW / "sources.list-squeeze-opening").read_text("utf-8")])
    both = [(RAW / name).read_text("utf-8")
            for name in ("sources.list-squeeze-opening", "extended-lts.list")]
    assert elts_configured(both)


# -- end dates the machine states (issue 20) -------------------------------------------------

RAW_DIR = Path(__file__).resolve().parent / "fixtures" / "os_supported" / "raw"


def test_distro_info_rows_of_the_real_files() -> None:
    from datetime import date

    from checks.catalog.os_supported.local_ends import parse_distro_info, support_end_of

    debian = (RAW_DIR / "distro-info-debian.csv").read_text(encoding="utf-8")
    ubuntu = (RAW_DIR / "distro-info-ubuntu.csv").read_text(encoding="utf-8")
    bookworm = parse_distro_info(debian, "12", "/usr/share/distro-info/debian.csv")
    assert bookworm is not None and bookworm.end == date(2026, 7, 11)
    assert bookworm.text.startswith("12,Bookworm,bookworm,")
    jammy = parse_distro_info(ubuntu, "22.04")
    assert jammy is not None and jammy.end == date(2027, 6, 1)  # "22.04 LTS" is 22.04
    assert jammy.programmes == {"ubuntu-pro-esm": date(2032, 4, 21)}
    assert bookworm.programmes == {"debian-lts": date(2028, 6, 30),
                                   "debian-elts": date(2033, 6, 30)}
    assert parse_distro_info(debian, "14") is None  # Forky: no end yet
    assert parse_distro_info(debian, "99") is None
    assert parse_distro_info("not,a,csv\n1,2,3", "12") is None
    assert parse_distro_info(debian.replace("2026-07-11", "someday"), "12") is None
    assert parse_distro_info("", "12") is None
    fedora = support_end_of("2026-12-02")
    assert fedora is not None and fedora.end == date(2026, 12, 2)
    assert support_end_of("soon") is None and support_end_of("9999-99-99") is None
