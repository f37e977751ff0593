"""Pure readers of console automatic login: getty units and drop-ins (``agetty
--autologin``) and a SysV /etc/inittab (text in, the user signed in automatically out)."""

from __future__ import annotations

import re

# The console login programs systemd starts: the virtual consoles (getty@ttyN, and autovt@,
# its alias for consoles started on demand), serial consoles and a container's console.
GETTY_PREFIXES = ("getty@", "autovt@", "serial-getty@", "container-getty@", "console-getty.")

_AUTOLOGIN = re.compile(r"(?:--autologin[=\s]\s*|\s-a\s*)([^\s'\"]+)")


def getty_autologin(text: str) -> str | None:
    """The user a getty unit or drop-in signs in automatically (``agetty --autologin NAME``,
    ``-a NAME``, ``--autologin=NAME``; mingetty's ``--autologin NAME``)."""
    for line in text.splitlines():
        if line.strip().startswith("ExecStart=") and "getty" in line:
            m = _AUTOLOGIN.search(line)
            if m:
                return m.group(1)
    return None


def is_getty_entry(name: str) -> bool:
    """A getty unit file or drop-in folder, for any console: getty@tty3.service,
    getty@.service.d, serial-getty@ttyS0.service.d, autovt@tty2.service, ..."""
    return name.startswith(GETTY_PREFIXES) and name.endswith((".service", ".service.d"))


def inittab_autologin(text: str) -> str | None:
    """The user a getty line of a SysV /etc/inittab signs in automatically."""
    for line in text.splitlines():
        entry = line.strip()
        if entry.startswith("#") or "getty" not in entry:
            continue
        m = _AUTOLOGIN.search(entry)
        if m:
            return m.group(1)
    return None
