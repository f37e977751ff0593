"""Pure matching of the data file's entries (resources/data/remote-tools.json) against what
the machine showed: running process names, folder and service names, Run command lines,
and the signature the shared installed-apps inventory looks for."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from checks.catalog.readers.apps import AppSignature, desktop_entry_hidden


def names(values: Any) -> list[str]:
    """A data-file field that holds a list of names (anything else: none)."""
    return [str(v) for v in values] if isinstance(values, list) else []


def match_processes(spec: dict[str, Any], procs: dict[str, str]) -> list[str]:
    """Process names from the data file that are running (compared without case)."""
    return [procs[p.lower()] for p in names(spec.get("processes")) if p.lower() in procs]


def starts_at_login(entry: Mapping[str, str]) -> bool:
    """Whether an XDG autostart entry (parsed) starts its program: not when Hidden=true
    (desktop_entry_hidden) or X-GNOME-Autostart-enabled=false."""
    off = desktop_entry_hidden(entry) or \
        entry.get("X-GNOME-Autostart-enabled", "").strip().lower() == "false"
    return not off


def match_prefixes(names: list[str], prefixes: list[str]) -> list[str]:
    low = [p.lower() for p in prefixes]
    return [n for n in names if any(n.lower().startswith(p) for p in low)]


def runs(command: str, exe: str) -> bool:
    """Whether a Run command line starts ``exe`` (compared without case, by file name)."""
    low = command.lower().replace("/", "\\")
    name = exe.lower()
    return re.search(r'(^|[\\"\s])' + re.escape(name) + r'($|["\s])', low) is not None


def signature(spec: dict[str, Any], family: str) -> AppSignature:
    """How a tool's install shows in the shared application inventory (checks/catalog/readers/apps.py):
    Linux .desktop ids, Flatpak ids and snaps; macOS bundle ids and .app names; Windows
    uninstall display names. Processes are matched by this module itself."""
    if family == "linux":
        return AppSignature(desktop_ids=tuple(names(spec.get("desktop_ids"))),
                            flatpak_ids=tuple(names(spec.get("flatpak"))),
                            snap_names=tuple(names(spec.get("snap"))))
    if family == "macos":
        return AppSignature(bundle_ids=tuple(names(spec.get("bundle_ids"))),
                            bundle_names=tuple(a for a in names(spec.get("apps"))
                                               if "/" not in a))
    return AppSignature(display_names=tuple(names(spec.get("uninstall"))))
