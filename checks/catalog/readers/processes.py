"""Which programs are running: process names as the OS lets this user see them, shared for
the scan through scan.memo.
"""

from __future__ import annotations

from checks.engine.registry import Scan


def running_names(scan: Scan) -> dict[str, str]:
    """lower-cased process name -> name as shown, for every process the OS lets us see."""
    return scan.memo(_read_running_names)


def _read_running_names(scan: Scan) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in scan.host.processes():
        if p.name:
            out.setdefault(p.name.lower(), p.name)
    return out
