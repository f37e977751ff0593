"""The one loader for dated data files: validation with clear messages, age, caching."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from checks.engine import datafile
from checks.engine.datafile import (
    DataError,
    bundled_data_files,
    check_entry_dates,
    load_data,
    parse_data,
    parse_date_value,
)


def good(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": "sample", "version": 1, "gathered": "2026-11-23", "description": "test data",
        "entries": [{"id": "a", "source": "https://example.org/a", "when": "2027-01-01"},
                    {"id": "b", "source": ["one", "two"], "when": None, "base": "a"}],
        "notes": {"kept": True},
    }
    data.update(over)
    return data


def test_a_good_file() -> None:
    df = parse_data("sample", good(), required=("id",))
    assert df.gathered == date(2026, 11, 23) and df.version == 1 and len(df.entries) == 2
    assert df.extra == {"notes": {"kept": True}}
    assert df.description == "test data"


@pytest.mark.parametrize("data, message", [
    ([], "is not a JSON object"),
    (good(schema="other"), "has schema 'other', expected 'sample'"),
    (good(version="1"), "no valid version number"),
    (good(version=0), "no valid version number"),
    (good(version=2), "is version 2; this Checkup reads up to 1"),
    (good(gathered="23/11/2026"), "no valid 'gathered' date"),
    (good(gathered=None), "no valid 'gathered' date"),
    (good(entries=[]), "has no entries"),
    (good(entries={"a": 1}), "has no entries"),
    (good(entries=["x"]), "entry 0 is not an object"),
    (good(entries=[{"id": "a"}]), "entry 0 has no 'source'"),
    (good(entries=[{"id": "a", "source": ""}]), "entry 0 has no 'source'"),
    (good(entries=[{"id": "a", "source": ["ok", ""]}]), "entry 0 has no 'source'"),
    (good(entries=[{"source": "s"}]), "entry 0 lacks id"),
])
def test_malformed_files_are_refused_with_a_clear_message(data: Any, message: str) -> None:
    with pytest.raises(DataError) as err:
        parse_data("sample", data, required=("id",))
    assert message in str(err.value)
    assert "data file 'sample'" in str(err.value)
    assert "\n" not in str(err.value)


def test_age_and_staleness() -> None:
    df = parse_data("sample", good())
    assert df.age_days(date(2026, 11, 23)) == 0
    assert df.age_days(datetime(2027, 5, 22, 23, 0, tzinfo=timezone.utc)) == 180
    assert not df.is_stale(date(2027, 5, 22))  # 180 days: not yet
    assert df.is_stale(date(2027, 5, 23))  # 181 days
    assert df.is_stale(date(2026, 12, 23), days=29)


def test_entry_dates() -> None:
    assert parse_date_value("2027-01-01", "x") == date(2027, 1, 1)
    assert parse_date_value(None, "x") is None
    for bad in ("2027-13-01", "2027-1-1", "soon", 2027, "2027-01-01T00:00"):
        with pytest.raises(DataError, match="x is not a date"):
            parse_date_value(bad, "x")
    df = parse_data("sample", good())
    check_entry_dates(df, ("when",), require_one_of=("when",), exempt=("base",))
    with pytest.raises(DataError, match=r"entry 1 \(b\) has no date \(when\)"):
        check_entry_dates(df, ("when",), require_one_of=("when",))
    broken = parse_data("sample", good(entries=[{"id": "z", "source": "s", "when": "tomorrow"}]))
    with pytest.raises(DataError, match=r"entry 0 \(z\) 'when' is not a date"):
        check_entry_dates(broken, ("when",))


@pytest.fixture
def resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("CHECKUP_RESOURCES", str(tmp_path))
    datafile._cache.clear()
    yield tmp_path / "data"
    datafile._cache.clear()


def test_load_data_reads_validates_and_caches(resources: Path) -> None:
    (resources / "sample.json").write_text(json.dumps(good()), encoding="utf-8")
    first = load_data("sample", required=("id",))
    assert first is load_data("sample", required=("id",))
    assert [e["id"] for e in first.entries] == ["a", "b"]


def test_load_data_refuses_missing_and_broken_files(resources: Path) -> None:
    with pytest.raises(DataError, match=r"data file 'absent' is missing \(absent.json\)"):
        load_data("absent")
    (resources / "broken.json").write_text('{"schema": "broken", "vers', encoding="utf-8")
    with pytest.raises(DataError, match="data file 'broken' is not valid JSON"):
        load_data("broken")
    (resources / "latin.json").write_bytes(b'{"schema": "\xe9"}')
    with pytest.raises(DataError, match="not valid JSON"):
        load_data("latin")
    (resources / "wrong.json").write_text(json.dumps(good()), encoding="utf-8")
    with pytest.raises(DataError, match="has schema 'sample', expected 'wrong'"):
        load_data("wrong")


def test_bundled_files_skip_the_broken_ones(resources: Path) -> None:
    (resources / "sample.json").write_text(json.dumps(good()), encoding="utf-8")
    (resources / "junk.json").write_text("nope", encoding="utf-8")
    assert [df.name for df in bundled_data_files()] == ["sample"]


def test_the_shipped_files_load() -> None:
    names = {df.name for df in bundled_data_files()}
    assert "os-support" in names
