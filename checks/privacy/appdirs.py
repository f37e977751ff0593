"""Where Checkup keeps its settings: the ONE place that decides it.

Three modes:

- ``user``: the user configuration folder from ``platformdirs`` (Linux
  ``$XDG_CONFIG_HOME/Checkup``, macOS ``~/Library/Application Support/Checkup``, Windows
  ``%LOCALAPPDATA%\\Checkup``);
- ``portable``: a folder named ``Checkup-settings`` next to the program, when a file named
  ``portable`` sits next to it, or ``--portable`` was given (``CHECKUP_PORTABLE=1`` does
  the same). On macOS the folder cannot live inside the signed ``.app`` (that would break
  its signature, and a downloaded app may run from a randomised read-only copy), so it sits
  in the folder that contains the ``.app``, and so does the ``portable`` file;
- ``memory``: settings are kept in memory only, because the portable folder cannot be
  written (read-only stick, macOS App Translocation) or because the person asked Checkup to
  forget everything in this session. The window says so once.

Nothing here writes anything: the folder is created only when a setting is saved.
``CHECKUP_CONFIG_DIR`` (tests, screenshots) overrides all of this.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

APP_DIR_NAME = "Checkup"
# The reverse-DNS id shared by the .desktop file, the AppStream metainfo, the Flatpak
# manifest and the macOS bundle identifier (packaging/README.md: replace it with a domain
# the maintainers control before the first public release).
APP_ID = "org.checkupapp.Checkup"
PORTABLE_MARKER = "portable"
PORTABLE_FOLDER = "Checkup-settings"
OVERRIDE_ENV = "CHECKUP_CONFIG_DIR"
PORTABLE_ENV = "CHECKUP_PORTABLE"
TRANSLOCATION_PART = "AppTranslocation"


class Mode(str, Enum):
    USER = "user"
    PORTABLE = "portable"
    MEMORY = "memory"


@dataclass(frozen=True)
class SettingsLocation:
    mode: Mode
    folder: Path | None  # None: kept in memory only
    reason: str = ""  # why memory-only (untranslated; for evidence and logs)
    portable_base: Path | None = None  # where the portable folder is (or would be)

    @property
    def in_memory(self) -> bool:
        return self.folder is None


_portable_requested = False
_memory_reason: str | None = None


def request_portable(on: bool = True) -> None:
    """The ``--portable`` option: keep settings next to the program for this run."""
    global _portable_requested
    _portable_requested = on


def hold_in_memory(reason: str | None) -> None:
    """From now on (this process only) keep settings in memory; ``None`` undoes it."""
    global _memory_reason
    _memory_reason = reason


def portable_requested() -> bool:
    value = os.environ.get(PORTABLE_ENV, "").strip().lower()
    return _portable_requested or value in ("1", "yes", "true", "on")


def executable_dir() -> Path | None:
    """The folder of the program the person started (None when it cannot be told)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    argv0 = sys.argv[0] if sys.argv else ""
    if not argv0 or argv0 in ("-c", "-m", "-"):
        return None
    try:
        return Path(argv0).resolve().parent
    except (OSError, RuntimeError):
        return None


def app_bundle(exe_dir: Path) -> Path | None:
    """The ``.app`` folder when ``exe_dir`` is its ``Contents/MacOS`` folder."""
    if exe_dir.name == "MacOS" and exe_dir.parent.name == "Contents" \
            and exe_dir.parent.parent.suffix == ".app":
        return exe_dir.parent.parent
    return None


def portable_base(exe_dir: Path | None = None) -> Path | None:
    """The folder that holds (or would hold) the ``portable`` file and settings folder."""
    exe_dir = exe_dir if exe_dir is not None else executable_dir()
    if exe_dir is None:
        return None
    bundle = app_bundle(exe_dir)
    return bundle.parent if bundle is not None else exe_dir


def portable_marker_present(exe_dir: Path | None = None) -> bool:
    exe_dir = exe_dir if exe_dir is not None else executable_dir()
    if exe_dir is None:
        return False
    places = {exe_dir}
    base = portable_base(exe_dir)
    if base is not None:
        places.add(base)
    return any((p / PORTABLE_MARKER).is_file() for p in places)


def _writable(folder: Path) -> bool:
    """Whether files can be created in ``folder`` (or in its nearest existing parent)."""
    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            return False
        probe = probe.parent
    return probe.is_dir() and os.access(probe, os.W_OK | os.X_OK)


def user_config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def settings_location(exe_dir: Path | None = None) -> SettingsLocation:
    """Where settings are kept right now (computed each time; it writes nothing)."""
    if _memory_reason is not None:
        return SettingsLocation(Mode.MEMORY, None, _memory_reason)
    override = os.environ.get(OVERRIDE_ENV)
    if override:
        return SettingsLocation(Mode.USER, Path(override))
    exe_dir = exe_dir if exe_dir is not None else executable_dir()
    if portable_requested() or portable_marker_present(exe_dir):
        base = portable_base(exe_dir)
        if base is None:
            return SettingsLocation(Mode.MEMORY, None,
                                    "the program's folder cannot be determined")
        if TRANSLOCATION_PART in base.parts:
            return SettingsLocation(
                Mode.MEMORY, None,
                f"macOS runs this copy from a temporary read-only place ({base}); move "
                "Checkup.app to another folder (with Finder) to keep settings beside it",
                base)
        folder = base / PORTABLE_FOLDER
        if not _writable(folder):
            return SettingsLocation(Mode.MEMORY, None, f"{base} cannot be written", base)
        return SettingsLocation(Mode.PORTABLE, folder, "", base)
    return SettingsLocation(Mode.USER, user_config_dir())
