"""The window's settings: a small JSON file, written atomically, never a reason to crash.

Where it lives is decided in one place, :mod:`checks.appdirs` (user folder, portable mode,
or memory only). Only choices the person makes are stored: language and text size.
Nothing about findings is ever written here.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 1
LARGER_TEXT_FACTOR = 1.5  # how much "larger text" scales the whole window


@dataclass
class Settings:
    language: str | None = None  # None: follow the system language when we ship it
    larger_text: bool = False


class SettingsProblem(str):
    """Why the saved settings could not be used (untranslated; the window explains it)."""


def settings_dir() -> Path | None:
    """Where settings live, as decided by :mod:`checks.appdirs` (user folder, portable
    folder next to the program, or None: kept in memory only)."""
    from checks.appdirs import settings_location

    return settings_location().folder


def settings_path() -> Path | None:
    folder = settings_dir()
    return folder / SETTINGS_FILE if folder is not None else None


def _from_json(data: Any) -> Settings:
    if not isinstance(data, dict):
        raise ValueError("settings file does not hold a JSON object")
    version = data.get("version", SETTINGS_VERSION)
    if not isinstance(version, int) or version > SETTINGS_VERSION:
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
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return Settings(), None
    except OSError as exc:
        return Settings(), SettingsProblem(f"cannot read {target}: {exc.strerror or exc}")
    try:
        return _from_json(json.loads(raw.decode("utf-8"))), None
    except (UnicodeDecodeError, ValueError) as exc:
        return Settings(), SettingsProblem(f"{target} is damaged: {exc}")


def save_settings(settings: Settings, path: Path | None = None) -> bool:
    """Write atomically (temporary file in the same folder, then rename). False on failure."""
    target = path or settings_path()
    if target is None:  # memory-only (see checks.appdirs): nothing is written
        return False
    data = {"version": SETTINGS_VERSION, **asdict(settings)}
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    tmp_name = ""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, target)
        return True
    except OSError:
        if tmp_name:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
        return False


def setting_names() -> list[str]:
    return [f.name for f in fields(Settings)]
