"""Pure reading of /sys/block into the same block-device tree as ``lsblk`` builds (the
fallback when lsblk is missing or fails).

``/sys/block/<dev>/dm/uuid``: device-mapper UUID; dm-crypt mappings start with ``CRYPT-``
(``CRYPT-LUKS2-…``, ``CRYPT-PLAIN-…``); ``/sys/block/<dev>/slaves/`` lists its parents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from checks.catalog.disk_encryption.lsblk import BlockDevice, BlockTree


@dataclass
class SysBlockEntry:
    """What /sys/block says about one device (a disk, dm-*, md*, loop*, zram*)."""

    kname: str
    dev: str = ""  # "253:0"
    dm_name: str = ""
    dm_uuid: str = ""
    slaves: list[str] = field(default_factory=list)
    partitions: dict[str, str] = field(default_factory=dict)  # kname -> "8:3"


def dm_type(uuid: str) -> str:
    """lsblk's device type from a device-mapper UUID prefix."""
    up = uuid.upper()
    if up.startswith("CRYPT-"):
        return "crypt"
    if up.startswith("LVM-"):
        return "lvm"
    if up.startswith("MPATH-"):
        return "mpath"
    if up.startswith("PART"):
        return "part"
    return "dm"


def crypt_kind_from_uuid(uuid: str) -> str:
    """"LUKS", "dm-crypt", "VeraCrypt", "BitLocker" from CRYPT-<TYPE>-… (cryptsetup's naming)."""
    up = uuid.upper()
    if up.startswith("CRYPT-LUKS"):
        return "LUKS"
    if up.startswith("CRYPT-TCRYPT"):
        return "VeraCrypt"
    if up.startswith("CRYPT-BITLK"):
        return "BitLocker"
    return "dm-crypt"


def tree_from_sysfs(entries: Iterable[SysBlockEntry]) -> BlockTree:
    tree = BlockTree()
    fstypes: dict[str, str] = {}
    for e in entries:
        if e.dm_uuid or e.kname.startswith("dm-"):
            typ = dm_type(e.dm_uuid)
        elif e.kname.startswith("loop"):
            typ = "loop"
        elif e.kname.startswith("md"):
            typ = "raid"
        else:
            typ = "disk"
        tree.devices[e.kname] = BlockDevice(e.kname, e.dm_name or e.kname, typ, "", e.dev)
        if typ == "crypt":
            kind = crypt_kind_from_uuid(e.dm_uuid)
            for s in e.slaves:
                fstypes[s] = "crypto_LUKS" if kind == "LUKS" else ""
        for s in e.slaves:
            tree.add_parent(e.kname, s)
        for part, majmin in e.partitions.items():
            tree.devices[part] = BlockDevice(part, part, "part", "", majmin)
            tree.add_parent(part, e.kname)
    for kname, fst in fstypes.items():
        if kname in tree.devices and fst:
            tree.devices[kname].fstype = fst
    return tree
