"""The dates of resources/data/os-support.json that can be checked without the network.

Microsoft ends servicing on a Patch Tuesday, the second Tuesday of a month (the dates on its
lifecycle and release-information pages all fall on one), so a Windows end date on any other
day is a typing or time-zone slip (a copy one day late, as some mirrors of those pages carry).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = json.loads((ROOT / "resources" / "data" / "os-support.json").read_text(encoding="utf-8"))


def _end_dates(entry: dict[str, Any], where: str = "") -> Iterator[tuple[str, date]]:
    for key, value in entry.items():
        if isinstance(value, dict):
            yield from _end_dates(value, f"{where}{key}.")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    yield from _end_dates(item, f"{where}{key}[{i}].")
        elif isinstance(value, str) and (key.endswith("_end") or key == "end") and value:
            yield f"{where}{key}", date.fromisoformat(value)


def test_every_windows_end_date_is_a_patch_tuesday() -> None:
    windows = [e for e in DATA["entries"] if e["os"] == "windows"]
    assert len(windows) > 40
    checked = [(e["id"], k, d) for e in windows for k, d in _end_dates(e)]
    assert len(checked) >= len(windows)
    wrong = [(i, k, d.isoformat()) for i, k, d in checked
             if not (d.weekday() == 1 and 8 <= d.day <= 14)]
    assert wrong == []
