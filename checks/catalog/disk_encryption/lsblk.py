"""Pure parser for ``lsblk --json`` (util-linux): text in, the block-device tree out.

``lsblk --json --output NAME,KNAME,PKNAME,MAJ:MIN,TYPE,FSTYPE,MOUNTPOINTS`` prints a tree of
``blockdevices`` with ``children``. A device built on several parents (an LVM volume over
two PVs, an md array) appears under each parent. util-linux >= 2.37 prints ``mountpoints``
(a list that may hold ``null`` entries); older versions only know ``MOUNTPOINT`` (one string
or null) and print every value as a string. ``sysblock`` builds the same tree from
/sys/block when lsblk is missing; ``trace`` walks it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class ParseError(ValueError):
    """Text that does not have the expected shape; the message says what was wrong."""


@dataclass
class BlockDevice:
    kname: str  # kernel name: sda3, dm-0, nvme0n1p2 (unique)
    name: str  # what lsblk calls it: dm devices by their mapper name (luks-…, vg-root)
    type: str  # disk, part, crypt, lvm, raid1, loop, rom, …
    fstype: str  # crypto_LUKS, ext4, swap, LVM2_member, …
    majmin: str = ""
    mountpoints: list[str] = field(default_factory=list)

    def label(self) -> str:
        bits = [self.type or "?"]
        if self.fstype:
            bits.append(self.fstype)
        return f"{self.name} ({', '.join(bits)})"


@dataclass
class BlockTree:
    devices: dict[str, BlockDevice] = field(default_factory=dict)  # by kname
    parents: dict[str, list[str]] = field(default_factory=dict)  # kname -> parent knames

    def add_parent(self, child: str, parent: str) -> None:
        if not parent or parent == child:
            return
        lst = self.parents.setdefault(child, [])
        if parent not in lst:
            lst.append(parent)

    def by_majmin(self, majmin: str) -> BlockDevice | None:
        for dev in self.devices.values():
            if dev.majmin and dev.majmin == majmin:
                return dev
        return None

    def by_mountpoint(self, mount_point: str) -> BlockDevice | None:
        for dev in self.devices.values():
            if mount_point in dev.mountpoints:
                return dev
        return None

    def by_name(self, name: str) -> BlockDevice | None:
        if name in self.devices:
            return self.devices[name]
        for dev in self.devices.values():
            if dev.name == name:
                return dev
        return None

    def by_path(self, path: str) -> BlockDevice | None:
        """A /dev path: /dev/sda2, /dev/dm-1, /dev/mapper/NAME or /dev/VG/LV."""
        if not path.startswith("/dev/"):
            return None
        rest = path[len("/dev/"):]
        if rest.startswith("mapper/"):
            return self.by_name(rest[len("mapper/"):])
        if "/" not in rest:
            return self.by_name(rest)
        parts = rest.split("/")
        if len(parts) == 2 and not parts[0].startswith("disk"):
            vg, lv = parts
            return self.by_name(f"{vg.replace('-', '--')}-{lv.replace('-', '--')}")
        return None

    def crypt_devices(self) -> list[BlockDevice]:
        return [d for d in self.devices.values() if d.type == "crypt"]


def _s(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _mountpoints(entry: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    raw = entry.get("mountpoints")
    if isinstance(raw, list):
        out = [str(m) for m in raw if m]
    single = entry.get("mountpoint")
    if isinstance(single, str) and single and single not in out:
        out.append(single)
    return out


def parse_lsblk_json(text: str) -> BlockTree:
    """Parse ``lsblk --json`` (tree or list form, old or new util-linux)."""
    if not text or not text.strip():
        raise ParseError("lsblk printed nothing")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"lsblk output is not JSON ({exc.msg} at line {exc.lineno})") from None
    except ValueError:  # a number of more than 4 300 digits, which int() refuses
        raise ParseError("lsblk output holds a number too long to be one") from None
    if not isinstance(data, dict) or not isinstance(data.get("blockdevices"), list):
        raise ParseError("lsblk output has no 'blockdevices' list")
    tree = BlockTree()

    def visit(entry: Any, parent: str) -> None:
        if not isinstance(entry, dict):
            raise ParseError("lsblk output holds an entry that is not an object")
        name = _s(entry.get("name"))
        kname = _s(entry.get("kname")) or name
        if not kname:
            raise ParseError("lsblk output holds a device without a name")
        if kname.startswith("/dev/"):
            kname = kname[len("/dev/"):]
        if name.startswith("/dev/"):
            name = name[len("/dev/"):].removeprefix("mapper/")
        dev = tree.devices.get(kname)
        mps = _mountpoints(entry)
        if dev is None:
            tree.devices[kname] = BlockDevice(
                kname=kname,
                name=name or kname,
                type=_s(entry.get("type")).lower(),
                fstype=_s(entry.get("fstype")),
                majmin=_s(entry.get("maj:min")),
                mountpoints=mps,
            )
        else:
            dev.mountpoints.extend(m for m in mps if m not in dev.mountpoints)
        tree.add_parent(kname, parent)
        pk = _s(entry.get("pkname")).removeprefix("/dev/")
        if pk:
            tree.add_parent(kname, pk)
        children = entry.get("children", [])
        if children is None:
            children = []
        if not isinstance(children, list):
            raise ParseError("lsblk output has a 'children' field that is not a list")
        for child in children:
            visit(child, kname)

    for top in data["blockdevices"]:
        visit(top, "")
    if not tree.devices:
        raise ParseError("lsblk listed no block devices")
    return tree
