"""The UEFI variables in efivarfs (pure): each file holds 4 attribute bytes, then the
value; a boolean variable such as ``SecureBoot`` or ``SetupMode`` has one value byte, 0 or 1
(UEFI specification, "Globally Defined Variables"; the kernel's efivarfs documentation)."""

from __future__ import annotations


def parse_efivar_bool(data: bytes) -> bool | None:
    """An efivarfs boolean: 4 attribute bytes then one value byte (0 or 1)."""
    if len(data) != 5 or data[4] not in (0, 1):
        return None
    return data[4] == 1
