"""An application sandbox around Checkup itself (Flatpak, or another container manager that
marks its sandboxes the same way).

Inside a sandbox, ``/etc``, ``/usr``, the running processes and the mounted disks are the
sandbox's, not the computer's. A check run there would describe the sandbox and present it as
the computer — a wrong "you are protected" is the worst bug this program can have. So the
platform context records the sandbox (``checks/engine/context.py``), the report's header says so, and
:func:`sandboxed` turns every verdict into ``unknown`` with the reason; the evidence the check
gathered stays visible.

Detected by file, through the Host: ``/.flatpak-info`` (Flatpak writes it into every
sandbox) and ``/run/host/container-manager`` (the name of the manager, e.g. ``flatpak``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from checks.engine.host import Host
from checks.engine.i18n import Message, msg
from checks.engine.model import Evidence, Finding, Status

FLATPAK_INFO = "/.flatpak-info"
CONTAINER_MANAGER = "/run/host/container-manager"
_NAMES = {"flatpak": "Flatpak", "snap": "Snap"}
# Verdicts about the machine; "could not check" and Checkup's own faults stay as they are.
_VERDICTS = frozenset({Status.PASS, Status.ATTENTION, Status.FAIL, Status.NOT_APPLICABLE})


def detect_sandbox(host: Host) -> tuple[str, Evidence] | None:
    """The sandbox's name ("Flatpak") and the evidence line, or None outside a sandbox."""
    if host.stat(FLATPAK_INFO) is not None:
        return "Flatpak", Evidence(FLATPAK_INFO, "present")
    manager = host.read_text(CONTAINER_MANAGER)
    if manager is not None:
        word = manager.strip().splitlines()[0].strip() if manager.strip() else ""
        word = re.sub(r"[^A-Za-z0-9._-]", "", word)[:40]
        name = _NAMES.get(word.lower(), word or "unnamed")
        return name, Evidence(CONTAINER_MANAGER, word or "(empty)")
    return None


def describe_sandbox(name: str) -> Message:
    return msg("a {name} sandbox, not the computer itself", name=name)


def sandboxed(finding: Finding, sandbox: str) -> Finding:
    """The finding as it can honestly be stated from inside ``sandbox``: a verdict about the
    machine becomes ``unknown``, its summary becomes the reason, and what the check saw is
    kept as evidence (with the verdict it would have given)."""
    if not sandbox or finding.status not in _VERDICTS:
        return finding
    return replace(
        finding,
        status=Status.UNKNOWN,
        severity=None,
        summary=msg("Could not check: Checkup runs inside a {name} sandbox, which shows it the "
                    "sandbox instead of this computer. Run Checkup outside the sandbox (the "
                    "downloaded folder, or the command line from a terminal).", name=sandbox),
        details=(),
        evidence=[Evidence("sandbox", f"{sandbox}: the check would have said "
                                      f"'{finding.status.value}' about the sandbox"),
                  *finding.evidence],
        data={**finding.data, "reason": "sandbox", "sandbox": sandbox},
    )
