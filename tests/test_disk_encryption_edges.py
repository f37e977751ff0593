"""disk-encryption on Linux: odd layouts and missing sources, from small in-memory snapshots."""

from __future__ import annotations

import json
from typing import Any

import pytest

from checks.engine.i18n import translator
from checks.engine.model import Finding, Severity, Status
from checks.engine.registry import Scan, get_check
from checks.engine.runner import run_check
from tests.engine_support import replay, snapshot

EN = translator("en")
LSBLK = ["lsblk", "--json", "--output", "NAME,KNAME,PKNAME,MAJ:MIN,TYPE,FSTYPE,MOUNTPOINTS"]
LSBLK_OLD = ["lsblk", "--json", "--output", "NAME,KNAME,PKNAME,MAJ:MIN,TYPE,FSTYPE,MOUNTPOINT"]
HOME = "/home/tester"


def lsblk(*devices: dict[str, Any]) -> dict[str, Any]:
    return {"argv": LSBLK, "stdout": json.dumps({"blockdevices": list(devices)})}


def d(name: str, majmin: str, typ: str, fstype: str | None = None,
      mps: list[str] | None = None, kids: list[dict[str, Any]] | None = None,
      kname: str | None = None) -> dict[str, Any]:
    return {"name": name, "kname": kname or name, "maj:min": majmin, "type": typ,
            "fstype": fstype, "mountpoints": mps or [None], "children": kids or []}


LUKS_TREE = d("sda", "8:0", "disk", kids=[
    d("sda2", "8:2", "part", "crypto_LUKS", kids=[
        d("cr", "253:0", "crypt", "ext4", ["/"], kname="dm-0")])])
LUKS_ROOT = "29 1 253:0 / / rw,relatime shared:1 - ext4 /dev/mapper/cr rw\n"
NO_SWAP = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"


def run(commands: list[dict[str, Any]], files: dict[str, str] | None = None,
        **kw: Any) -> Finding:
    snap = snapshot(["disk-encryption"], home=HOME, commands=commands, files=files, **kw)
    check = get_check("disk-encryption")
    assert check is not None
    return run_check(check, Scan(replay(snap)))


def text(f: Finding) -> str:
    return EN.render(f.summary)


def lines(f: Finding) -> str:
    return "\n".join(e.line() for e in f.evidence)


def test_proc_mounts_when_mountinfo_is_missing() -> None:
    f = run([lsblk(LUKS_TREE)], {"/proc/mounts": "/dev/mapper/cr / ext4 rw,relatime 0 0\n",
                                 "/proc/swaps": NO_SWAP})
    assert f.status is Status.PASS and "/proc/mounts: / is ext4" in lines(f)


def test_lsblk_mount_points_when_proc_is_unreadable() -> None:
    f = run([lsblk(LUKS_TREE)], {"/proc/swaps": NO_SWAP})
    assert f.status is Status.PASS, lines(f)


def test_virtual_machine_gets_a_note_about_the_host() -> None:
    f = run([lsblk(LUKS_TREE)], {"/proc/self/mountinfo": LUKS_ROOT, "/proc/swaps": NO_SWAP,
                                 "/sys/class/dmi/id/sys_vendor": "QEMU\n"})
    assert f.status is Status.PASS
    assert any("virtual machine" in EN.render(x) for x in f.details)


def test_root_on_network_storage_is_unknown() -> None:
    f = run([lsblk(LUKS_TREE)], {"/proc/self/mountinfo":
                                 "20 1 0:40 / / rw - nfs4 10.0.0.2:/srv/root rw\n",
                                 "/proc/swaps": NO_SWAP})
    assert f.status is Status.UNKNOWN and "network storage" in text(f)


def test_root_on_bcachefs_is_unknown() -> None:
    f = run([lsblk(d("sda", "8:0", "disk", kids=[d("sda1", "8:1", "part", "bcachefs", ["/"])]))],
            {"/proc/self/mountinfo": "20 1 8:1 / / rw - bcachefs /dev/sda1 rw\n",
             "/proc/swaps": NO_SWAP})
    assert f.status is Status.UNKNOWN and f.data["reason"] == "fs_unsupported"


LOOP_TREE = [LUKS_TREE, d("loop0", "7:0", "loop", "ext4", ["/"])]
LOOP_MI = ("29 1 253:0 / /host rw - ext4 /dev/mapper/cr rw\n"
           "30 1 7:0 / / rw - ext4 /dev/loop0 rw\n")


def test_root_in_a_loop_file_inherits_the_file_system_it_lives_on() -> None:
    f = run([lsblk(*LOOP_TREE)], {"/proc/self/mountinfo": LOOP_MI, "/proc/swaps": NO_SWAP,
                                  "/sys/block/loop0/loop/backing_file": "/host/root.img\n"})
    assert f.status is Status.PASS, lines(f)
    assert "file /host/root.img" in lines(f)


def test_loop_without_a_readable_backing_file_is_unknown() -> None:
    f = run([lsblk(*LOOP_TREE)], {"/proc/self/mountinfo": LOOP_MI, "/proc/swaps": NO_SWAP})
    assert f.status is Status.UNKNOWN and f.data["reason"] == "loop"


def test_unreadable_swap_list_is_unknown_even_with_encrypted_root() -> None:
    f = run([lsblk(LUKS_TREE)], {"/proc/self/mountinfo": LUKS_ROOT})
    assert f.status is Status.UNKNOWN and "swap" in text(f)


def test_swap_file_on_a_plain_partition_is_plain_swap() -> None:
    tree = [LUKS_TREE, d("sdb", "8:16", "disk", kids=[d("sdb1", "8:17", "part", "ext4",
                                                         ["/data"])])]
    f = run([lsblk(*tree)], {
        "/proc/self/mountinfo": LUKS_ROOT + "40 29 8:17 / /data rw - ext4 /dev/sdb1 rw\n",
        "/proc/swaps": NO_SWAP + "/data/swapfile                          file\t\t1048572\t0\t-2\n"})
    assert f.status is Status.FAIL and f.severity is Severity.MEDIUM
    assert "/data/swapfile" in text(f)


ZFS_MI = "29 1 0:26 / / rw - zfs rpool/ROOT/debian rw,xattr\n"


def test_zfs_without_native_encryption_on_luks_members_is_encrypted() -> None:
    tree = d("sda", "8:0", "disk", kids=[d("sda3", "8:3", "part", "crypto_LUKS", kids=[
        d("luks-zfs", "253:0", "crypt", "zfs_member", kname="dm-0")])])
    f = run([lsblk(tree), {"argv": ["zfs", "get", "-H", "-o", "property,value",
                                    "encryption,keystatus", "rpool/ROOT/debian"],
                           "stdout": "encryption\toff\nkeystatus\t-\n"}],
            {"/proc/self/mountinfo": ZFS_MI, "/proc/swaps": NO_SWAP})
    assert f.status is Status.PASS and "(LUKS)" in text(f)


def test_zfs_without_encryption_on_plain_disks_fails() -> None:
    tree = d("sda", "8:0", "disk", kids=[d("sda3", "8:3", "part", "zfs_member")])
    f = run([lsblk(tree), {"argv": ["zfs", "get", "-H", "-o", "property,value",
                                    "encryption,keystatus", "rpool/ROOT/debian"],
                           "stdout": "encryption\toff\nkeystatus\t-\n"}],
            {"/proc/self/mountinfo": ZFS_MI, "/proc/swaps": NO_SWAP})
    assert f.status is Status.FAIL and f.severity is Severity.HIGH


def test_zfs_without_the_zfs_tool_is_unknown() -> None:
    f = run([lsblk(d("sda", "8:0", "disk"))], {"/proc/self/mountinfo": ZFS_MI,
                                               "/proc/swaps": NO_SWAP})
    assert f.status is Status.UNKNOWN and f.data["reason"] == "zfs_unknown"


def test_lsblk_failing_without_sysfs_is_unknown() -> None:
    f = run([{"argv": LSBLK, "returncode": 1, "stdout": "", "stderr": "lsblk: bad usage"},
             {"argv": LSBLK_OLD, "returncode": 1, "stdout": "", "stderr": "lsblk: bad usage"}],
            {"/proc/self/mountinfo": LUKS_ROOT, "/proc/swaps": NO_SWAP})
    assert f.status is Status.UNKNOWN and f.data["reason"] == "lsblk_failed"
    assert "lsblk: bad usage" in lines(f)


def test_lsblk_missing_without_sysfs_is_unknown() -> None:
    f = run([], {"/proc/self/mountinfo": LUKS_ROOT, "/proc/swaps": NO_SWAP})
    assert f.status is Status.UNKNOWN and f.data["reason"] == "no_block_info"
    assert "command not found" in lines(f)


def test_plain_home_partition_with_fscrypt_home_is_encrypted() -> None:
    tree = [LUKS_TREE, d("sdb", "8:16", "disk", kids=[d("sdb1", "8:17", "part", "ext4",
                                                         ["/home"])])]
    f = run([lsblk(*tree), {"argv": ["lsattr", "-d", HOME],
                            "stdout": f"----------E---e------- {HOME}\n"}],
            {"/proc/self/mountinfo": LUKS_ROOT + "40 29 8:17 / /home rw - ext4 /dev/sdb1 rw\n",
             "/proc/swaps": NO_SWAP})
    assert f.status is Status.PASS, lines(f)
    assert f"lsattr -d {HOME}" in lines(f)


def test_tails_without_persistent_storage() -> None:
    mi = ("27 1 0:27 / / rw - overlay overlay rw,lowerdir=/run/live/rootfs/x/,"
          "upperdir=/run/live/overlay/rw,workdir=/run/live/overlay/work\n"
          "33 26 0:26 / /run/live/overlay rw - tmpfs tmpfs rw\n")
    f = run([lsblk(d("sdb", "8:16", "disk", kids=[d("sdb1", "8:17", "part", "vfat",
                                                   ["/run/live/medium"])]))],
            {"/etc/os-release": 'TAILS_PRODUCT_NAME="Tails"\n', "/proc/self/mountinfo": mi,
             "/proc/swaps": NO_SWAP})
    assert f.status is Status.PASS and "Tails forgets everything" in text(f)


def test_live_overlay_without_a_findable_upper_dir_is_unknown() -> None:
    mi = "27 1 0:27 / / rw - overlay overlay rw,lowerdir=/a/,upperdir=/cow/upper\n"
    f = run([lsblk(d("sdb", "8:16", "disk"))], {"/proc/self/mountinfo": mi,
                                                "/proc/swaps": NO_SWAP})
    assert f.status is Status.UNKNOWN and f.data["reason"] == "overlay"


@pytest.mark.parametrize("files", [
    {"/proc/self/mountinfo": "\x00\x01garbage", "/proc/swaps": "\x00"},
    {"/proc/self/mountinfo": "1 2 3\n- - -", "/proc/swaps": "x y z\n"},
    {"/proc/self/mountinfo": LUKS_ROOT, "/proc/swaps": NO_SWAP + "/dev/nope partition 1 0 0\n"},
])
def test_odd_input_never_crashes_and_never_passes(files: dict[str, str]) -> None:
    f = run([lsblk(d("sda", "8:0", "disk", kids=[d("sda1", "8:1", "part", "ext4")]))], files)
    assert f.status in (Status.UNKNOWN, Status.FAIL)


def test_swap_on_an_unknown_device_is_unknown() -> None:
    f = run([lsblk(LUKS_TREE)], {"/proc/self/mountinfo": LUKS_ROOT,
                                 "/proc/swaps": NO_SWAP + "/dev/sdz9 partition 1 0 -2\n"})
    assert f.status is Status.UNKNOWN and f.data["target"] == "/dev/sdz9"


# Fedora Atomic (ostree + composefs): "/" is a read-only overlay without upperdir; the
# physical root is mounted at /sysroot, home lives in /var/home on the same btrfs.
COMPOSEFS_MI = (
    "25 1 0:28 / / ro,relatime shared:1 - overlay composefs ro,lowerdir+=/run/ostree/.private"
    "/cfsroot-lower,datadir+=/sysroot/ostree/repo/objects,redirect_dir=on,metacopy=on\n"
    "61 25 0:36 /root /sysroot ro,relatime shared:4 - btrfs /dev/mapper/cr "
    "rw,seclabel,compress=zstd:1,subvol=/root\n"
    "95 25 0:36 /home /var/home rw,relatime shared:52 - btrfs /dev/mapper/cr "
    "rw,seclabel,compress=zstd:1,subvol=/home\n"
)
CR_BTRFS = d("sda", "8:0", "disk", kids=[
    d("sda3", "8:3", "part", "crypto_LUKS", kids=[
        d("cr", "253:0", "crypt", "btrfs", ["/sysroot", "/var/home"], kname="dm-0")])])


def test_read_only_system_image_is_judged_by_sysroot() -> None:
    snap_home = "/var/home/tester"
    snap = snapshot(["disk-encryption"], home=snap_home, commands=[lsblk(CR_BTRFS)],
                    files={"/proc/self/mountinfo": COMPOSEFS_MI, "/proc/swaps": NO_SWAP})
    check = get_check("disk-encryption")
    assert check is not None
    f = run_check(check, Scan(replay(snap)))
    assert f.status is Status.PASS, lines(f)
    assert "read-only image from /sysroot" in lines(f)


def test_read_only_image_without_sysroot_is_unknown() -> None:
    f = run([lsblk(CR_BTRFS)], {"/proc/self/mountinfo": COMPOSEFS_MI.splitlines()[0] + "\n",
                                "/proc/swaps": NO_SWAP})
    assert f.status is Status.UNKNOWN and "read-only image" in text(f)


@pytest.mark.parametrize("swaps", ["", "x y z\n", "\x00\x13 garbage\n"])
def test_a_swap_list_without_the_kernels_heading_is_not_no_swap(swaps: str) -> None:
    """/proc/swaps always starts with its heading, swap or not: garbage or an empty answer
    must not read as 'no swap' next to an encrypted root."""
    f = run([lsblk(LUKS_TREE)], {"/proc/self/mountinfo": LUKS_ROOT, "/proc/swaps": swaps})
    assert f.status is Status.UNKNOWN, lines(f)
    assert f.data["reason"] == "swaps_unreadable"


@pytest.mark.parametrize("value, encrypted", [
    ("aes-256-gcm", True), ("on", True), ("AES-128-CCM", True),
    ("garbage", False), ("", False), ("-", False), ("sometimes", False)])
def test_zfs_counts_as_encrypted_only_with_a_documented_cipher(value: str,
                                                                encrypted: bool) -> None:
    f = run([lsblk(d("sda", "8:0", "disk", kids=[d("sda3", "8:3", "part", "zfs_member")])),
             {"argv": ["zfs", "get", "-H", "-o", "property,value", "encryption,keystatus",
                       "rpool/ROOT/debian"],
              "stdout": f"encryption\t{value}\nkeystatus\tavailable\n"}],
            {"/proc/self/mountinfo": ZFS_MI, "/proc/swaps": NO_SWAP})
    assert (f.status is Status.PASS) is encrypted, lines(f)


def test_tails_with_an_unreadable_swap_list_is_unknown() -> None:
    mi = ("27 1 0:27 / / rw - overlay overlay rw,lowerdir=/run/live/rootfs/x/,"
          "upperdir=/run/live/overlay/rw,workdir=/run/live/overlay/work\n"
          "33 26 0:26 / /run/live/overlay rw - tmpfs tmpfs rw\n")
    f = run([lsblk(d("sdb", "8:16", "disk", kids=[d("sdb1", "8:17", "part", "vfat",
                                                   ["/run/live/medium"])]))],
            {"/etc/os-release": 'TAILS_PRODUCT_NAME="Tails"\n', "/proc/self/mountinfo": mi})
    assert f.status is Status.UNKNOWN and "swap" in text(f)
