"""Pure parsers and the device walk for Linux disk encryption (text in, facts out).

Nothing here touches the machine: ``linux_probe`` reads it through the Host and
hands the text to these functions.

Formats (all read without root):
- ``lsblk --json --output NAME,KNAME,PKNAME,MAJ:MIN,TYPE,FSTYPE,MOUNTPOINTS``: a tree of
  ``blockdevices`` with ``children``. A device built on several parents (an LVM volume
  over two PVs, an md array) appears under each parent. util-linux >= 2.37 prints
  ``mountpoints`` (a list that may hold ``null`` entries); older versions only know
  ``MOUNTPOINT`` (one string or null) and print every value as a string.
- ``/proc/self/mountinfo`` (proc(5)): ``id parent maj:min root mount-point options
  [optional...] - fstype source super-options``; ``/proc/mounts`` as a fallback.
  Octal escapes (``\\040`` for a space) in paths.
- ``/proc/swaps``: ``Filename Type Size Used Priority`` with a header line.
- ``/sys/block/<dev>/dm/uuid``: device-mapper UUID; dm-crypt mappings start with ``CRYPT-``
  (``CRYPT-LUKS2-…``, ``CRYPT-PLAIN-…``); ``/sys/block/<dev>/slaves/`` lists its parents.
- ``lsattr -d DIR``: flags then the path; ``E`` is the ext4/f2fs "Encrypted" flag
  (e2fsprogs lib/e2p/pf.c: EXT4_ENCRYPT_FL, "E").
- ``fscrypt status DIR``: ``"DIR" is encrypted with fscrypt.`` when it is.
- ``zfs get -H -o property,value encryption,keystatus DATASET``: tab-separated lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# -- states ------------------------------------------------------------------
ENCRYPTED, PLAIN, MEMORY, UNKNOWN = "encrypted", "plain", "memory", "unknown"

# Filesystems that live in memory, and ones on the network (not this disk).
MEMORY_FS = frozenset({"tmpfs", "ramfs", "zram"})
NETWORK_FS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "virtiofs", "fuse.sshfs",
                        "ceph", "glusterfs", "afs"})
OVERLAY_FS = frozenset({"overlay", "overlayfs", "aufs", "unionfs"})
# Filesystems with their own encryption that lsblk cannot see.
SELF_ENCRYPTING_FS = frozenset({"bcachefs"})
# Device types that always sit on something else: with no parent recorded, the tree is
# incomplete rather than the device plain.
_STACKED_TYPES = ("lvm", "dm", "mpath", "multipath", "raid", "md", "crypt")


def clean_text(text: str, limit: int = 300) -> str:
    """Tool output made safe for an evidence line: one line, control characters shown as
    escapes, at most ``limit`` characters."""
    out = "".join(ch if ch.isprintable() or ch == " " else
                  (" " if ch in "\t\r\n" else f"\\x{ord(ch):02x}") for ch in text)
    out = " ".join(out.split())
    return out if len(out) <= limit else out[: limit - 1] + "…"


class ParseError(ValueError):
    """Text that does not have the expected shape; the message says what was wrong."""


# -- lsblk -------------------------------------------------------------------
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


# -- sysfs fallback ------------------------------------------------------------
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


# -- mounts --------------------------------------------------------------------
_OCTAL = re.compile(r"\\([0-7]{3})")


def unescape(path: str) -> str:
    """Undo the kernel's octal escapes in /proc paths (\\040 = space)."""
    return _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), path)


@dataclass(frozen=True)
class Mount:
    mount_point: str
    fstype: str
    source: str
    majmin: str = ""
    root: str = "/"  # the subtree mounted (a btrfs subvolume: /@, /@home)
    options: str = ""  # super options (overlay: upperdir=…)

    def option(self, key: str) -> str:
        for item in self.options.split(","):
            k, _, v = item.partition("=")
            if k == key:
                return v
        return ""


def parse_mountinfo(text: str) -> list[Mount]:
    out: list[Mount] = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 7 or "-" not in fields[6:]:
            continue
        sep = fields.index("-", 6)
        if len(fields) < sep + 3:
            continue
        out.append(Mount(
            mount_point=unescape(fields[4]),
            fstype=fields[sep + 1],
            source=unescape(fields[sep + 2]),
            majmin=fields[2],
            root=unescape(fields[3]),
            options=fields[sep + 3] if len(fields) > sep + 3 else "",
        ))
    return out


def parse_proc_mounts(text: str) -> list[Mount]:
    out: list[Mount] = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 4:
            continue
        out.append(Mount(unescape(fields[1]), fields[2], unescape(fields[0]), options=fields[3]))
    return out


def mount_for(path: str, mounts: list[Mount]) -> Mount | None:
    """The mount a path lives on: the longest mount point above it; the last one wins
    when several are stacked on the same point (it is the one visible)."""
    best: Mount | None = None
    best_len = -1
    norm = path.rstrip("/") or "/"
    for m in mounts:
        mp = m.mount_point.rstrip("/") or "/"
        if mp == "/" or norm == mp or norm.startswith(mp + "/"):
            if len(mp) >= best_len:
                best, best_len = m, len(mp)
    return best


# -- swaps ---------------------------------------------------------------------
@dataclass(frozen=True)
class SwapArea:
    filename: str
    kind: str  # "partition" | "file"


def parse_swaps(text: str) -> list[SwapArea]:
    out: list[SwapArea] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("Filename"):
            continue
        # Spaces in the file name are escaped (\\040), but the kernel appends " (deleted)"
        # to a swap file removed while in use: the type is the first "partition"/"file".
        fields = line.split()
        kinds = [i for i, f in enumerate(fields) if i > 0 and f in ("partition", "file")]
        if not kinds:
            continue
        out.append(SwapArea(unescape(fields[0]), fields[kinds[0]]))
    return out


def swaps_heading(text: str) -> bool:
    """/proc/swaps starts with the heading "Filename Type Size Used Priority" even when no
    swap is active (the kernel's seq_file show_swap header)."""
    first = text.lstrip("\n").split("\n", 1)[0].split()
    return first[:2] == ["Filename", "Type"]


# -- native encryption -----------------------------------------------------------
# zfsprops(7): encryption=off|on|aes-128-ccm|aes-192-ccm|aes-256-ccm|aes-128-gcm|aes-192-gcm|
# aes-256-gcm ("on" is the default cipher).
_ZFS_CIPHERS = re.compile(r"on|aes-(128|192|256)-(ccm|gcm)")


def zfs_encryption_on(value: str) -> bool:
    """Only a value zfs documents as a cipher means encrypted; anything else is not known."""
    return _ZFS_CIPHERS.fullmatch(value.strip().lower()) is not None

def lsattr_encrypted(text: str) -> bool | None:
    """``lsattr -d DIR``: True when the flags field holds E, False when it does not,
    None when the output is not an lsattr line."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    flags = line.split(" ", 1)[0] if line else ""
    if not flags or not re.fullmatch(r"[A-Za-z-]+", flags):
        return None
    return "E" in flags


def fscrypt_encrypted(text: str) -> bool:
    return bool(re.search(r"\" is encrypted with fscrypt\.", text))


def parse_zfs_get(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].strip():
            out[parts[0].strip()] = parts[1].strip()
    return out


# -- the walk ------------------------------------------------------------------------
@dataclass
class Trace:
    state: str  # ENCRYPTED, PLAIN, MEMORY, UNKNOWN
    method: str = ""  # "LUKS", "dm-crypt", "zram", …
    chain: list[str] = field(default_factory=list)  # device labels, the device first
    reason: str = ""  # for UNKNOWN: a reason code
    loop: str = ""  # kname of a loop device whose backing file decides (reason "loop")
    via: str = ""  # where the chain was read: "lsblk", "sysfs", "zfs get", a /proc file

    def describe(self) -> str:
        return " <- ".join(self.chain)


LoopResolver = Callable[[str], "Trace | None"]


def trace_device(tree: BlockTree, kname: str, loop_resolver: LoopResolver | None = None,
                 _seen: frozenset[str] = frozenset()) -> Trace:
    """Walk from a device up through its parents.

    Encrypted when the device or every path above it passes through a dm-crypt mapping
    (TYPE crypt); memory for zram; plain when some path reaches a disk without one;
    unknown when the tree is incomplete or loops.
    """
    dev = tree.devices.get(kname)
    if dev is None:
        return Trace(UNKNOWN, reason="device_not_found", chain=[kname])
    if kname in _seen:
        return Trace(UNKNOWN, reason="untraceable", chain=[dev.label()])
    label = dev.label()
    if dev.type == "crypt":
        parents = tree.parents.get(kname, [])
        kind = "dm-crypt"
        for p in parents:
            pdev = tree.devices.get(p)
            if pdev and pdev.fstype.lower() in ("crypto_luks",):
                kind = "LUKS"
            elif pdev and pdev.fstype.lower() == "bitlocker":
                kind = "BitLocker"
        chain = [label] + [tree.devices[p].label() for p in parents if p in tree.devices]
        return Trace(ENCRYPTED, kind, chain)
    if kname.startswith("zram") or dev.type == "zram":
        return Trace(MEMORY, "zram", [f"{dev.name} (compressed memory)"])
    parents = tree.parents.get(kname, [])
    if not parents:
        if dev.type == "loop":
            if loop_resolver is not None:
                resolved = loop_resolver(kname)
                if resolved is not None:
                    return Trace(resolved.state, resolved.method, [label, *resolved.chain],
                                 resolved.reason)
            return Trace(UNKNOWN, reason="loop", chain=[label], loop=kname)
        if dev.type.startswith(_STACKED_TYPES):
            return Trace(UNKNOWN, reason="untraceable", chain=[label])
        return Trace(PLAIN, chain=[label])
    results = [trace_device(tree, p, loop_resolver, _seen | {kname}) for p in parents]
    first = results[0]
    chain = [label, *first.chain]
    if len(results) > 1:
        chain.append(f"(+{len(results) - 1} more)")
    plain = [r for r in results if r.state == PLAIN]
    if plain:
        return Trace(PLAIN, chain=[label, *plain[0].chain])
    unknown = [r for r in results if r.state == UNKNOWN]
    if unknown:
        u = unknown[0]
        return Trace(UNKNOWN, reason=u.reason, chain=[label, *u.chain], loop=u.loop)
    return Trace(first.state, first.method, chain)
