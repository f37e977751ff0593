""""Forget everything": delete whatever Checkup and Qt stored for Checkup on this computer.

What Checkup itself keeps is small: the settings file (language, text size) and a data pack
the person chose to keep (checks/privacy/kept_pack.py) in the folder
chosen by :mod:`checks.privacy.appdirs` — the user configuration folder, or ``Checkup-settings``
next to the program in portable mode. It keeps no list of recent files, no history and no
log. Qt and the operating system may still have stored something *for* Checkup, and this
module looks for those too, per system:

- Linux and other Unix: the user configuration, data, cache and state folders named
  ``Checkup`` (``$XDG_CONFIG_HOME`` ..., which is also where Qt's ``QStandardPaths``
  would put the app's data and cache), Qt's ``QSettings`` files for the app
  (``~/.config/<organisation>/Checkup.conf``, ``Unknown Organization`` when none is set),
  and Checkup's entries in the desktop's list of recently used files
  (``$XDG_DATA_HOME/recently-used.xbel``: only entries recorded *by Checkup*; other
  programs' entries are left alone). Qt's shared ``QtProject.conf`` is not touched:
  Checkup never writes it (desktop/privacy/file_dialogs.py), and the rest of it belongs to other
  Qt programs.
- macOS: ``~/Library/Application Support/Checkup``, ``~/Library/Preferences/<id>.plist``
  (Qt's ``QSettings`` and the system's preferences for the app), ``~/Library/Caches/<id>``,
  ``~/Library/Saved Application State/<id>.savedState`` (window restoration) and
  ``~/Library/HTTPStorages/<id>`` (never expected: Checkup opens no connection).
- Windows: ``%LOCALAPPDATA%\\Checkup``, ``%APPDATA%\\Checkup``, and Qt's ``QSettings``
  registry keys ``HKCU\\Software\\Checkup`` and ``HKCU\\Software\\Unknown
  Organization\\Checkup``.

The result lists exactly what was deleted (paths and registry keys, untranslated), and what
could not be deleted with the reason. What the operating system records on its own (Prefetch,
shell history, ...) is outside any program's reach: docs/what-the-os-records.md.

The Windows and macOS paths are computed from the environment as those systems define them
and are tested here on Linux; deleting on those systems is untested in this project's CI.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import Any

from checks.engine.safe_write import write_text
from checks.privacy.appdirs import (
    APP_DIR_NAME,
    APP_ID,
    OVERRIDE_ENV,
    PORTABLE_FOLDER,
    portable_base,
)

QT_NO_ORGANISATION = "Unknown Organization"
RECENT_APP_NAMES = frozenset({"checkup", "checkup-window", APP_ID.lower()})


@dataclass(frozen=True)
class Target:
    kind: str  # "path" (file or folder), "registry" (HKCU key), "recent" (xbel entries)
    where: str


@dataclass
class ForgetResult:
    deleted: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (what, why)

    @property
    def nothing_found(self) -> bool:
        return not self.deleted and not self.failed

    @property
    def ok(self) -> bool:
        return not self.failed


def current_family() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


def _xdg(env: Mapping[str, str], name: str, home: str, default: str) -> str:
    value = env.get(name, "")
    return value if value and os.path.isabs(value) else os.path.join(home, default)


# desktop/settings.py SETTINGS_FILE (the engine does not import the window)
OVERRIDE_SETTINGS_FILE = "settings.json"
KEPT_PACK_FOLDER = "data-pack"  # checks/privacy/kept_pack.py: a data pack the person kept


def targets(family: str | None = None, env: Mapping[str, str] | None = None,
            exe_dir: Path | None = None) -> list[Target]:
    """Every place where something of Checkup's may be stored, for one system."""
    family = family or current_family()
    env = os.environ if env is None else env
    out: list[Target] = []
    override = env.get(OVERRIDE_ENV)
    if override:
        # A folder chosen by whoever set the variable (tests, screenshots): only our own
        # settings file in it is ours to delete, never the folder and what else it holds.
        out.append(Target("path", os.path.join(override, OVERRIDE_SETTINGS_FILE)))
        out.append(Target("path", os.path.join(override, KEPT_PACK_FOLDER)))
    base = portable_base(exe_dir)
    if base is not None:
        out.append(Target("path", str(base / PORTABLE_FOLDER)))
    if family == "windows":
        profile = env.get("USERPROFILE", "")
        local = env.get("LOCALAPPDATA") or (
            str(PureWindowsPath(profile, "AppData", "Local")) if profile else "")
        roaming = env.get("APPDATA") or (
            str(PureWindowsPath(profile, "AppData", "Roaming")) if profile else "")
        for folder in (local, roaming):
            if folder:
                out.append(Target("path", str(PureWindowsPath(folder, APP_DIR_NAME))))
        out.append(Target("registry", f"HKCU\\Software\\{APP_DIR_NAME}"))
        out.append(Target("registry", f"HKCU\\Software\\{QT_NO_ORGANISATION}\\{APP_DIR_NAME}"))
        return _unique(out)
    home = env.get("HOME") or os.path.expanduser("~")
    if family == "macos":
        lib = os.path.join(home, "Library")
        out += [
            Target("path", os.path.join(lib, "Application Support", APP_DIR_NAME)),
            Target("path", os.path.join(lib, "Preferences", f"{APP_ID}.plist")),
            Target("path", os.path.join(lib, "Preferences", f"com.{APP_DIR_NAME.lower()}."
                                        f"{APP_DIR_NAME}.plist")),
            Target("path", os.path.join(lib, "Caches", APP_ID)),
            Target("path", os.path.join(lib, "Caches", APP_DIR_NAME)),
            Target("path", os.path.join(lib, "Saved Application State",
                                        f"{APP_ID}.savedState")),
            Target("path", os.path.join(lib, "HTTPStorages", APP_ID)),
        ]
        return _unique(out)
    config = _xdg(env, "XDG_CONFIG_HOME", home, ".config")
    data = _xdg(env, "XDG_DATA_HOME", home, os.path.join(".local", "share"))
    cache = _xdg(env, "XDG_CACHE_HOME", home, ".cache")
    state = _xdg(env, "XDG_STATE_HOME", home, os.path.join(".local", "state"))
    for folder in (config, data, cache, state):
        out.append(Target("path", os.path.join(folder, APP_DIR_NAME)))
    out.append(Target("path", os.path.join(config, QT_NO_ORGANISATION, f"{APP_DIR_NAME}.conf")))
    out.append(Target("path", os.path.join(config, f"{APP_DIR_NAME}.conf")))
    out.append(Target("recent", os.path.join(data, "recently-used.xbel")))
    return _unique(out)


def _unique(items: list[Target]) -> list[Target]:
    seen: set[Target] = set()
    return [t for t in items if not (t in seen or seen.add(t))]  # type: ignore[func-returns-value]


# -- the recently-used list (freedesktop "desktop bookmarks", written by GTK) -------------------
_BOOKMARK = re.compile(r"[ \t]*<bookmark\s[^>]*>.*?</bookmark>[ \t]*\n?", re.S)
_APPLICATION = re.compile(r"[ \t]*<bookmark:application\s[^>]*?/>[ \t]*\n?", re.S)
_NAME = re.compile(r'\bname="([^"]*)"')
_HREF = re.compile(r'\bhref="([^"]*)"')


def _ours(app_element: str) -> bool:
    m = _NAME.search(app_element)
    return m is not None and m.group(1).strip().lower() in RECENT_APP_NAMES


def strip_recent(text: str) -> tuple[str, list[str]]:
    """Remove Checkup's records from a recently-used.xbel text: an entry only Checkup
    recorded goes entirely; from an entry other programs recorded too, only Checkup's
    line goes. Returns the new text and the addresses whose records were removed."""
    removed: list[str] = []

    def one(m: re.Match[str]) -> str:
        block = m.group(0)
        apps = _APPLICATION.findall(block)
        mine = [a for a in apps if _ours(a)]
        if not mine:
            return block
        href = _HREF.search(block)
        removed.append(href.group(1) if href else "?")
        if len(mine) == len(apps):
            return ""
        for a in mine:
            block = block.replace(a, "", 1)
        return block

    return _BOOKMARK.sub(one, text), removed


def _forget_recent(path: str, result: ForgetResult) -> None:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    except (OSError, UnicodeDecodeError) as exc:
        result.failed.append((path, str(getattr(exc, "strerror", None) or exc)))
        return
    new, removed = strip_recent(text)
    if not removed:
        return
    try:
        # replaced whole, keeping the list's mode; a link there is replaced as before
        write_text(p, new, replace=True, replace_link=True, keep_mode=True)
    except OSError as exc:
        result.failed.append((path, exc.strerror or str(exc)))
        return
    result.deleted += [f"{path}: {href}" for href in removed]


# -- files and folders ------------------------------------------------------------------------
def _forget_path(path: str, result: ForgetResult) -> None:
    p = Path(path)
    if not os.path.lexists(p):
        return
    try:
        if p.is_dir() and not p.is_symlink():
            inside = sorted((str(x) for x in p.rglob("*")), reverse=True)
            shutil.rmtree(p)
            result.deleted += inside
        else:
            p.unlink()
        result.deleted.append(str(p))
    except OSError as exc:
        result.failed.append((str(p), exc.strerror or str(exc)))
        return
    parent = p.parent
    if parent.name == QT_NO_ORGANISATION:  # the folder Qt made only for this file
        try:
            parent.rmdir()
            result.deleted.append(str(parent))
        except OSError:
            pass  # other programs' settings are in it


# -- the Windows registry ---------------------------------------------------------------------
RegistryDeleter = Callable[[str], bool]  # delete key and subkeys; False when absent


def _winreg_delete_tree(key: str) -> bool:  # pragma: no cover - Windows only
    import importlib

    winreg: Any = importlib.import_module("winreg")
    path = key.split("\\", 1)[1]
    try:
        handle = winreg.OpenKey(winreg.HKEY_CURRENT_USER, path)
    except FileNotFoundError:
        return False
    with handle:
        while True:
            try:
                sub = winreg.EnumKey(handle, 0)
            except OSError:
                break
            _winreg_delete_tree(f"{key}\\{sub}")
    winreg.DeleteKey(winreg.HKEY_CURRENT_USER, path)
    return True


def _winreg_exists(key: str) -> bool:  # pragma: no cover - Windows only
    import importlib

    winreg: Any = importlib.import_module("winreg")
    try:
        winreg.OpenKey(winreg.HKEY_CURRENT_USER, key.split("\\", 1)[1]).Close()
    except OSError:
        return False
    return True


def stored(found: list[Target] | None = None,
           registry_exists: Callable[[str], bool] | None = None) -> list[str]:
    """What :func:`forget_everything` would delete now, in its words, deleting nothing: the
    files and folders that exist, Checkup's own records in a recently-used list (never the
    list itself, which belongs to the desktop), and the registry keys that exist."""
    out: list[str] = []
    for t in found if found is not None else targets():
        if t.kind == "path":
            if os.path.lexists(t.where):
                out.append(t.where)
        elif t.kind == "recent":
            try:
                text = Path(t.where).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            out += [f"{t.where}: {href}" for href in strip_recent(text)[1]]
        elif t.kind == "registry":
            exists = registry_exists
            if exists is None:
                if not sys.platform.startswith("win"):
                    continue
                exists = _winreg_exists
            try:
                if exists(t.where):
                    out.append(t.where)
            except OSError:
                continue
    return out


def forget_everything(found: list[Target] | None = None,
                      registry: RegistryDeleter | None = None) -> ForgetResult:
    """Delete every stored trace in ``found`` (default: :func:`targets` for this system)."""
    result = ForgetResult()
    for t in found if found is not None else targets():
        if t.kind == "path":
            _forget_path(t.where, result)
        elif t.kind == "recent":
            _forget_recent(t.where, result)
        elif t.kind == "registry":
            delete = registry
            if delete is None:
                if not sys.platform.startswith("win"):
                    continue
                delete = _winreg_delete_tree
            try:
                if delete(t.where):
                    result.deleted.append(t.where)
            except OSError as exc:
                result.failed.append((t.where, exc.strerror or str(exc)))
    return result
