"""Pure parsers for the /proc files that say where /, the home folder and swap live.

- ``/proc/self/mountinfo`` (proc(5)): ``id parent maj:min root mount-point options
  [optional...] - fstype source super-options``; ``/proc/mounts`` as a fallback.
  Octal escapes (``\\040`` for a space) in paths.
- ``/proc/swaps``: ``Filename Type Size Used Priority`` with a header line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OCTAL = re.compile(r"\\([0-7]{3})")


def unescape(path: str) -> str:
    """Undo the kernel's octal escapes in /proc paths (\\040 = space)."""
    return _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), path)


@dataclass(frozen=True)
class Mount:
    mount_point: str
    fstype: str
    source: str
    majmin: str = ""
    root: str = "/"  # the subtree mounted (a btrfs subvolume: /@, /@home)
    options: str = ""  # super options (overlay: upperdir=…)

    def option(self, key: str) -> str:
        for item in self.options.split(","):
            k, _, v = item.partition("=")
            if k == key:
                return v
        return ""


def parse_mountinfo(text: str) -> list[Mount]:
    out: list[Mount] = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 7 or "-" not in fields[6:]:
            continue
        sep = fields.index("-", 6)
        if len(fields) < sep + 3:
            continue
        out.append(Mount(
            mount_point=unescape(fields[4]),
            fstype=fields[sep + 1],
            source=unescape(fields[sep + 2]),
            majmin=fields[2],
            root=unescape(fields[3]),
            options=fields[sep + 3] if len(fields) > sep + 3 else "",
        ))
    return out


def parse_proc_mounts(text: str) -> list[Mount]:
    out: list[Mount] = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 4:
            continue
        out.append(Mount(unescape(fields[1]), fields[2], unescape(fields[0]), options=fields[3]))
    return out


def mount_for(path: str, mounts: list[Mount]) -> Mount | None:
    """The mount a path lives on: the longest mount point above it; the last one wins
    when several are stacked on the same point (it is the one visible)."""
    best: Mount | None = None
    best_len = -1
    norm = path.rstrip("/") or "/"
    for m in mounts:
        mp = m.mount_point.rstrip("/") or "/"
        if mp == "/" or norm == mp or norm.startswith(mp + "/"):
            if len(mp) >= best_len:
                best, best_len = m, len(mp)
    return best


# -- swaps ---------------------------------------------------------------------
@dataclass(frozen=True)
class SwapArea:
    filename: str
    kind: str  # "partition" | "file"


def parse_swaps(text: str) -> list[SwapArea]:
    out: list[SwapArea] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("Filename"):
            continue
        # Spaces in the file name are escaped (\\040), but the kernel appends " (deleted)"
        # to a swap file removed while in use: the type is the first "partition"/"file".
        fields = line.split()
        kinds = [i for i, f in enumerate(fields) if i > 0 and f in ("partition", "file")]
        if not kinds:
            continue
        out.append(SwapArea(unescape(fields[0]), fields[kinds[0]]))
    return out


def swaps_heading(text: str) -> bool:
    """/proc/swaps starts with the heading "Filename Type Size Used Priority" even when no
    swap is active (the kernel's seq_file show_swap header)."""
    first = text.lstrip("\n").split("\n", 1)[0].split()
    return first[:2] == ["Filename", "Type"]
