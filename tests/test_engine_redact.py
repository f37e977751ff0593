"""Redaction: the person's names, serial numbers and MAC addresses leave no trace in a
snapshot or report, and a redacted snapshot still replays."""

from __future__ import annotations

import base64
import json

from checks.engine.snapshot import ReplayHost, Snapshot
from checks.privacy.redact import (
    HOME,
    HOST,
    MAC,
    MACHINE_ID,
    SERIAL,
    USER,
    Identity,
    Scrubber,
    identity_from_snapshot,
    redact_snapshot,
)
from tests.engine_support import snapshot

USER_NAME = "mariela"
HOST_NAME = "mariela-thinkpad"
SERIAL_NO = "PF2XK9QZ"
DISK_SERIAL = "S4EWNX0R123456"
MACHINE = "8f3c2d1e0b9a47c6a5d4e3f2a1b0c9d8"
MAC_ADDR = "3c:52:82:a1:b2:c3"
PLANTED = (USER_NAME, HOST_NAME, SERIAL_NO, DISK_SERIAL, MACHINE, MAC_ADDR, MAC_ADDR.upper())


def _linux_snapshot() -> Snapshot:
    home = f"/home/{USER_NAME}"
    lsblk = json.dumps({"blockdevices": [{"name": "nvme0n1", "serial": DISK_SERIAL,
                                          "mountpoints": [None], "children": [
                                              {"name": "nvme0n1p2", "mountpoints": [home]}]}]})
    return snapshot(
        ["disk-encryption"],
        home=home,
        env={"HOME": home, "XDG_CONFIG_HOME": f"{home}/.config"},
        commands=[
            {"argv": ["lsblk", "--json", "-o", "NAME,SERIAL,MOUNTPOINTS"], "stdout": lsblk},
            {"argv": ["ip", "-o", "link"], "stdout":
                f"2: wlp3s0: <BROADCAST,MULTICAST,UP> mtu 1500 link/ether {MAC_ADDR} brd "
                "ff:ff:ff:ff:ff:ff\n"},
            {"argv": ["stat", f"{home}/.ssh"], "stdout": f"  File: {home}/.ssh\n"},
            {"argv": ["systemd-detect-virt", "--vm"], "stdout": "none\n", "returncode": 1},
            {"argv": ["hostnamectl", "hostname"], "stdout": f"{HOST_NAME}\n"},
        ],
        files={
            "/etc/hostname": f"{HOST_NAME}\n",
            "/sys/class/dmi/id/product_serial": f"{SERIAL_NO}\n",
            "/etc/machine-id": f"{MACHINE}\n",
            f"{home}/.config/user-dirs.dirs": f'XDG_DESKTOP_DIR="{home}/Desktop"\n',
            "/etc/passwd": f"root:x:0:0:root:/root:/bin/bash\n{USER_NAME}:x:1000:1000:Mariela,,,:"
                           f"{home}:/bin/bash\n",
            "/sys/class/net/wlp3s0/address": f"{MAC_ADDR}\n",
            "/etc/hosts": f"127.0.1.1\t{HOST_NAME}\n",
        },
        binary={f"{home}/.local/share/keyrings/login.keyring":
                base64.b64encode(b"\x00\x01" + USER_NAME.encode() + b"\xff").decode()},
        stats={f"{home}/.ssh": {"mode": 0o40700, "size": 4096, "mtime": 1.0, "uid": 1000}},
        dirs={f"{home}/.config": ["Signal", USER_NAME + "-notes"],
              "/dev/disk/by-id": [f"nvme-Samsung_SSD_970_EVO_{DISK_SERIAL}"]},
        processes=[{"pid": 4242, "name": "signal-desktop",
                    "exe": f"{home}/.local/bin/signal-desktop"}],
    )


def _dump(snap: Snapshot) -> str:
    return json.dumps(snap.to_json(), ensure_ascii=False)


def test_planted_identifiers_are_all_gone() -> None:
    snap = _linux_snapshot()
    before = _dump(snap)
    for value in PLANTED[:-1]:
        assert value in before
    redacted, counts = redact_snapshot(snap)
    after = _dump(redacted)
    for value in PLANTED:
        assert value not in after, value
    raw = base64.b64decode(redacted.files["/home/<user>/.local/share/keyrings/login.keyring"]
                           ["base64"])
    assert USER_NAME.encode() not in raw and b"<user>" in raw
    for kind in (USER, HOST, SERIAL, MACHINE_ID, MAC):
        assert counts.get(kind, 0) > 0, kind
    assert set(redacted.meta["redacted"]) >= {USER, HOST, SERIAL, MACHINE_ID, MAC}


def test_placeholders_keep_the_shape_checks_rely_on() -> None:
    redacted, _ = redact_snapshot(_linux_snapshot())
    assert redacted.platform.home == "/home/<user>"
    assert redacted.platform.env["XDG_CONFIG_HOME"] == "/home/<user>/.config"
    host = ReplayHost(redacted)
    # a check that builds a path from the (redacted) home finds the (redacted) file
    assert host.read_text(redacted.platform.home + "/.config/user-dirs.dirs") == (
        'XDG_DESKTOP_DIR="/home/<user>/Desktop"\n')
    assert host.stat("/home/<user>/.ssh") is not None
    assert host.run(["stat", "/home/<user>/.ssh"]).ok
    lsblk = json.loads(host.run(["lsblk", "--json", "-o", "NAME,SERIAL,MOUNTPOINTS"]).stdout)
    assert lsblk["blockdevices"][0]["serial"] == "<serial>"
    assert lsblk["blockdevices"][0]["children"][0]["mountpoints"] == ["/home/<user>"]
    assert host.read_text("/etc/hostname") == "<host>\n"
    assert host.list_dir("/dev/disk/by-id") == ["nvme-Samsung_SSD_970_EVO_<serial>"]
    assert host.processes()[0].exe == "/home/<user>/.local/bin/signal-desktop"


def test_unrelated_text_is_left_alone() -> None:
    redacted, _ = redact_snapshot(_linux_snapshot())
    host = ReplayHost(redacted)
    # generic account names and the broadcast address identify nobody
    assert (host.read_text("/etc/passwd") or "").startswith("root:x:0:0:root:/root:/bin/bash\n")
    assert "brd ff:ff:ff:ff:ff:ff" in host.run(["ip", "-o", "link"]).stdout
    assert host.run(["systemd-detect-virt", "--vm"]).stdout == "none\n"
    assert redacted.checks == ["disk-encryption"]
    assert redacted.recorded_at == _linux_snapshot().recorded_at


def test_a_short_host_name_is_replaced_only_where_it_stands_alone() -> None:
    snap = snapshot(["x"], files={"/etc/hostname": "vm\n", "/proc/sys/kernel/hostname": "vm\n"},
                    commands=[{"argv": ["systemd-detect-virt", "--vm"], "stdout": "kvm\n"}])
    redacted, counts = redact_snapshot(snap)
    host = ReplayHost(redacted)
    assert host.read_text("/etc/hostname") == "<host>\n"
    assert host.run(["systemd-detect-virt", "--vm"]).stdout == "kvm\n"  # "--vm" untouched
    assert counts[HOST] == 2


def test_identity_given_by_the_recording_machine_is_added() -> None:
    snap = snapshot(["x"], home="/home/m", files={"/var/log/x": "login by jsmith from jsmith-pc"})
    redacted, counts = redact_snapshot(snap, Identity(users=("jsmith",), hosts=("jsmith-pc",)))
    assert redacted.files["/var/log/x"]["text"] == "login by <user> from <host>"


def test_windows_names_are_matched_whatever_the_case_and_escaping() -> None:
    home = "C:\\Users\\Mariela"
    snap = snapshot(
        ["x"], system="Windows", home=home,
        env={"USERPROFILE": home, "LOCALAPPDATA": home + "\\AppData\\Local"},
        commands=[{"argv": ["C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                            "-Command", "# checkup-facts v1"],
                   "stdout": json.dumps({"profile": {"ok": True, "value": home},
                                         "bios": {"ok": True, "value": {"SerialNumber": "5CG1234XYZ"}}})}],
        files={"c:\\users\\mariela\\AppData\\Roaming\\Signal\\config.json": "{}"},
        registry_={r"HKLM\SYSTEM\CurrentControlSet\Control\ComputerName\ComputerName": {
            "values": {"ComputerName": "DESKTOP-7Q2M1KF"}}},
    )
    redacted, counts = redact_snapshot(snap)
    text = _dump(redacted)
    for value in ("Mariela", "mariela", "5CG1234XYZ", "DESKTOP-7Q2M1KF"):
        assert value not in text, value
    assert redacted.platform.home == "C:\\Users\\<user>"
    host = ReplayHost(redacted)
    assert host.read_text(redacted.platform.home + "\\AppData\\Roaming\\Signal\\config.json") == "{}"
    stdout = host.run(["C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                       "-Command", "# checkup-facts v1"]).stdout
    assert json.loads(stdout)["profile"]["value"] == "C:\\Users\\<user>"


def test_identity_is_discovered_from_the_snapshot_itself() -> None:
    ident = identity_from_snapshot(_linux_snapshot())
    assert USER_NAME in ident.users
    assert HOST_NAME in ident.hosts
    assert SERIAL_NO in ident.serials and DISK_SERIAL in ident.serials
    assert MACHINE in ident.machine_ids


def test_report_scrubber_uses_tilde_for_home_and_counts() -> None:
    scrub = Scrubber(Identity(home="/home/mariela", users=("mariela",),
                              hosts=("mariela-thinkpad",)), home_placeholder="~")
    assert scrub.text("/home/mariela/.ssh/id_ed25519") == "~/.ssh/id_ed25519"
    assert scrub.text("mariela@mariela-thinkpad") == "<user>@<host>"
    assert scrub.text("/home/marielaX/file") == "/home/marielaX/file"  # another folder
    assert scrub.value({"/home/mariela": ["mariela"]}) == {"~": ["<user>"]}
    assert scrub.counts[HOME] == 2 and scrub.counts[USER] == 2
