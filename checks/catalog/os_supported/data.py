"""The os-support data file: ``resources/data/os-support.json`` (schema "os-support",
loaded through checks.engine.datafile), validated and turned into SupportEntry and Programme
values for the os-supported check. Pure; no user-visible text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from checks.engine.datafile import (
    STALE_AFTER_DAYS,
    DataError,
    DataFile,
    check_entry_dates,
    load_data,
    parse_date_value,
)
from checks.engine.osinfo import OSInfo

DATA_NAME = "os-support"
DATA_PATH = "resources/data/os-support.json"

ACCESS_KINDS = ("automatic", "enrolment", "paid")
COST_KINDS = ("free", "paid", "free-or-paid")
COVERAGE_KINDS = ("full", "most", "partial")
MATCH_KINDS = ("exact", "major", "minor", "any")
ADVICE_KINDS = ("upgrade", "feature-update")


@dataclass(frozen=True)
class LicenceYear:
    year: int
    activation_id: str
    end: date


@dataclass(frozen=True)
class Programme:
    """An extended programme after standard support (Debian LTS, Ubuntu Pro, Windows ESU)."""

    id: str
    name: str
    access: str  # automatic | enrolment | paid
    cost: str  # free | paid | free-or-paid
    coverage: str  # full | most | partial
    end: date
    editions: tuple[str, ...] = ()
    detect: str = ""  # how a machine shows it is covered; "" = nothing to detect
    years: tuple[LicenceYear, ...] = ()
    architectures: tuple[str, ...] = ()  # Debian names (amd64, arm64, ...); () = all

    def applies_to(self, edition_family: str) -> bool:
        return not self.editions or not edition_family or edition_family in self.editions


@dataclass(frozen=True)
class SupportEntry:
    id: str
    os: str
    version: str
    name: str
    standard_end: date | None = None
    released: date | None = None
    match: str = "exact"
    build: int | None = None
    feature: str = ""
    editions: tuple[str, ...] = ()
    inferred: bool = False
    relative_support: bool = False  # macOS: judged by rank among the versions we list
    latest_only_days: int = 0  # Tails: only the newest release is supported
    grace_days: int = 0  # Tails: how long the release before the newest still passes
    newest_version: str = ""  # Tails: the newest release this data knows
    newest_released: date | None = None
    base: tuple[str, str] | None = None
    advice: str = "upgrade"
    end_policy: str = ""
    extended: tuple[Programme, ...] = ()

    def matches_version(self, version: str) -> bool:
        if self.match == "any":
            return True
        if self.match == "major":
            return version.split(".")[0] == self.version
        if self.match == "minor":
            return ".".join(version.split(".")[:2]) == self.version
        return version == self.version


def _str(entry: Mapping[str, Any], key: str, where: str, *, default: str | None = None,
         allowed: Sequence[str] = ()) -> str:
    value = entry.get(key, default)
    if not isinstance(value, str) or (allowed and value not in allowed):
        raise DataError(f"{where} has no valid '{key}'" + (f" ({'/'.join(allowed)})"
                                                            if allowed else ""))
    return value


def parse_programme(raw: Any, where: str) -> Programme:
    if not isinstance(raw, dict):
        raise DataError(f"{where} is not an object")
    if not raw.get("source"):
        raise DataError(f"{where} has no 'source'")
    end = parse_date_value(raw.get("end"), f"{where} 'end'")
    if end is None:
        raise DataError(f"{where} has no end date")
    years: list[LicenceYear] = []
    for j, y in enumerate(raw.get("years") or []):
        ywhere = f"{where} year {j}"
        yend = parse_date_value(y.get("end") if isinstance(y, dict) else None, f"{ywhere} 'end'")
        if not isinstance(y, dict) or yend is None or not isinstance(y.get("year"), int):
            raise DataError(f"{ywhere} needs 'year' and 'end'")
        years.append(LicenceYear(int(y["year"]), str(y.get("activation_id", "")).lower(), yend))
    return Programme(
        id=_str(raw, "id", where),
        name=_str(raw, "name", where),
        access=_str(raw, "access", where, allowed=ACCESS_KINDS),
        cost=_str(raw, "cost", where, allowed=COST_KINDS),
        coverage=_str(raw, "coverage", where, allowed=COVERAGE_KINDS),
        end=end,
        editions=tuple(str(e) for e in raw.get("editions") or ()),
        detect=str(raw.get("detect") or ""),
        years=tuple(sorted(years, key=lambda y: y.year)),
        architectures=tuple(str(a) for a in raw.get("architectures") or ()),
    )


def parse_support(df: DataFile) -> list[SupportEntry]:
    """Validate and convert the os-support data file (pure; raises DataError)."""
    check_entry_dates(df, ("standard_end", "released", "announced"),
                      require_one_of=("standard_end", "released", "announced"), exempt=("base",))
    out: list[SupportEntry] = []
    seen: set[str] = set()
    for i, raw in enumerate(df.entries):
        where = f"data file '{df.name}': entry {i}" + (f" ({raw['id']})" if raw.get("id") else "")
        entry_id = _str(raw, "id", where)
        if entry_id in seen:
            raise DataError(f"{where}: the id is used twice")
        seen.add(entry_id)
        if "standard_end" not in raw and not raw.get("relative_support") \
                and not raw.get("latest_only"):
            raise DataError(f"{where} has no 'standard_end' (use null with 'end_policy')")
        if "standard_end" in raw and raw["standard_end"] is None and not raw.get("end_policy"):
            raise DataError(f"{where}: a null 'standard_end' needs an 'end_policy'")
        base = raw.get("base")
        if base is not None and not (isinstance(base, dict) and base.get("os")
                                     and base.get("version")):
            raise DataError(f"{where} has an invalid 'base'")
        build = raw.get("build")
        if build is not None and not isinstance(build, int):
            raise DataError(f"{where} has an invalid 'build'")
        latest = raw.get("latest_only") or {}
        newest_raw = raw.get("newest")
        newest: dict[str, Any] = newest_raw if isinstance(newest_raw, dict) else {}
        extended = tuple(parse_programme(p, f"{where} programme {j}")
                         for j, p in enumerate(raw.get("extended") or []))
        out.append(SupportEntry(
            id=entry_id,
            os=_str(raw, "os", where),
            version=_str(raw, "version", where),
            name=_str(raw, "name", where),
            standard_end=parse_date_value(raw.get("standard_end"), where),
            released=parse_date_value(raw.get("released"), where),
            match=_str(raw, "match", where, default="exact", allowed=MATCH_KINDS),
            build=build,
            feature=str(raw.get("feature") or ""),
            editions=tuple(str(e) for e in raw.get("editions") or ()),
            inferred=bool(raw.get("inferred")),
            relative_support=bool(raw.get("relative_support")),
            latest_only_days=int(latest.get("interval_days") or 0) if isinstance(latest, dict)
            else 0,
            grace_days=int(latest.get("grace_days") or 0) if isinstance(latest, dict) else 0,
            newest_version=str(newest.get("version") or ""),
            newest_released=parse_date_value(newest.get("released"), f"{where} 'newest'"),
            base=(str(base["os"]), str(base["version"])) if base else None,
            advice=_str(raw, "advice", where, default="upgrade", allowed=ADVICE_KINDS),
            end_policy=str(raw.get("end_policy") or ""),
            extended=extended,
        ))
    ids = {(e.os, e.version) for e in out}
    for e in out:
        if e.base and e.base not in ids:
            raise DataError(f"data file '{df.name}': entry {e.id} names a base that is not in it")
    return out


def limit_of(df: DataFile) -> int:
    """How many days the support data may be relied on: the file's ``stale_after_days``,
    else the engine's ``STALE_AFTER_DAYS``."""
    value = df.extra.get("stale_after_days")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 \
        else STALE_AFTER_DAYS


def load_support() -> tuple[DataFile, list[SupportEntry]]:
    df = load_data(DATA_NAME, required=("id", "os", "version", "name"))
    return df, parse_support(df)


def entries_for(entries: Sequence[SupportEntry], info: OSInfo) -> list[SupportEntry]:
    """The entries that describe the identified system: for Windows its build (and edition,
    when known: else every edition's entry), otherwise the OS and version."""
    if info.os_id == "windows":
        return [e for e in entries if e.os == "windows" and e.build == info.build
                and (not info.edition_family or info.edition_family in e.editions)]
    return [e for e in entries if e.os == info.os_id and e.matches_version(info.version)]


def tails_entry(entries: Sequence[SupportEntry]) -> SupportEntry | None:
    return next((e for e in entries if e.os == "tails"), None)
