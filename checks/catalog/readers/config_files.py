"""Configuration files in INI or shell-variable form (GDM custom.conf, LightDM, SDDM,
kscreenlockerrc, ufw.conf, ...): pure parsers, and the reader of a set of files and drop-in
folders through the Host, which tells a file that is absent from one that cannot be read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from checks.engine.registry import Scan


def parse_ini(text: str | None) -> dict[str, dict[str, str]]:
    """Sections -> {key: value}. Tolerant: comments (# ;), junk lines and repeated
    sections are fine; a later key wins, like GKeyFile/QSettings. Keys before any section
    go in section ""."""
    out: dict[str, dict[str, str]] = {}
    section = ""
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            out.setdefault(section, {})
            continue
        if "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip()
        if not key:
            continue
        out.setdefault(section, {})[key] = value.strip()
    return out


def ini_junk(text: str | None, comments: str = "#") -> list[str]:
    """The lines of an INI-style file that are neither blank, a comment, a [section] nor a
    key=value line (GKeyFile and KConfig refuse such files). A settings file with any of
    them is damaged or not what it should be: a check must not read "no such key" out of
    it as "the default applies". GKeyFile, KConfig and SDDM take only '#' for comments;
    systemd also takes ';' (pass ``comments="#;"``)."""
    out: list[str] = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line or line[0] in comments:
            continue
        if line.startswith("[") and line.endswith("]"):
            continue
        key, sep, _value = line.partition("=")
        if sep and key.strip() and "\ufffd" not in line and \
                re.fullmatch(r"[\w.\-$\[\]@/ :*]+", key.strip()):
            continue
        out.append(line)
    return out


def parse_shell_vars(text: str | None) -> dict[str, str]:
    """KEY=value lines of a shell-style config (ufw.conf, /etc/default/ufw)."""
    out: dict[str, str] = {}
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key.strip()):
            out[key.strip()] = value.strip().strip("\"'")
    return out


_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def parse_bool(value: Any) -> bool | None:
    """A config boolean; None when it is neither clearly true nor clearly false."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return bool(value) if value in (0, 1) else None
    text = str(value if value is not None else "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


@dataclass
class ConfigFiles:
    """Settings files read for a check: (path, text) in the order programs read them, and
    the ones that exist but could not be used (path, why: "not readable", "not a settings
    file: ..."). A problem means the setting is not known, never that a default applies."""

    files: list[tuple[str, str]]
    problems: list[tuple[str, str]]

    @property
    def paths(self) -> list[str]:
        return [p for p, _ in self.files]


def _take(scan: Scan, path: str, out: ConfigFiles, listed: bool = False,
          comments: str = "#") -> None:
    text = scan.host.read_text(path)
    if text is None:
        if listed or scan.host.stat(path) is not None:
            out.problems.append((path, "present but not readable"))
        return
    junk = ini_junk(text, comments)
    if junk:
        out.problems.append((path, f"not a settings file: {junk[0][:60]!r}"))
        return
    out.files.append((path, text))


def read_config_files(scan: Scan, folders: Sequence[str] = (), files: Sequence[str] = (),
                      suffix: str = ".conf", comments: str = "#") -> ConfigFiles:
    """The files of drop-in ``folders`` (sorted, ending in ``suffix``), then ``files``."""
    out = ConfigFiles([], [])
    for folder in folders:
        names = scan.host.list_dir(folder) or []
        for name in sorted(names):
            if name.endswith(suffix):
                _take(scan, f"{folder.rstrip('/')}/{name}", out, listed=True,
                      comments=comments)
    for path in files:
        _take(scan, path, out, comments=comments)
    return out


def read_config_dir(scan: Scan, folder: str, suffix: str = ".conf") -> list[tuple[str, str]]:
    """(path, text) of the readable settings files in a drop-in folder, in the order
    programs read them (see read_config_files for the ones that could not be used)."""
    return read_config_files(scan, [folder], suffix=suffix).files
