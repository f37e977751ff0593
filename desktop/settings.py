"""The window's settings: a small JSON file, written through checks/engine/safe_write.py, read with
bounds (checks/engine/bounded_json.py), never a reason to crash: a damaged, foreign, huge or deeply
nested file means defaults and a one-time notice.

Where it lives is decided in one place, :mod:`checks.privacy.appdirs` (user folder, portable mode,
or memory only). Only choices the person makes are stored: language and text size.
Nothing about findings is ever written here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 1
MAX_SETTINGS_BYTES = 64 * 1024  # ours is under 100 bytes
MAX_SETTINGS_TEXT = 256
LARGER_TEXT_FACTOR = 1.5  # how much "larger text" scales the whole window


@dataclass
class Settings:
    language: str | None = None  # None: follow the system language when we ship it
    larger_text: bool = False


class SettingsProblem(str):
    """Why the saved settings could not be used (untranslated; the window explains it)."""


def settings_dir() -> Path | None:
    """Where settings live, as decided by :mod:`checks.privacy.appdirs` (user folder, portable
    folder next to the program, or None: kept in memory only)."""
    from checks.privacy.appdirs import settings_location

    return settings_location().folder


def settings_path() -> Path | None:
    folder = settings_dir()
    return folder / SETTINGS_FILE if folder is not None else None


def _from_json(data: Any) -> Settings:
    if not isinstance(data, dict):
        raise ValueError("settings file does not hold a JSON object")
    version = data.get("version", SETTINGS_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version > SETTINGS_VERSION:
        raise ValueError(f"settings file version {version!r} is not one this Checkup reads")
    out = Settings()
    lang = data.get("language")
    if lang is not None and not (isinstance(lang, str) and 0 < len(lang) <= 16):
        raise ValueError("settings file has an invalid language")
    out.language = lang
    larger = data.get("larger_text", False)
    if not isinstance(larger, bool):
        raise ValueError("settings file has an invalid larger_text value")
    out.larger_text = larger
    return out


def load_settings(path: Path | None = None) -> tuple[Settings, SettingsProblem | None]:
    """The saved settings, or defaults plus the reason they could not be read.

    A missing file is not a problem (first start). An unreadable, damaged or foreign file
    is: the caller tells the person once and carries on with defaults.
    """
    target = path or settings_path()
    if target is None:
        return Settings(), None
    from checks.engine.bounded_json import loads

    try:
        with open(target, "rb") as fh:  # never more than the limit, whatever the file holds
            raw = fh.read(MAX_SETTINGS_BYTES + 1)
    except FileNotFoundError:
        return Settings(), None
    except OSError as exc:
        return Settings(), SettingsProblem(f"cannot read {target}: {exc.strerror or exc}")
    try:
        data = loads(raw.decode("utf-8"), max_bytes=MAX_SETTINGS_BYTES,
                     max_string=MAX_SETTINGS_TEXT, max_depth=4)
        return _from_json(data), None
    except (ValueError, RecursionError) as exc:  # JsonLimit and UnicodeDecodeError included
        return Settings(), SettingsProblem(f"{target} is damaged: {exc}")


def save_settings(settings: Settings, path: Path | None = None, *,
                  on_problem: Callable[[OSError], None] | None = None) -> bool:
    """Write through checks.engine.safe_write (a new file moved into place; a link where the file
    should be is replaced, never written through). False on failure, after telling
    ``on_problem`` why (checks.engine.safe_write.WriteProblem, or the OSError making the folder)."""
    from checks.engine.safe_write import write_text

    target = path or settings_path()
    if target is None:  # memory-only (see checks.privacy.appdirs): nothing is written
        return False
    data = {"version": SETTINGS_VERSION, **asdict(settings)}
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # Checkup's own folder
        write_text(target, text, replace=True, replace_link=True)
        return True
    except OSError as exc:
        if on_problem is not None:
            on_problem(exc)
        return False


def setting_names() -> list[str]:
    return [f.name for f in fields(Settings)]
