"""Pure readings of the Windows values the firewall check uses: Security Center's
``productState`` of a firewall product and the ``EnableFirewall`` registry flag."""

from __future__ import annotations

from typing import Any


def decode_product_state(state: Any) -> bool | None:
    """Security Center productState: bits 12-15 equal to 1 mean the product is on
    (0x1000/0x1100 on, 0x0000/0x0100 off)."""
    if isinstance(state, bool) or not isinstance(state, int) or state < 0:
        return None
    nibble = (state >> 12) & 0xF
    if nibble == 1:
        return True
    if nibble == 0:
        return False
    return None


def registry_flag(value: Any) -> int | None:
    """A DWORD 0/1 (sometimes stored as a string); None when it is anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value in (0, 1) else None
    if isinstance(value, str) and value.strip() in ("0", "1"):
        return int(value.strip())
    return None
