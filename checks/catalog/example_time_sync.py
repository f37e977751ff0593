"""example-time-sync: is the clock kept right by network time? (Linux only)

THROW-AWAY EXAMPLE for issue 18: it proves a new check needs only its own module, tests and
articles. It is deleted in the commit after the one that adds it.

``timedatectl show --property=NTPSynchronized --value`` prints ``yes`` or ``no`` (systemd's
timedatectl(1): ``show`` prints properties as machine-readable values; ``--value`` drops the
``Name=`` part). Anything else, or no timedatectl, is an honest unknown.
"""

from __future__ import annotations

from checks.commands import Command
from checks.i18n import N_, msg
from checks.model import Evidence, Finding, Severity, Status
from checks.registry import On, Scan, spec

TIMEDATECTL = ("timedatectl", "show", "--property=NTPSynchronized", "--value")


def _linux(scan: Scan) -> Finding:
    res = scan.run(list(TIMEDATECTL), timeout=5)
    cmd = " ".join(TIMEDATECTL)
    answer = res.stdout.strip() if res.ok else ""
    if answer == "yes":
        return Finding(Status.PASS, msg("The clock is kept right by network time."),
                       evidence=[Evidence(cmd, "yes")])
    if answer == "no":
        return Finding(Status.ATTENTION, msg(
            "The clock is not synchronised with network time: certificates and update "
            "dates may be judged wrongly."), severity=Severity.LOW,
            evidence=[Evidence(cmd, "no")])
    return Finding(Status.UNKNOWN, msg(
        "Checkup could not tell whether the clock is synchronised with network time."),
        evidence=[Evidence(cmd, res.describe().removeprefix(f"{cmd}: ") if not res.ok else
                           f"output not understood: {answer[:60]!r}")])


spec(
    "example-time-sync", N_("Clock synchronisation"),
    description=N_("Whether the computer's clock is kept right by network time."),
    order=99,
    slot=16,
    systems={"linux": On(_linux, Status.PASS, Status.ATTENTION, Status.UNKNOWN)},
    commands=(Command(*TIMEDATECTL, why="reads one systemd property; changes nothing and "
                                          "contacts no server"),),
    demos={
        "linux-ubuntu2004-unencrypted": "example_time_sync/not_synced.json",
        "linux-kubuntu-well-kept": "example_time_sync/synced.json",
        "linux-luks-pending-updates": "example_time_sync/synced.json",
    },
)
