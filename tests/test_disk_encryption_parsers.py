"""disk-encryption: the pure parsers and the device walk, on real-format text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks.catalog.disk_encryption.bitlocker import (
    BITLOCKER_VALUES,
    interpret_fact,
    interpret_value,
    is_home_edition,
)
from checks.catalog.disk_encryption.facts import ENCRYPTED, MEMORY, PLAIN, UNKNOWN, clean_text
from checks.catalog.disk_encryption.fdesetup import (
    DECRYPTING,
    ENCRYPTING,
    OFF,
    ON,
    PENDING_RESTART,
    parse_fdesetup_status,
)
from checks.catalog.disk_encryption.fdesetup import UNKNOWN as FV_UNKNOWN
from checks.catalog.disk_encryption.lsblk import ParseError, parse_lsblk_json
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
    unescape,
)
from checks.catalog.disk_encryption.sysblock import (
    SysBlockEntry,
    crypt_kind_from_uuid,
    dm_type,
    tree_from_sysfs,
)
from checks.catalog.disk_encryption.trace import Trace, trace_device

# util-linux 2.39: tree form, mountpoints arrays with null, a btrfs device with two mount
# points, an md array listed under both members.
LSBLK_NEW = """{
   "blockdevices": [
      {
         "name": "sda", "kname": "sda", "pkname": null, "maj:min": "8:0", "type": "disk",
         "fstype": null, "mountpoints": [ null ],
         "children": [
            {"name": "sda1", "kname": "sda1", "pkname": "sda", "maj:min": "8:1",
             "type": "part", "fstype": "linux_raid_member", "mountpoints": [ null ],
             "children": [
                {"name": "md0", "kname": "md0", "pkname": "sda1", "maj:min": "9:0",
                 "type": "raid1", "fstype": "crypto_LUKS", "mountpoints": [ null ],
                 "children": [
                    {"name": "luks-md0", "kname": "dm-0", "pkname": "md0", "maj:min": "253:0",
                     "type": "crypt", "fstype": "btrfs", "mountpoints": [ "/home", "/", null ]}
                 ]}
             ]}
         ]
      },
      {
         "name": "sdb", "kname": "sdb", "pkname": null, "maj:min": "8:16", "type": "disk",
         "fstype": null, "mountpoints": [ null ],
         "children": [
            {"name": "sdb1", "kname": "sdb1", "pkname": "sdb", "maj:min": "8:17",
             "type": "part", "fstype": "linux_raid_member", "mountpoints": [ null ],
             "children": [
                {"name": "md0", "kname": "md0", "pkname": "sdb1", "maj:min": "9:0",
                 "type": "raid1", "fstype": "crypto_LUKS", "mountpoints": [ null ],
                 "children": [
                    {"name": "luks-md0", "kname": "dm-0", "pkname": "md0", "maj:min": "253:0",
                     "type": "crypt", "fstype": "btrfs", "mountpoints": [ "/home", "/", null ]}
                 ]}
             ]}
         ]
      },
      {"name": "zram0", "kname": "zram0", "pkname": null, "maj:min": "251:0", "type": "disk",
       "fstype": null, "mountpoints": [ "[SWAP]" ]}
   ]
}"""

# util-linux 2.34 (Ubuntu 20.04): "mountpoint", one object per line.
LSBLK_OLD = """{
   "blockdevices": [
      {"name": "nvme0n1", "kname": "nvme0n1", "pkname": null, "maj:min": "259:0", "type": "disk", "fstype": null, "mountpoint": null,
         "children": [
            {"name": "nvme0n1p1", "kname": "nvme0n1p1", "pkname": "nvme0n1", "maj:min": "259:1", "type": "part", "fstype": "vfat", "mountpoint": "/boot/efi"},
            {"name": "nvme0n1p2", "kname": "nvme0n1p2", "pkname": "nvme0n1", "maj:min": "259:2", "type": "part", "fstype": "ext4", "mountpoint": "/"}
         ]
      }
   ]
}"""

# lsblk --json --list: flat, relations only through PKNAME; LVM over two PVs.
LSBLK_LIST = json.dumps({"blockdevices": [
    {"name": "sda", "kname": "sda", "pkname": None, "type": "disk", "fstype": None},
    {"name": "sda2", "kname": "sda2", "pkname": "sda", "type": "part", "fstype": "crypto_LUKS"},
    {"name": "cr", "kname": "dm-0", "pkname": "sda2", "type": "crypt", "fstype": "LVM2_member"},
    {"name": "sdb", "kname": "sdb", "pkname": None, "type": "disk", "fstype": None},
    {"name": "sdb1", "kname": "sdb1", "pkname": "sdb", "type": "part", "fstype": "LVM2_member"},
    {"name": "vg-root", "kname": "dm-1", "pkname": "dm-0", "type": "lvm", "fstype": "ext4",
     "mountpoints": ["/"]},
    {"name": "vg-root", "kname": "dm-1", "pkname": "sdb1", "type": "lvm", "fstype": "ext4",
     "mountpoints": ["/"]},
]})


class TestLsblk:
    def test_new_format_with_null_mountpoints_and_multiple_parents(self) -> None:
        tree = parse_lsblk_json(LSBLK_NEW)
        assert tree.devices["dm-0"].mountpoints == ["/home", "/"]
        assert tree.devices["sda"].mountpoints == []
        assert tree.parents["md0"] == ["sda1", "sdb1"]
        assert tree.by_mountpoint("/").kname == "dm-0"  # type: ignore[union-attr]
        assert tree.by_majmin("253:0").name == "luks-md0"  # type: ignore[union-attr]

    def test_old_format_mountpoint_only(self) -> None:
        tree = parse_lsblk_json(LSBLK_OLD)
        assert tree.by_mountpoint("/").kname == "nvme0n1p2"  # type: ignore[union-attr]
        assert tree.parents["nvme0n1p2"] == ["nvme0n1"]

    def test_list_form_relations_from_pkname(self) -> None:
        tree = parse_lsblk_json(LSBLK_LIST)
        assert tree.parents["dm-1"] == ["dm-0", "sdb1"]

    def test_paths_from_lsblk_paths_option(self) -> None:
        tree = parse_lsblk_json(json.dumps({"blockdevices": [
            {"name": "/dev/sda", "kname": "/dev/sda", "type": "disk", "children": [
                {"name": "/dev/mapper/cr", "kname": "/dev/dm-0", "type": "crypt"}]}]}))
        assert tree.devices["dm-0"].name == "cr"

    @pytest.mark.parametrize("text", [
        "", "   \n", "lsblk: failed to access sysfs directory: /sys/dev/block",
        '{"blockdevices": [ {"name": "sda", "kname"', "[]", '{"blockdevices": {}}',
        '{"blockdevices": []}', '{"blockdevices": [42]}', '{"blockdevices": [{"type": "disk"}]}',
        '{"blockdevices": [{"name": "sda", "children": {}}]}',
    ])
    def test_garbage_is_refused_with_a_reason(self, text: str) -> None:
        with pytest.raises(ParseError) as exc:
            parse_lsblk_json(text)
        assert str(exc.value)

    def test_by_path(self) -> None:
        tree = parse_lsblk_json(json.dumps({"blockdevices": [
            {"name": "sda", "kname": "sda", "type": "disk", "children": [
                {"name": "my--vg-home--lv", "kname": "dm-3", "type": "lvm"},
                {"name": "sda1", "kname": "sda1", "type": "part"}]}]}))
        assert tree.by_path("/dev/my-vg/home-lv").kname == "dm-3"  # type: ignore[union-attr]
        assert tree.by_path("/dev/mapper/my--vg-home--lv").kname == "dm-3"  # type: ignore[union-attr]
        assert tree.by_path("/dev/dm-3").kname == "dm-3"  # type: ignore[union-attr]
        assert tree.by_path("/dev/sda1").kname == "sda1"  # type: ignore[union-attr]
        assert tree.by_path("/dev/disk/by-uuid/1234") is None
        assert tree.by_path("rpool/ROOT/ubuntu") is None


class TestWalk:
    def test_luks_on_raid_is_encrypted_through_both_members(self) -> None:
        tree = parse_lsblk_json(LSBLK_NEW)
        t = trace_device(tree, "dm-0")
        assert (t.state, t.method) == (ENCRYPTED, "LUKS")
        assert t.chain[0] == "luks-md0 (crypt, btrfs)"

    def test_lvm_over_an_encrypted_and_a_plain_pv_is_plain(self) -> None:
        t = trace_device(parse_lsblk_json(LSBLK_LIST), "dm-1")
        assert t.state == PLAIN and "sdb1" in t.describe()

    def test_plain_partition_and_zram(self) -> None:
        tree = parse_lsblk_json(LSBLK_OLD + "")
        assert trace_device(tree, "nvme0n1p2").state == PLAIN
        assert trace_device(parse_lsblk_json(LSBLK_NEW), "zram0").state == MEMORY

    def test_plain_dm_crypt_without_luks_header(self) -> None:
        tree = parse_lsblk_json(json.dumps({"blockdevices": [
            {"name": "sda2", "kname": "sda2", "type": "part", "fstype": None, "children": [
                {"name": "cryptswap", "kname": "dm-0", "type": "crypt", "fstype": "swap"}]}]}))
        assert trace_device(tree, "dm-0").method == "dm-crypt"

    def test_incomplete_trees_are_unknown_not_plain(self) -> None:
        tree = parse_lsblk_json(json.dumps({"blockdevices": [
            {"name": "vg-root", "kname": "dm-1", "type": "lvm", "fstype": "ext4"},
            {"name": "loop0", "kname": "loop0", "type": "loop", "fstype": "ext4"}]}))
        assert trace_device(tree, "dm-1").state == UNKNOWN
        t = trace_device(tree, "loop0")
        assert (t.state, t.reason, t.loop) == (UNKNOWN, "loop", "loop0")
        assert trace_device(tree, "nope").reason == "device_not_found"

    def test_loop_resolver_decides_for_the_loop(self) -> None:
        tree = parse_lsblk_json(json.dumps({"blockdevices": [
            {"name": "loop3", "kname": "loop3", "type": "loop"}]}))
        t = trace_device(tree, "loop3", lambda k: Trace(ENCRYPTED, "LUKS", ["file /x.img"]))
        assert t.state == ENCRYPTED and "file /x.img" in t.describe()

    def test_cycles_do_not_hang(self) -> None:
        tree = parse_lsblk_json(json.dumps({"blockdevices": [
            {"name": "a", "kname": "a", "pkname": "b", "type": "lvm"},
            {"name": "b", "kname": "b", "pkname": "a", "type": "lvm"}]}))
        assert trace_device(tree, "a").state == UNKNOWN


class TestSysfs:
    def test_dm_uuid_prefixes(self) -> None:
        assert dm_type("CRYPT-LUKS2-8d2b54c0e1f34f6a-cr") == "crypt"
        assert dm_type("LVM-Yh3kP0aQ") == "lvm"
        assert dm_type("mpath-3600508b") == "mpath"
        assert dm_type("") == "dm"
        assert crypt_kind_from_uuid("CRYPT-LUKS1-abc-x") == "LUKS"
        assert crypt_kind_from_uuid("CRYPT-PLAIN-cryptswap") == "dm-crypt"
        assert crypt_kind_from_uuid("CRYPT-TCRYPT-x") == "VeraCrypt"
        assert crypt_kind_from_uuid("CRYPT-BITLK-x") == "BitLocker"

    def test_tree_from_sysfs(self) -> None:
        tree = tree_from_sysfs([
            SysBlockEntry("nvme0n1", "259:0", partitions={"nvme0n1p3": "259:3"}),
            SysBlockEntry("dm-0", "253:0", "cr", "CRYPT-LUKS2-abc-cr", ["nvme0n1p3"]),
            SysBlockEntry("dm-1", "253:1", "vg-root", "LVM-xyz", ["dm-0"]),
        ])
        t = trace_device(tree, tree.by_majmin("253:1").kname)  # type: ignore[union-attr]
        assert (t.state, t.method) == (ENCRYPTED, "LUKS")
        assert tree.by_path("/dev/mapper/vg-root").kname == "dm-1"  # type: ignore[union-attr]
        assert trace_device(tree, "nvme0n1p3").state == PLAIN


MOUNTINFO = (
    "29 1 253:1 / / rw,relatime shared:1 - ext4 /dev/mapper/vgubuntu-root rw,errors=remount-ro\n"
    "63 29 0:35 /@home /home rw,relatime shared:51 master:3 - btrfs /dev/mapper/cr rw,subvol=/@home\n"
    "70 29 8:33 / /media/ana/My\\040Disk rw,nosuid shared:300 - vfat /dev/sdc1 rw\n"
    "71 29 8:33 / /media/ana/My\\040Disk rw,nosuid shared:301 - ext4 /dev/sdd1 rw\n"
    "garbage line\n"
    "27 1 0:27 / /run/live rw - overlay overlay rw,lowerdir=/a,upperdir=/run/ov/rw,workdir=/w\n"
)


class TestMounts:
    def test_mountinfo_fields_escapes_and_optional_fields(self) -> None:
        mounts = parse_mountinfo(MOUNTINFO)
        assert len(mounts) == 5
        home = mounts[1]
        assert (home.mount_point, home.root, home.fstype, home.source, home.majmin) == (
            "/home", "/@home", "btrfs", "/dev/mapper/cr", "0:35")
        assert mounts[2].mount_point == "/media/ana/My Disk"
        assert mounts[4].option("upperdir") == "/run/ov/rw"
        assert mounts[4].option("missing") == ""

    def test_proc_mounts(self) -> None:
        mounts = parse_proc_mounts("/dev/sda2 / ext4 rw,relatime 0 0\n"
                                   "tmpfs /run tmpfs rw 0 0\nbad\n")
        assert [(m.mount_point, m.fstype) for m in mounts] == [("/", "ext4"), ("/run", "tmpfs")]

    def test_mount_for_longest_prefix_and_last_stacked(self) -> None:
        mounts = parse_mountinfo(MOUNTINFO)
        assert mount_for("/home/ana/doc.txt", mounts).source == "/dev/mapper/cr"  # type: ignore[union-attr]
        assert mount_for("/homework", mounts).mount_point == "/"  # type: ignore[union-attr]
        assert mount_for("/media/ana/My Disk/x", mounts).fstype == "ext4"  # type: ignore[union-attr]
        assert mount_for("/", mounts).source == "/dev/mapper/vgubuntu-root"  # type: ignore[union-attr]
        assert mount_for("/x", []) is None

    def test_unescape(self) -> None:
        assert unescape(r"/a\040b\011c\134d") == "/a b\tc\\d"

    def test_swaps(self) -> None:
        text = ("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
                "/dev/dm-2                               partition\t4003836\t\t0\t\t-2\n"
                "/swap\\040file (deleted)                 file\t\t1048572\t\t0\t\t-3\n"
                "/dev/zram0                              partition\t8388604\t\t0\t\t100\n")
        assert [(s.filename, s.kind) for s in parse_swaps(text)] == [
            ("/dev/dm-2", "partition"), ("/swap file", "file"), ("/dev/zram0", "partition")]
        assert parse_swaps("Filename\tType\tSize\tUsed\tPriority\n") == []


class TestNative:
    def test_lsattr(self) -> None:
        assert lsattr_encrypted("----------E---e------- /home/ana\n") is True
        assert lsattr_encrypted("--------------e------- /home/ana\n") is False
        assert lsattr_encrypted("lsattr: Operation not supported While reading flags") is None
        assert lsattr_encrypted("") is None

    def test_fscrypt(self) -> None:
        assert fscrypt_encrypted('"/home/ana" is encrypted with fscrypt.\n\nPolicy: 76')
        assert not fscrypt_encrypted('[ERROR] fscrypt status: file or directory "/home/ana" '
                                     "is not\n                        encrypted")

    def test_zfs_get(self) -> None:
        assert parse_zfs_get("encryption\taes-256-gcm\nkeystatus\tavailable\n") == {
            "encryption": "aes-256-gcm", "keystatus": "available"}
        assert parse_zfs_get("cannot open 'x': dataset does not exist\n") == {}

    def test_clean_text(self) -> None:
        assert clean_text("a\x1b[0m\x00\nb") == "a\\x1b[0m\\x00 b"
        assert len(clean_text("x" * 500, 50)) == 50


class TestFdesetup:
    @pytest.mark.parametrize(("text", "state", "percent"), [
        ("FileVault is On.\n", ON, ""),
        ("FileVault is On.\r\n", ON, ""),
        ("FileVault is Off.\n", OFF, ""),
        ("FileVault is On.\nEncryption in progress: Percent completed = 42.1\n", ENCRYPTING,
         "42.1"),
        ("Encryption in progress: Percent completed = 45\n", ENCRYPTING, "45"),
        ("FileVault is On.\nEncryption in progress: Pending\n", ENCRYPTING, ""),
        ("FileVault is Off.\nDecryption in progress: Percent completed = 73\n", DECRYPTING, "73"),
        ("FileVault is On.\nDecryption in progress: Percent completed = 7\n", DECRYPTING, "7"),
        ("FileVault is Off, but will be enabled after the next restart.\n", PENDING_RESTART, ""),
        ("FileVault is On.\nFileVault master keychain appears to be installed.\n", ON, ""),
    ])
    def test_states(self, text: str, state: str, percent: str) -> None:
        st = parse_fdesetup_status(text)
        assert (st.state, st.percent) == (state, percent)

    def test_deferred(self) -> None:
        st = parse_fdesetup_status("FileVault is Off.\n"
                                   "Deferred enablement appears to be active for user 'ana'.\n")
        assert st.state == OFF and st.deferred_user == "ana"
        st = parse_fdesetup_status("FileVault is On.\n"
                                   "Deferred enablement appears to be active for user 'bo b'.")
        assert st.state == ON and st.deferred and st.deferred_user == "bo b"

    @pytest.mark.parametrize("text", [
        "", None, "   \n",
        "FileVault: No (Encrypted at rest)",  # diskutil apfs list, not fdesetup
        "Encrypted at rest",
        "FileVault is On.\nFileVault is Off.\n",  # contradictory
        "FileVault is On.\nSomething new macOS prints one day.\n",
        "FileVault is Maybe.\n",
        "Error: Unable to get status (-69808).",
        "filevault is on",  # not Apple's capitalisation: not what fdesetup prints
    ])
    def test_anything_else_is_unknown(self, text: str | None) -> None:
        assert parse_fdesetup_status(text).state == FV_UNKNOWN


class TestBitLockerValues:
    @pytest.mark.parametrize(("value", "state"), [
        (1, "on"), ("1", "on"), (1.0, "on"), (2, "off"), (3, "encrypting"), (4, "decrypting"),
        (5, "suspended"), (6, "locked"), (8, "waiting_activation"),
        (0, "unmapped"), (7, "unmapped"), (9, "unmapped"), (-1, "unmapped"), (255, "unmapped"),
        ("abc", "unmapped"), (True, "unmapped"), (1.5, "unmapped"), ([1], "unmapped"),
        (None, "none"), ("", "none"), ("  ", "none"),
    ])
    def test_values(self, value: object, state: str) -> None:
        assert interpret_value(value).state == state

    def test_raw_value_is_kept_for_evidence(self) -> None:
        assert interpret_value(7).raw == "7"
        assert interpret_value("x" * 100).raw == "x" * 40
        assert interpret_value(None).raw == "(empty)"

    def test_only_1_reads_as_on_and_never_the_clear_key_states(self) -> None:
        assert [v for v, s in BITLOCKER_VALUES.items() if s == "on"] == [1]
        assert BITLOCKER_VALUES[5] == "suspended" and BITLOCKER_VALUES[8] == "waiting_activation"

    def test_fact_shapes(self) -> None:
        r = interpret_fact({"drive": "D:", "protection": 1})
        assert (r.drive, r.state) == ("D:", "on")
        assert interpret_fact({"drive": "", "protection": None}).drive == "C:"
        assert interpret_fact(2).state == "off"

    @pytest.mark.parametrize(("edition", "home"), [
        ("Core", True), ("CoreSingleLanguage", True), ("CoreN", True),
        ("CoreCountrySpecific", True), ("core", True), ("Professional", False),
        ("Enterprise", False), ("Education", False), ("", False), (None, False),
    ])
    def test_home_editions(self, edition: str | None, home: bool) -> None:
        assert is_home_edition(edition) is home


def test_mount_dataclass_is_hashable_for_comparisons() -> None:
    m = Mount("/", "ext4", "/dev/sda1")
    assert m == Mount("/", "ext4", "/dev/sda1") and hash(m)


# -- raw tool output (tests/fixtures/disk_encryption/raw, see SOURCES.md there) -------------
RAW = Path(__file__).parent / "fixtures" / "disk_encryption" / "raw"


def _raw(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


class TestRawFiles:
    def test_every_raw_file_is_listed_in_sources(self) -> None:
        listed = (RAW / "SOURCES.md").read_text(encoding="utf-8")
        for path in RAW.iterdir():
            if path.name != "SOURCES.md":
                assert f"`{path.name}`" in listed, path.name

    def test_lsblk_lvm_on_luks_root_traces_to_luks(self) -> None:
        tree = parse_lsblk_json(_raw("lsblk-json-lvm-on-luks.txt"))
        root = tree.by_mountpoint("/")
        assert root is not None and root.type == "lvm"
        trace = trace_device(tree, root.kname)
        assert (trace.state, trace.method) == (ENCRYPTED, "LUKS")

    def test_lsblk_old_mountpoint_column(self) -> None:
        tree = parse_lsblk_json(_raw("lsblk-json-old-mountpoint.txt"))
        root, swap = tree.by_mountpoint("/"), tree.by_mountpoint("[SWAP]")
        assert root is not None and swap is not None
        assert (root.name, root.type) == ("vgubuntu-root", "lvm")
        assert trace_device(tree, root.kname).state == ENCRYPTED
        assert trace_device(tree, "sda2").state == PLAIN  # /boot, outside the LUKS volume

    def test_mountinfo_root_on_the_lvm_volume(self) -> None:
        mounts = parse_mountinfo(_raw("mountinfo-lvm-on-luks.txt"))
        root = mount_for("/", mounts)
        assert root is not None
        assert (root.fstype, root.source) == ("ext4", "/dev/mapper/vgubuntu-root")
        assert root.majmin == "253:1"

    def test_mountinfo_root_matches_the_lsblk_tree(self) -> None:
        tree = parse_lsblk_json(_raw("lsblk-json-lvm-on-luks.txt"))
        root = mount_for("/", parse_mountinfo(_raw("mountinfo-lvm-on-luks.txt")))
        assert root is not None
        dev = tree.by_majmin(root.majmin)
        assert dev is not None and tree.by_path(root.source) == dev

    @pytest.mark.parametrize("name, filename", [
        ("proc-swaps-partition.txt", "/dev/nvme0n1p3"),
        ("proc-swaps-zram.txt", "/dev/zram0"),
    ])
    def test_proc_swaps(self, name: str, filename: str) -> None:
        text = _raw(name)
        assert swaps_heading(text)
        assert [(a.filename, a.kind) for a in parse_swaps(text)] == [(filename, "partition")]

    @pytest.mark.parametrize("name, state, percent, user", [
        ("fdesetup-status-on.txt", ON, "", None),
        ("fdesetup-status-off.txt", OFF, "", None),
        ("fdesetup-status-encrypting.txt", ENCRYPTING, "42.1", None),
        ("fdesetup-status-deferred-off.txt", OFF, "", "ana"),
        ("fdesetup-status-pending-restart.txt", PENDING_RESTART, "", None),
    ])
    def test_fdesetup_status(self, name: str, state: str, percent: str,
                             user: str | None) -> None:
        st = parse_fdesetup_status(_raw(name))
        assert (st.state, st.percent, st.deferred_user, st.unrecognised) == (
            state, percent, user, [])

    def test_zfs_get(self) -> None:
        props = parse_zfs_get(_raw("zfs-get-encrypted.txt"))
        assert props == {"encryption": "aes-256-gcm", "keystatus": "available"}
        assert zfs_encryption_on(props["encryption"])

    def test_fscrypt_status(self) -> None:
        assert fscrypt_encrypted(_raw("fscrypt-status-encrypted.txt"))
