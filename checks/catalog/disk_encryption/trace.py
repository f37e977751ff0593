"""The walk from a device up through its parents in the block-device tree (pure): what
protects the device /, the home folder or swap is on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from checks.catalog.disk_encryption.facts import ENCRYPTED, MEMORY, PLAIN, UNKNOWN
from checks.catalog.disk_encryption.lsblk import BlockTree

# Device types that always sit on something else: with no parent recorded, the tree is
# incomplete rather than the device plain.
_STACKED_TYPES = ("lvm", "dm", "mpath", "multipath", "raid", "md", "crypt")


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
