"""Pure interpretation of Windows' BitLocker / Device Encryption state (value in, facts out).

The source is the Shell property ``System.Volume.BitLockerProtection`` of the system
drive: a number, the same in every display language, readable without administrator
rights (``Get-BitLockerVolume`` and ``manage-bde`` need elevation, and manage-bde's text is
localised, so it is never parsed). Microsoft does not document the numbers.

We map a number only when at least two independent sources agree on it:

- Windows' own Explorer verbs (HKCR\\Drive\\shell, as copied into many public scripts)
  use the property by name: ``encrypt-bde`` ("Turn on BitLocker") applies to
  ``#Off OR #OnPreProvisioned``; ``resume-bde`` to ``#Suspended``; ``change-pin`` to
  ``#On OR #Encrypting OR #Suspended``; ``unlock-bde`` to ``:=6`` (so 6 = locked).
  Microsoft's shell documentation (context menu verbs, "AppliesTo") cites the Windows 7
  BitLocker drive verb as ``System.Volume.BitlockerProtection:=2`` together with
  ``BitlockerRequiresAdmin`` True, the condition Windows 10's ``encrypt-bde-elev`` writes
  as ``#Off``, so Off = 2.
- Third-party lock verbs write the same #On/#Encrypting/#Suspended set as
  ``:=1 OR :=3 OR :=5`` (a bde-lock installer's registry documentation; a
  Chinese "BitLocker lock" menu script), so On = 1, Encrypting = 3, Suspended = 5.
- Numeric tables in independent projects: a PowerShell audit script
  (0 unencryptable, 1 on, 2 off, 3 encrypting, 4 decrypting, 5 suspended,
  6 on and locked, 8 waiting for activation); a PowerShell inventory script (1 On,
  2 Off, 3 Encrypting, 4 Decrypting, 5 Suspended, 6 Locked); an Electron backup tool
  (0 unsupported, 1 on, 2 off, 3 encrypting, 4 decrypting, 5 suspended, 6 locked,
  8 waiting for activation).
- Reports: windows_exporter issue #2290 (1 read on an encrypted C:); Vanara issue #407
  (6 on a locked data drive).

Disagreement we found and resolved on the safe side: one Go project maps 5 as protected
and 6 as off, and two C# tools count 5 as "on" (they ask "is it encrypted", not "is it
protected"). Suspended means the key sits in clear on the disk, so 5 is never a pass.
6 (locked) is confirmed but cannot describe the drive Windows is running from, so it stays
unknown. 0 and 7 have one source each, with different meanings: unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ON, OFF, ENCRYPTING, DECRYPTING, SUSPENDED, WAITING, LOCKED, NONE, UNMAPPED = (
    "on", "off", "encrypting", "decrypting", "suspended", "waiting_activation", "locked",
    "none", "unmapped",
)

BITLOCKER_VALUES: dict[int, str] = {
    1: ON,
    2: OFF,
    3: ENCRYPTING,
    4: DECRYPTING,
    5: SUSPENDED,
    6: LOCKED,
    8: WAITING,
}

# EditionID values of Windows Home (Core = Home, plus its N, single-language and
# country-specific variants): BitLocker management is not available there, only
# Device Encryption, which backs the recovery key up to the Microsoft account.
HOME_EDITIONS = frozenset({"core", "coren", "coresinglelanguage", "corecountryspecific"})


@dataclass(frozen=True)
class BitLockerReading:
    drive: str
    raw: str  # the value exactly as read, for evidence ("1", "None", "'x'")
    value: int | None
    state: str  # one of the constants above


def interpret_fact(value: Any) -> BitLockerReading:
    """The fact gathered by PowerShell: {"drive": "C:", "protection": <number|null>}."""
    drive = "C:"
    prot: Any = value
    if isinstance(value, dict):
        drive = str(value.get("drive") or "C:").strip() or "C:"
        prot = value.get("protection")
    return interpret_value(prot, drive)


def interpret_value(prot: Any, drive: str = "C:") -> BitLockerReading:
    if prot is None or (isinstance(prot, str) and not prot.strip()):
        return BitLockerReading(drive, "(empty)", None, NONE)
    raw = str(prot).strip() if not isinstance(prot, bool) else repr(prot)
    number: int | None = None
    if isinstance(prot, bool):
        number = None
    elif isinstance(prot, int):
        number = prot
    elif isinstance(prot, float) and prot.is_integer():
        number = int(prot)
    elif isinstance(prot, str) and prot.strip().isdigit() and len(prot.strip()) <= 18:
        number = int(prot.strip())
    if number is None:
        return BitLockerReading(drive, raw[:40], None, UNMAPPED)
    return BitLockerReading(drive, str(number), number, BITLOCKER_VALUES.get(number, UNMAPPED))


def is_home_edition(edition_id: str | None) -> bool:
    return (edition_id or "").strip().lower() in HOME_EDITIONS
