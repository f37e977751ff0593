"""The ports each system's own services listen on, which the sharing check lists apart
(pure: a rule on a listener the readers made)."""

from __future__ import annotations

from checks.catalog.readers.listeners import Listener

FILE_SHARING_PORTS = {139, 445, 548, 2049}
WINDOWS_SYSTEM_PROGRAMS = {"system", "svchost", "lsass", "wininit", "services", "spoolsv"}
WINDOWS_BASELINE_PORTS = {135, 139, 445, 5040, 5357, 7680, 2869}
MACOS_BASELINE_PORTS = {5000: "AirPlay Receiver", 7000: "AirPlay Receiver"}


def is_windows_baseline(item: Listener) -> bool:
    prog = item.program.lower().removesuffix(".exe")
    if prog not in WINDOWS_SYSTEM_PROGRAMS:
        return False
    return item.port in WINDOWS_BASELINE_PORTS or 49152 <= item.port <= 65535
