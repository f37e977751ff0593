"""The shipped os-support data file is well formed and covers what the issue asks for."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from checks.catalog.os_supported.data import load_support, parse_support
from checks.engine.datafile import DataError, parse_data
from checks.engine.osinfo import (
    UBUNTU_CODENAMES,
    WINDOWS_10_BUILDS,
    WINDOWS_11_BUILDS,
    WINDOWS_EDITION_FAMILIES,
)
from checks.engine.resources import resource_path

RAW: dict[str, Any] = json.loads(resource_path("data", "os-support.json").read_text("utf-8"))


def test_loads_and_is_dated_honestly() -> None:
    df, entries = load_support()
    assert df.gathered == date(2026, 11, 23)
    assert len(entries) == len(RAW["entries"]) > 80


def test_every_entry_has_a_date_and_a_source() -> None:
    for raw in RAW["entries"]:
        assert raw.get("source"), raw["id"]
        assert raw.get("source_date"), raw["id"]
        date.fromisoformat(raw["source_date"])
        assert date.fromisoformat(raw["source_date"]) <= date(2026, 11, 23), raw["id"]
        dates = [raw.get(k) for k in ("standard_end", "released", "announced")]
        assert any(dates) or raw.get("base") or raw.get("end_policy"), raw["id"]
        for prog in raw.get("extended", []):
            assert prog.get("source") and prog.get("source_date") and prog.get("end"), prog["id"]


def test_windows_coverage_by_feature_update_and_edition_family() -> None:
    _, entries = load_support()
    families = set(WINDOWS_EDITION_FAMILIES.values())
    win = [e for e in entries if e.os == "windows"]
    for e in win:
        assert set(e.editions) <= families, e.id
        table = WINDOWS_11_BUILDS if e.version == "11" else WINDOWS_10_BUILDS
        assert table.get(e.build or 0) == e.feature, e.id  # osinfo and the data agree
    for build in [19045, *WINDOWS_11_BUILDS]:
        have = {f for e in win if e.build == build for f in e.editions}
        assert {"home_pro", "enterprise"} <= have, build
    by_id = {e.id: e for e in win}
    assert by_id["windows-11-24h2-home_pro"].standard_end == date(2026, 10, 13)
    assert by_id["windows-11-23h2-home_pro"].standard_end == date(2025, 11, 11)
    assert by_id["windows-10-21h2-ltsc"].standard_end == date(2027, 1, 12)
    assert by_id["windows-10-21h2-iot_ltsc"].standard_end == date(2032, 1, 13)


def test_windows_10_extended_programmes() -> None:
    _, entries = load_support()
    home = next(e for e in entries if e.id == "windows-10-22h2-home_pro")
    ent = next(e for e in entries if e.id == "windows-10-22h2-enterprise")
    progs = {p.id: p for p in home.extended}
    consumer = progs["windows-10-consumer-esu"]
    assert consumer.end == date(2027, 10, 12)  # extended from 2026-10-13 in June 2026
    assert (consumer.access, consumer.coverage) == ("enrolment", "most")
    commercial = progs["windows-10-commercial-esu"]
    assert [y.end for y in commercial.years] == [date(2026, 10, 13), date(2027, 10, 12),
                                                 date(2028, 10, 10)]
    assert "windows-10-consumer-esu" not in {p.id for p in ent.extended}


def test_linux_coverage() -> None:
    _, entries = load_support()
    have = {(e.os, e.version) for e in entries}
    for v in ["18.04", "20.04", "22.04", "24.04", "26.04", "18.10", "23.10", "25.10"]:
        assert ("ubuntu", v) in have
    assert set(UBUNTU_CODENAMES.values()) <= {v for o, v in have if o == "ubuntu"}
    for v in ["10", "11", "12", "13"]:
        assert ("debian", v) in have
    for v in ["39", "40", "41", "42", "43", "44"]:
        assert ("fedora", v) in have
    assert {("linuxmint", "21"), ("linuxmint", "22"), ("tails", "*"), ("qubes", "4.3")} <= have
    lts = next(e for e in entries if e.id == "debian-12")
    assert lts.extended[0].coverage == "partial" and lts.extended[0].access == "automatic"


def test_macos_is_marked_inferred_and_ranked() -> None:
    _, entries = load_support()
    mac = [e for e in entries if e.os == "macos"]
    assert {"12", "13", "14", "15", "26", "27"} <= {e.version for e in mac}
    assert all(e.inferred and e.relative_support for e in mac)


def _first(raw: dict[str, Any], os_id: str) -> dict[str, Any]:
    return next(e for e in raw["entries"] if e["os"] == os_id)


def _broken(change: Any) -> list[Any]:
    raw = copy.deepcopy(RAW)
    change(raw)
    return parse_support(parse_data("os-support", raw, required=("id", "os", "version", "name")))


@pytest.mark.parametrize("change, message", [
    (lambda r: r["entries"][0].update(standard_end="2017-5-9"), "is not a date"),
    (lambda r: r["entries"][0].pop("standard_end"), "has no date"),
    (lambda r: _first(r, "ubuntu").pop("standard_end"), "has no 'standard_end'"),
    (lambda r: _first(r, "ubuntu").update(standard_end=None), "needs an 'end_policy'"),
    (lambda r: r["entries"][1].update(id=r["entries"][0]["id"]), "the id is used twice"),
    (lambda r: r["entries"][0].update(match="fuzzy"), "no valid 'match'"),
    (lambda r: next(e for e in r["entries"] if e["os"] == "linuxmint").update(
        base={"os": "ubuntu", "version": "99.04"}), "names a base that is not in it"),
    (lambda r: next(e for e in r["entries"] if e.get("extended"))["extended"][0].pop("source"),
     "has no 'source'"),
    (lambda r: next(e for e in r["entries"] if e.get("extended"))["extended"][0].update(
        access="maybe"), "no valid 'access'"),
    (lambda r: next(e for e in r["entries"] if e.get("extended"))["extended"][0].update(
        end=None), "has no end date"),
])
def test_parse_support_refuses_malformed_data(change: Any, message: str) -> None:
    with pytest.raises(DataError) as err:
        _broken(change)
    assert message in str(err.value)
    assert str(err.value).startswith("data file 'os-support'")
