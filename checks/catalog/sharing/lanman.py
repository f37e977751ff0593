"""Pure reading of Windows' shared folders from the values of
``HKLM\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Shares``."""

from __future__ import annotations

from typing import Any


def windows_shares(values: dict[str, Any]) -> list[str]:
    """Share names under LanmanServer\\Shares (each value is one share). The automatic
    administrative shares (C$, ADMIN$, IPC$) are not stored there."""
    return sorted(str(k) for k in values if str(k).strip())
