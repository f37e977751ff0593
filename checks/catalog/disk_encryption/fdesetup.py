"""Pure parser for ``fdesetup status`` (macOS FileVault), text in, facts out.

``fdesetup status`` runs without root (fdesetup(8): "Some status related commands can be
run from a non-root session"). Output shapes seen in the wild (Apple's wording, English
only: fdesetup does not localise):

    FileVault is On.
    FileVault is Off.
    FileVault is On.\\nEncryption in progress: Percent completed = 42.1
    FileVault is On.\\nEncryption in progress: Pending          (not on mains power)
    FileVault is Off.\\nDecryption in progress: Percent completed = 73
    Encryption in progress: Percent completed = 45              (older releases)
    FileVault is Off, but will be enabled after the next restart.
    FileVault is Off.\\nDeferred enablement appears to be active for user 'ana'.
    FileVault is On.\\nFileVault master keychain appears to be installed.

Only "FileVault is On." counts as on. Other tools' words such as "Encrypted at rest"
(``diskutil apfs list`` on Apple silicon, where the internal disk is always hardware
encrypted but opens without the user's password when FileVault is off) never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ON, OFF, ENCRYPTING, DECRYPTING, PENDING_RESTART, UNKNOWN = (
    "on", "off", "encrypting", "decrypting", "pending_restart", "unknown",
)

_HEAD = re.compile(r"^FileVault is (On|Off)(,[^.]*)?\.\s*$")
_PROGRESS = re.compile(
    r"^(Encryption|Decryption) in progress:\s*(?:Percent completed\s*=\s*([0-9]+(?:\.[0-9]+)?)"
    r"|(.*))\s*$", re.IGNORECASE)
_DEFERRED = re.compile(r"^Deferred enablement appears to be active for user '([^']*)'\.?\s*$")
_BENIGN = (re.compile(r"^FileVault master keychain appears to be installed\.?\s*$"),)


@dataclass
class FileVaultStatus:
    state: str  # ON, OFF, ENCRYPTING, DECRYPTING, PENDING_RESTART, UNKNOWN
    percent: str = ""  # "42.1" while converting, when given
    progress_note: str = ""  # "Pending", "Paused": what stood after the colon
    deferred_user: str | None = None
    unrecognised: list[str] = field(default_factory=list)

    @property
    def deferred(self) -> bool:
        return self.deferred_user is not None


def parse_fdesetup_status(text: str | None) -> FileVaultStatus:
    lines = [ln.strip() for ln in (text or "").replace("\r", "").splitlines() if ln.strip()]
    head: str | None = None
    head_suffix = ""
    progress: tuple[str, str, str] | None = None
    deferred: str | None = None
    unrecognised: list[str] = []
    for ln in lines:
        if m := _HEAD.match(ln):
            if head is not None and head != m.group(1):
                unrecognised.append(ln)  # contradictory headlines
                continue
            head, head_suffix = m.group(1), (m.group(2) or "").strip(", ")
        elif m := _PROGRESS.match(ln):
            progress = (m.group(1).lower(), m.group(2) or "", (m.group(3) or "").strip())
        elif m := _DEFERRED.match(ln):
            deferred = m.group(1)
        elif any(b.match(ln) for b in _BENIGN):
            continue
        else:
            unrecognised.append(ln)

    st = FileVaultStatus(UNKNOWN, deferred_user=deferred, unrecognised=unrecognised)
    if unrecognised:
        return st  # something we do not know: never guess
    if progress is not None:
        st.percent, st.progress_note = progress[1], progress[2]
        st.state = DECRYPTING if progress[0] == "decryption" else ENCRYPTING
        return st
    if head == "On" and not head_suffix:
        st.state = ON
    elif head == "Off" and "will be enabled after the next restart" in head_suffix:
        st.state = PENDING_RESTART
    elif head == "Off" and not head_suffix:
        st.state = OFF
    return st
