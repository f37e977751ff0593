"""The one loader for bundled, dated data files under resources/data/.

Every data file (OS support dates, messengers, browsers, certificates, remote tools, ...)
has this shape::

    {
      "schema": "<name>",            # e.g. "os-support"; must match the file asked for
      "version": 1,                  # schema version; newer than we read is refused
      "gathered": "2026-11-20",      # the day the facts were gathered (ISO date)
      "description": "...",
      "entries": [ {"...": "...", "source": "where this entry's facts come from"}, ... ]
    }

Checks use ``DataFile.age_days(now)`` / ``is_stale(now)`` to tell the person how old
their information is: the app knows what it shipped with, not what happened since.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from checks.engine.bounded_json import JsonLimit, date_in_range
from checks.engine.bounded_json import loads as bounded_loads
from checks.engine.resources import resource_path

STALE_AFTER_DAYS = 180
MAX_DATA_BYTES = 4 * 2**20  # the largest shipped file is under 100 KB
MAX_DATA_TEXT = 64 * 1024
MAX_DATA_DEPTH = 16


class DataError(Exception):
    """A bundled data file that cannot be used; the message is one clear line."""


@dataclass(frozen=True)
class DataFile:
    name: str
    version: int
    gathered: date
    entries: list[dict[str, Any]]
    description: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)  # other top-level fields
    # where the file was read: "" for the bundled resources/data/<name>.json, else the
    # data pack's file name (text from outside: show it escaped)
    pack: str = ""

    @property
    def where(self) -> str:
        """The file as evidence names it."""
        return (f"{self.name}.json in the data pack {self.pack}" if self.pack
                else f"resources/data/{self.name}.json")

    def age_days(self, now: datetime | date) -> int:
        today = now.date() if isinstance(now, datetime) else now
        return (today - self.gathered).days

    def is_stale(self, now: datetime | date, days: int = STALE_AFTER_DAYS) -> bool:
        return self.age_days(now) > days


def parse_data(
    name: str,
    data: Any,
    *,
    max_version: int = 1,
    required: Iterable[str] = (),
) -> DataFile:
    where = f"data file '{name}'"
    if not isinstance(data, dict):
        raise DataError(f"{where} is not a JSON object")
    if data.get("schema") != name:
        raise DataError(f"{where} has schema {data.get('schema')!r}, expected {name!r}")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise DataError(f"{where} has no valid version number")
    if version > max_version:
        raise DataError(f"{where} is version {version}; this Checkup reads up to {max_version}")
    try:
        gathered = date.fromisoformat(str(data.get("gathered")))
    except ValueError:
        raise DataError(f"{where} has no valid 'gathered' date") from None
    if not date_in_range(gathered):
        raise DataError(f"{where} has a 'gathered' date outside 1980-2200")
    entries = data.get("entries")
    if not isinstance(entries, list) or not entries:
        raise DataError(f"{where} has no entries")
    req = list(required)
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise DataError(f"{where}: entry {i} is not an object")
        src = entry.get("source")
        if not src or not (isinstance(src, str) or (isinstance(src, list) and all(src))):
            raise DataError(f"{where}: entry {i} has no 'source'")
        missing = [k for k in req if k not in entry]
        if missing:
            raise DataError(f"{where}: entry {i} lacks {', '.join(missing)}")
    extra = {k: v for k, v in data.items()
             if k not in ("schema", "version", "gathered", "entries", "description")}
    return DataFile(name, version, gathered, entries, str(data.get("description", "")), extra)


def parse_date_value(value: Any, what: str) -> date | None:
    """A date field of a data file: ISO ``YYYY-MM-DD`` -> date, ``None``/absent -> None.

    Anything else raises DataError naming ``what`` (e.g. "entry 3 (ubuntu-20.04) 'standard_end'").
    """
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if date_in_range(day):  # year 9999 or year 1: damage, and date sums overflow
                return day
    raise DataError(f"{what} is not a date (YYYY-MM-DD): {value!r}")


def check_entry_dates(
    df: DataFile,
    fields: Iterable[str],
    *,
    require_one_of: Iterable[str] = (),
    exempt: Iterable[str] = (),
    label: str = "id",
) -> None:
    """Validate per-entry dates: every field in ``fields`` that is present must be a date
    (or null), and each entry must have a non-null date in at least one of ``require_one_of``
    unless it has one of the ``exempt`` keys. Raises DataError with a clear message."""
    where = f"data file '{df.name}'"
    fields, need, free = list(fields), list(require_one_of), list(exempt)
    for i, entry in enumerate(df.entries):
        name = f"{where}: entry {i}" + (f" ({entry[label]})" if entry.get(label) else "")
        found = False
        for key in fields:
            if key in entry:
                value = parse_date_value(entry[key], f"{name} '{key}'")
                found = found or (value is not None and key in need)
        if need and not found and not any(k in entry for k in free):
            raise DataError(f"{name} has no date ({' or '.join(need)})")


_cache: dict[tuple[str, int, tuple[str, ...]], DataFile] = {}
_lock = threading.Lock()


def read_json(path: Any) -> Any:
    """A data file's JSON, with bounds (checks/engine/bounded_json.py). Raises OSError, JsonLimit,
    json.JSONDecodeError or UnicodeDecodeError (the last three are ValueError)."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_DATA_BYTES + 1)
    return bounded_loads(data.decode("utf-8"), max_bytes=MAX_DATA_BYTES,
                         max_string=MAX_DATA_TEXT, max_depth=MAX_DATA_DEPTH)


def load_data(name: str, *, max_version: int = 1, required: Iterable[str] = ()) -> DataFile:
    """Load and validate resources/data/<name>.json, or the same file of the data pack in use
    (use_pack; cached until the pack changes). Raises DataError."""
    req = tuple(required)
    key = (name, max_version, req)
    with _lock:
        if key in _cache:
            return _cache[key]
        pack_files, origin = _pack_files, _origin
    if pack_files is not None and origin is not None and name in pack_files:
        df = replace(parse_data(name, pack_files[name], max_version=max_version, required=req),
                     pack=origin.label)
    else:
        df = _load_bundled(name, max_version, req)
    with _lock:
        if _pack_files is pack_files:  # not switched meanwhile
            _cache[key] = df
    return df


def _load_bundled(name: str, max_version: int, req: tuple[str, ...]) -> DataFile:
    path = resource_path("data", f"{name}.json")
    try:
        raw = read_json(path)
    except OSError:
        raise DataError(f"data file '{name}' is missing ({path.name})") from None
    except JsonLimit as exc:
        raise DataError(f"data file '{name}' cannot be used: {exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"data file '{name}' is not valid JSON: {exc}") from None
    return parse_data(name, raw, max_version=max_version, required=req)


def bundled_data_files() -> list[DataFile]:
    """Every data file shipped, for the About view (files that fail to load are skipped)."""
    out: list[DataFile] = []
    for path in sorted(resource_path("data").glob("*.json")):
        try:
            raw = read_json(path)
            out.append(parse_data(path.stem, raw, max_version=99))
        except (OSError, ValueError, DataError):
            continue
    return out


@dataclass(frozen=True)
class DataOrigin:
    """Where this run's dated facts come from, for every header that shows the data's age.

    ``kind`` is "bundled" (the files this Checkup shipped with) or "pack" (a signed data pack
    in use for this run or kept in the settings folder). ``released`` is the date the facts
    stand on: for bundled data the oldest ``gathered`` date among the files (the claim that
    ages first), for a pack its release date. ``label`` names the pack (its file name; text
    from outside: show it escaped) and ``sequence`` its number; both empty for bundled data.
    """

    kind: str
    released: date
    sequence: int | None = None
    label: str = ""

    def age_days(self, now: datetime | date) -> int:
        today = now.date() if isinstance(now, datetime) else now
        return (today - self.released).days


_origin: DataOrigin | None = None
_pack_files: Mapping[str, Any] | None = None


def use_pack(files: Mapping[str, Any] | None, origin: DataOrigin | None = None) -> None:
    """From now on (this process) serve ``files`` (data-file name -> its validated JSON, from a
    verified data pack: checks/engine/datapack.py) instead of the bundled files, and report
    ``origin``; ``use_pack(None)`` goes back to the bundled data. Process-wide, so one scan
    uses one set of data from start to end: call it before a scan starts, never during one."""
    global _origin, _pack_files
    if files is not None and (origin is None or origin.kind != "pack"):
        raise ValueError("a pack needs its DataOrigin")
    with _lock:
        _pack_files = dict(files) if files is not None else None
        _origin = origin if files is not None else None
        _cache.clear()


def data_origin() -> DataOrigin:
    """The origin of the data this process uses now (bundled unless a pack was put in use)."""
    global _origin
    with _lock:
        if _origin is not None:
            return _origin
    files = bundled_data_files()
    released = min((f.gathered for f in files), default=date(1980, 1, 1))
    origin = DataOrigin("bundled", released)
    with _lock:
        if _origin is None:
            _origin = origin
        return _origin
