"""Reads a Linux machine (through the Host) to find what protects /, the home folder and
swap. Returns facts (``facts.LinuxReport``) and reason codes; the wording lives in ``messages``.

Everything read here is readable by an ordinary user: lsblk, /proc, /sys, lsattr, and
``zfs get`` / ``fscrypt status`` (read-only queries).
"""

from __future__ import annotations

from checks.catalog.disk_encryption.facts import (
    ENCRYPTED,
    MEMORY,
    PLAIN,
    UNKNOWN,
    Component,
    LinuxReport,
    clean_text,
)
from checks.catalog.disk_encryption.lsblk import BlockTree, ParseError, parse_lsblk_json
from checks.catalog.disk_encryption.native import (
    fscrypt_encrypted,
    lsattr_encrypted,
    parse_zfs_get,
    zfs_encryption_on,
)
from checks.catalog.disk_encryption.proc import (
    Mount,
    mount_for,
    parse_mountinfo,
    parse_proc_mounts,
    parse_swaps,
    swaps_heading,
)
from checks.catalog.disk_encryption.sysblock import SysBlockEntry, tree_from_sysfs
from checks.catalog.disk_encryption.trace import Trace, trace_device
from checks.engine.commands import Command, Value
from checks.engine.host import CommandResult
from checks.engine.model import Evidence
from checks.engine.registry import Scan

LSBLK_COLUMNS = "NAME,KNAME,PKNAME,MAJ:MIN,TYPE,FSTYPE"
LSBLK = ["lsblk", "--json", "--output", LSBLK_COLUMNS + ",MOUNTPOINTS"]
LSBLK_OLD = ["lsblk", "--json", "--output", LSBLK_COLUMNS + ",MOUNTPOINT"]  # util-linux < 2.37
MOUNTINFO = "/proc/self/mountinfo"
PROC_MOUNTS = "/proc/mounts"
SWAPS = "/proc/swaps"
RESUME = "/sys/power/resume"
SYS_BLOCK = "/sys/block"
MAX_DEPTH = 4

# Filesystems that live in memory, and ones on the network (not this disk).
MEMORY_FS = frozenset({"tmpfs", "ramfs", "zram"})
NETWORK_FS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "virtiofs", "fuse.sshfs",
                        "ceph", "glusterfs", "afs"})
OVERLAY_FS = frozenset({"overlay", "overlayfs", "aufs", "unionfs"})
# Filesystems with their own encryption that lsblk cannot see.
SELF_ENCRYPTING_FS = frozenset({"bcachefs"})

# A ZFS dataset as a mount names it (pool/child/...; names begin with a letter or digit).
ZFS_DATASET = r"[A-Za-z0-9][A-Za-z0-9_.:@# /-]*"
ABSOLUTE_PATH = r"/[^\x00]*"  # the home folder: absolute, so never read as an option
LINUX_COMMANDS = (
    Command(*LSBLK, why="lists local block devices from sysfs"),
    Command(*LSBLK_OLD, why="lists local block devices from sysfs (util-linux before 2.37)"),
    Command("zfs", "get", "-H", "-o", "property,value", "encryption,keystatus",
            Value("dataset", ZFS_DATASET),
            why="reads two dataset properties from the local kernel module"),
    Command("fscrypt", "status", Value("folder", ABSOLUTE_PATH),
            why="reads the encryption policy of a local folder"),
    Command("lsattr", "-d", Value("folder", ABSOLUTE_PATH),
            why="reads a folder's attribute flags"),
)
LINUX_FILES = (MOUNTINFO, PROC_MOUNTS, SWAPS, RESUME, SYS_BLOCK, f"{SYS_BLOCK}/*",
               f"{SYS_BLOCK}/*/*", f"{SYS_BLOCK}/*/*/*")


class LinuxProbe:
    def __init__(self, scan: Scan) -> None:
        self.scan = scan
        self.host = scan.host
        self.report = LinuxReport()
        self.mounts: list[Mount] = []
        self.tree: BlockTree | None = None
        self._used: set[str] = set()  # knames on the traced chains
        self.mounts_source = MOUNTINFO

    def ev(self, source: str, text: str) -> None:
        self.report.evidence.append(Evidence(source, clean_text(text)))

    # -- gathering ------------------------------------------------------------------
    def read_mounts(self) -> None:
        text = self.host.read_text(MOUNTINFO)
        if text:
            self.mounts = parse_mountinfo(text)
            self.mounts_source = MOUNTINFO
        if not self.mounts:
            text = self.host.read_text(PROC_MOUNTS)
            if text:
                self.mounts = parse_proc_mounts(text)
                self.mounts_source = PROC_MOUNTS

    def read_tree(self) -> None:
        res = self.scan.run(LSBLK)
        if res.ran and not res.ok:
            old = self.scan.run(LSBLK_OLD)
            if old.ran:
                res = old
        if res.ok:
            try:
                self.tree = parse_lsblk_json(res.stdout)
                self.report.source = "lsblk"
                return
            except ParseError as exc:
                self.report.problem = "lsblk_unreadable"
                self.report.problem_detail = f"{' '.join(res.argv)}: {exc}"
                self.ev(" ".join(res.argv), f"{exc}; output began: {res.stdout.strip()[:120]!r}")
                return
        self.tree = self.read_sysfs()
        if self.tree is not None:
            self.ev(" ".join(res.argv), res.describe().split(": ", 1)[-1]
                    + f"{'; ' + res.stderr.strip() if res.stderr.strip() else ''}"
                    + "; used /sys/block instead")
            self.report.source = "sysfs"
            return
        self.report.problem = "no_block_info" if res.status == "not_found" else "lsblk_failed"
        self.report.problem_detail = _describe(res)
        self.ev(" ".join(res.argv), _describe(res))
        self.ev(SYS_BLOCK, "not readable")

    def read_sysfs(self) -> BlockTree | None:
        names = self.host.list_dir(SYS_BLOCK)
        if not names:
            return None
        entries: list[SysBlockEntry] = []
        for name in names:
            base = f"{SYS_BLOCK}/{name}"
            e = SysBlockEntry(kname=name, dev=(self.host.read_text(f"{base}/dev") or "").strip())
            if name.startswith("dm-"):
                e.dm_uuid = (self.host.read_text(f"{base}/dm/uuid") or "").strip()
                e.dm_name = (self.host.read_text(f"{base}/dm/name") or "").strip()
            e.slaves = list(self.host.list_dir(f"{base}/slaves") or [])
            for sub in self.host.list_dir(base) or []:
                if sub.startswith(name) and sub != name:
                    e.partitions[sub] = (self.host.read_text(f"{base}/{sub}/dev") or "").strip()
            entries.append(e)
        crypt = [f"{e.kname}={e.dm_uuid.split('-', 2)[0]}-{e.dm_uuid.split('-')[1]}"
                 for e in entries if e.dm_uuid.upper().startswith("CRYPT-") and
                 e.dm_uuid.count("-") >= 1]
        self.ev(f"{SYS_BLOCK}/dm-*/dm/uuid",
                ", ".join(crypt) if crypt else "no dm-crypt (CRYPT-) mapping")
        return tree_from_sysfs(entries)

    # -- evaluation ---------------------------------------------------------------------
    def mounts_or_lsblk(self) -> list[Mount]:
        if self.mounts:
            return self.mounts
        out: list[Mount] = []
        if self.tree is not None:
            for dev in self.tree.devices.values():
                for mp in dev.mountpoints:
                    if mp.startswith("/"):
                        out.append(Mount(mp, dev.fstype, f"/dev/{dev.kname}", dev.majmin))
        return out

    def find_device(self, m: Mount) -> str | None:
        tree = self.tree
        if tree is None:
            return None
        dev = None
        if m.majmin and not m.majmin.startswith("0:"):
            dev = tree.by_majmin(m.majmin)
        if dev is None:
            dev = tree.by_path(m.source)
        if dev is None:
            dev = tree.by_mountpoint(m.mount_point)
        return dev.kname if dev else None

    def eval_mount(self, m: Mount, depth: int = 0) -> Trace:
        where = f"{m.mount_point} ({m.fstype} from {m.source})"
        t = self._eval_mount(m, where, depth)
        if not t.via:
            t.via = self.report.source if t.chain and t.chain[0] != where else self.mounts_source
        return t

    def _eval_mount(self, m: Mount, where: str, depth: int) -> Trace:
        fs = m.fstype.lower()
        if depth > MAX_DEPTH:
            return Trace(UNKNOWN, reason="untraceable", chain=[where])
        if fs in MEMORY_FS:
            return Trace(MEMORY, fs, [where])
        if fs == "ecryptfs":
            return Trace(ENCRYPTED, "eCryptfs", [where])
        if fs == "zfs":
            return self.eval_zfs(m)
        if fs in OVERLAY_FS:
            upper = m.option("upperdir")
            if not upper:
                # A read-only system image (ostree/composefs on Fedora Atomic and the like):
                # the disk it comes from is mounted at /sysroot.
                sysroot = [x for x in self.mounts_or_lsblk() if x.mount_point == "/sysroot"]
                if not sysroot or sysroot[-1] == m:
                    return Trace(UNKNOWN, reason="overlay_ro", chain=[where])
                t = self.eval_mount(sysroot[-1], depth + 1)
                return Trace(t.state, t.method, [f"{where}, read-only image from /sysroot",
                                                 *t.chain], t.reason, via=t.via)
            under = mount_for(upper, self.mounts_or_lsblk())
            if under is None or under == m:
                return Trace(UNKNOWN, reason="overlay", chain=[where])
            t = self.eval_mount(under, depth + 1)
            return Trace(t.state, t.method, [f"{where}, changes kept in {upper}", *t.chain],
                         t.reason, via=self.mounts_source)
        if fs in NETWORK_FS:
            return Trace(UNKNOWN, reason="network_fs", chain=[where])
        if fs in SELF_ENCRYPTING_FS or fs.startswith("fuse"):
            return Trace(UNKNOWN, reason="fs_unsupported", chain=[where])
        if self.tree is None:
            return Trace(UNKNOWN, reason=self.report.problem or "no_block_info", chain=[where])
        kname = self.find_device(m)
        if kname is None:
            return Trace(UNKNOWN, reason="device_not_found", chain=[where])
        t = trace_device(self.tree, kname, lambda k: self.eval_loop(k, depth))
        self._used.update(c.split(" ", 1)[0] for c in t.chain)
        self._used.add(kname)
        return t

    def eval_loop(self, kname: str, depth: int) -> Trace | None:
        text = self.host.read_text(f"{SYS_BLOCK}/{kname}/loop/backing_file")
        if not text or not text.strip():
            return None
        path = text.strip()
        if path.endswith("(deleted)"):
            path = path[: -len("(deleted)")].rstrip()
        m = mount_for(path, self.mounts_or_lsblk())
        if m is None:
            return None
        t = self.eval_mount(m, depth + 1)
        return Trace(t.state, t.method, [f"file {path}", *t.chain], t.reason)

    def eval_zfs(self, m: Mount) -> Trace:
        dataset = m.source
        res = self.scan.run(["zfs", "get", "-H", "-o", "property,value",
                             "encryption,keystatus", dataset])
        props = parse_zfs_get(res.stdout) if res.ok else {}
        enc = props.get("encryption", "")
        chain = [f"ZFS dataset {dataset} (encryption={enc or '?'})"]
        if zfs_encryption_on(enc):
            return Trace(ENCRYPTED, "ZFS native encryption", chain, via="zfs get")
        if enc == "off" and self.tree is not None:
            # ZFS itself does not encrypt; the pool may still sit on dm-crypt.
            members = [d for d in self.tree.devices.values()
                       if d.fstype.lower() == "zfs_member"]
            states = [trace_device(self.tree, d.kname).state for d in members]
            if members and all(s == ENCRYPTED for s in states):
                return Trace(ENCRYPTED, "LUKS", chain + [d.label() for d in members],
                             via="zfs get")
            if members and all(s == PLAIN for s in states):
                return Trace(PLAIN, chain=chain + [d.label() for d in members], via="zfs get")
            return Trace(UNKNOWN, reason="zfs_pool", chain=chain, via="zfs get")
        if enc == "off":
            return Trace(UNKNOWN, reason="zfs_pool", chain=chain, via="zfs get")
        return Trace(UNKNOWN, reason="zfs_unknown", chain=[*chain, _describe(res)],
                     via="zfs get")

    def native_home(self, home: str) -> Trace | None:
        """fscrypt (ext4/f2fs per-directory encryption) on the home folder itself."""
        res = self.scan.run(["fscrypt", "status", home])
        if res.ran and fscrypt_encrypted(res.stdout):
            return Trace(ENCRYPTED, "fscrypt", [f"fscrypt status {home}: encrypted"])
        res = self.scan.run(["lsattr", "-d", home])
        if res.ok and lsattr_encrypted(res.stdout):
            return Trace(ENCRYPTED, "fscrypt", [f"lsattr -d {home}: {res.stdout.strip()}"])
        return None

    # -- the whole picture ---------------------------------------------------------
    def component(self, role: str, target: str, m: Mount | None) -> Component:
        if m is None:
            return Component(role, target, UNKNOWN, reason="no_mount_info")
        t = self.eval_mount(m)
        return Component(role, target, t.state, t.method, t.reason, t.describe(),
                         live=m.fstype.lower() in OVERLAY_FS, majmin=m.majmin, via=t.via)

    def run(self) -> LinuxReport:
        self.read_mounts()
        self.read_tree()
        mounts = self.mounts_or_lsblk()
        src = self.mounts_source if self.mounts else "lsblk"
        root_m = mount_for("/", mounts)
        root = self.component("root", "/", root_m)
        self.report.components.append(root)
        if root_m is not None:
            self.ev(src, f"/ is {root_m.fstype} from {root_m.source}"
                    + (f" (subvolume {root_m.root})" if root_m.root not in ("", "/") else ""))
        self.chain_ev(root)

        home = self.host.platform.home
        if home and home != "/":
            home_m = mount_for(home, mounts)
            same = home_m is not None and root_m is not None and (
                home_m == root_m or self._same_device(home_m, root_m))
            if same:
                hc = Component("home", home, root.state, root.method, root.reason, root.detail,
                               root.live)
                self.ev(src, f"{home} is on the same filesystem as /")
            else:
                hc = self.component("home", home, home_m)
                if home_m is not None:
                    self.ev(src, f"{home} is on {home_m.mount_point}: {home_m.fstype} "
                            f"from {home_m.source}")
                self.chain_ev(hc)
            if hc.state == PLAIN:
                native = self.native_home(home)
                if native is not None:
                    hc = Component("home", home, ENCRYPTED, native.method, "",
                                   native.describe())
                    self.ev(native.describe().split(": ", 1)[0],
                            native.describe().split(": ", 1)[-1])
            self.report.components.append(hc)

        for m in mounts:
            if m.mount_point.startswith("/live/persistence/"):
                pc = self.component("persistence", m.mount_point, m)
                self.report.components.append(pc)
                self.chain_ev(pc)

        self.read_swaps(mounts)
        self.note_other_crypt()
        return self.report

    def chain_ev(self, c: Component) -> None:
        """The device chain behind a component, unless it only repeats the mount line."""
        if c.detail and c.via and c.via not in (MOUNTINFO, PROC_MOUNTS):
            self.ev(c.via, f"{c.target}: {c.detail}")
        elif c.detail and c.state != PLAIN and " <- " in c.detail:
            self.ev(c.via or self.mounts_source, f"{c.target}: {c.detail}")

    def _same_device(self, a: Mount, b: Mount) -> bool:
        if a.fstype != b.fstype or a.fstype.lower() in OVERLAY_FS | MEMORY_FS:
            return False
        if a.fstype == "zfs":
            return a.source == b.source
        da, db = self.find_device(a), self.find_device(b)
        return da is not None and da == db

    def read_swaps(self, mounts: list[Mount]) -> None:
        text = self.host.read_text(SWAPS)
        if text is None:
            self.report.components.append(Component("swap", SWAPS, UNKNOWN,
                                                    reason="swaps_unreadable"))
            self.ev(SWAPS, "not readable")
            return
        areas = parse_swaps(text)
        if not areas and not swaps_heading(text):
            # The kernel always prints its heading line, swap or not: without it this is
            # not the list of swap areas, so "no swap" would be a guess.
            self.report.components.append(Component("swap", SWAPS, UNKNOWN,
                                                    reason="swaps_unreadable"))
            self.ev(SWAPS, f"not understood: {text.strip()[:60]!r}")
            return
        if not areas:
            self.ev(SWAPS, "no active swap")
            return
        resume = (self.host.read_text(RESUME) or "").strip()
        for area in areas:
            if area.kind == "file":
                m = mount_for(area.filename, mounts)
                c = self.component("swap", area.filename, m)
                where = f"{area.filename} (swap file on {m.mount_point})" if m else area.filename
            else:
                c = self.swap_partition(area.filename)
                where = f"{area.filename} ({area.kind})"
            self.report.components.append(c)
            self.ev(SWAPS, f"{where}: {c.detail or c.state}")
            if resume and resume != "0:0" and c.state == PLAIN and c.majmin == resume:
                self.report.hibernate_to_plain_swap = area.filename
                self.ev(RESUME, f"{resume} (hibernation writes memory to {area.filename})")

    def swap_partition(self, path: str) -> Component:
        if self.tree is None:
            return Component("swap", path, UNKNOWN,
                             reason=self.report.problem or "no_block_info")
        dev = self.tree.by_path(path)
        if dev is None and path.startswith("/dev/zram"):
            return Component("swap", path, MEMORY, "zram", detail=f"{path} (zram)")
        if dev is None:
            return Component("swap", path, UNKNOWN, reason="device_not_found", detail=path)
        t = trace_device(self.tree, dev.kname, lambda k: self.eval_loop(k, 0))
        self._used.update(c.split(" ", 1)[0] for c in t.chain)
        return Component("swap", path, t.state, t.method, t.reason, t.describe(),
                         majmin=dev.majmin, via=self.report.source)

    def note_other_crypt(self) -> None:
        if self.tree is None:
            return
        for dev in self.tree.crypt_devices():
            if dev.name in self._used or dev.kname in self._used:
                continue
            where = ", ".join(dev.mountpoints) if dev.mountpoints else "not mounted"
            self.report.other_crypt.append(dev.name)
            self.ev(self.report.source or "lsblk",
                    f"encrypted volume {dev.name} ({where}) is not under / or your home "
                    f"folder: it protects only what is stored on it")


def _describe(res: CommandResult) -> str:
    text = res.describe()
    if res.stderr.strip():
        text += f" ({res.stderr.strip()[:160]})"
    return text


def probe_linux(scan: Scan) -> LinuxReport:
    return LinuxProbe(scan).run()


__all__ = ["LINUX_COMMANDS", "LINUX_FILES", "probe_linux"]
