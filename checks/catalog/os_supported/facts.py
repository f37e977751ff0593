"""What the os-supported check knows about the machine: the identified system (``OSInfo``,
from checks.engine.osinfo), the day of the scan, where the scan ran, and what local files
say about each extended-support programme it looked for. The support data itself is in
``data.py``. Pure: nothing here reads the machine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from checks.catalog.os_supported.local_ends import LocalEnd
from checks.engine.model import Evidence
from checks.engine.osinfo import OSInfo

# What a programme's detection adds for the person to know (sentences in messages.py).
NOTE_SIGN_IN_AGAIN = "esu_sign_in_again"  # consumer ESU enrolled, the account must sign in
NOTE_OTHER_ACCOUNT = "esu_other_account"  # not enrolled here, perhaps from another account


@dataclass(frozen=True)
class Coverage:
    """Whether this machine shows it is in a programme, and until when."""

    covered: bool | None  # None: could not tell
    until: date | None = None
    evidence: tuple[Evidence, ...] = ()
    notes: tuple[str, ...] = ()  # NOTE_*


@dataclass(frozen=True)
class Seen:
    """The system, the day, where the scan ran, the programmes' coverage looked for, by
    (support entry id, programme id), and the end dates files on the machine state."""

    info: OSInfo
    today: date
    qubes_vm: bool = False
    container: bool = False
    coverage: Mapping[tuple[str, str], Coverage] = field(default_factory=dict)
    local_ends: tuple[LocalEnd, ...] = ()  # end dates the machine itself states
