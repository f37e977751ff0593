"""Redaction as a person sharing a snapshot or a report would notice it (issue 17, item 2),
and machine text that is not text (lone surrogates) on its way through record and replay.

The engine's own entry points are used: ``Scrubber`` and ``redact_snapshot`` from
checks/privacy/redact.py, and ``checkup record`` / ``checkup scan --replay`` through
``checks.cli.main`` with a fake LiveHost whose commands print canned output. The outputs
below are synthetic: each is written in the shape the tool's manual page documents
(nmcli(1) terse mode, iw(8) ``dev ... link``, iwconfig(8), ``netsh wlan show interfaces``,
networksetup(8) ``-getairportnetwork`` / ``-listpreferredwirelessnetworks``,
nm-settings-keyfile(5), iwd.network(5)), with made-up names and documentation addresses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from checks import cli
from checks.engine.commands import Command
from checks.engine.host import DEFAULT_TIMEOUT, CommandResult, LiveHost, PlatformInfo
from checks.engine.i18n import msg
from checks.engine.model import Evidence, Finding, Status
from checks.engine.registry import Scan
from checks.privacy.redact import Identity, Scrubber, redact_snapshot
from tests.engine_support import extra_checks, make_check, snapshot

# -- addresses -------------------------------------------------------------------------------

KEPT = ["127.0.0.1", "127.8.9.10", "::1", "0.0.0.0", "::", "0.0.0.0:22", "[::1]:631",
        "[::]:22"]
REPLACED = [
    ("10.1.2.3", "<ip-lan>"), ("172.20.0.5", "<ip-lan>"), ("192.168.178.20", "<ip-lan>"),
    ("fd12:3456:789a::1", "<ip-lan>"),
    ("169.254.10.20", "<ip-link-local>"), ("fe80::1", "<ip-link-local>"),
    ("fe80::1%eth0", "<ip-link-local>"),
    ("fe80::21a:2bff:fe3c:4d5e", "<ip-link-local>"),  # EUI-64: carries the MAC
    ("fe80::21a:2bff:fe3c:4d5e%wlp2s0", "<ip-link-local>"),
    ("203.0.113.7", "<ip-global>"), ("8.8.8.8", "<ip-global>"),
    ("2001:db8:85a3::8a2e:370:7334", "<ip-global>"),
    ("2a01:4f8:1c1c:abcd:21a:2bff:fe3c:4d5e", "<ip-global>"),  # global EUI-64
    ("::ffff:192.168.1.9", "<ip-lan>"), ("::ffff:203.0.113.9", "<ip-global>"),
]


def _scrub(text: str) -> str:
    return Scrubber(Identity()).text(text)


@pytest.mark.parametrize("addr", KEPT)
def test_loopback_and_unspecified_addresses_are_kept(addr: str) -> None:
    line = f"LISTEN 0 128 {addr} users:((\"sshd\",pid=1))"
    assert _scrub(line) == line


@pytest.mark.parametrize(("addr", "placeholder"), REPLACED)
def test_every_other_address_is_replaced_by_its_class(addr: str, placeholder: str) -> None:
    bare = addr.split("%")[0]
    for line, expect in (
        (f"inet {addr} scope global", f"inet {placeholder} scope global"),
        (f"connected to [{addr}]:443 now", f"connected to [{placeholder}]:443 now"),
        (f"{addr}", placeholder),
    ):
        out = _scrub(line)
        assert out == expect, (line, out)
        assert bare not in out
    if ":" not in addr:  # an IPv4 address with a port keeps the port
        assert _scrub(f"tcp {addr}:8080 LISTEN") == f"tcp {placeholder}:8080 LISTEN"


def test_version_numbers_and_names_with_colons_are_not_addresses() -> None:
    for text in ("firefox 128.0.3.1-1", "Windows 10.0.19041.1", "std::string", "a::b"):
        assert _scrub(text) == text


def _proc_net_hex4(addr: str, port: int) -> str:
    a, b, c, d = (int(x) for x in addr.split("."))
    return f"{d:02X}{c:02X}{b:02X}{a:02X}:{port:04X}"


def test_proc_net_tables_keep_their_shape_and_lose_the_address() -> None:
    header = ("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
              "   uid  timeout inode\n")
    rows = [(_proc_net_hex4("127.0.0.1", 631), _proc_net_hex4("0.0.0.0", 0)),
            (_proc_net_hex4("192.168.178.20", 22), _proc_net_hex4("203.0.113.7", 51000))]
    table = header + "".join(
        f"   {i}: {loc} {rem} 0A 00000000:00000000 00:00000000 00000000     0        0 1{i}\n"
        for i, (loc, rem) in enumerate(rows))
    snap = snapshot(["remote-access"], files={"/proc/net/tcp": table})
    red, counts = redact_snapshot(snap)
    text = red.files["/proc/net/tcp"]["text"]
    assert rows[0][0] in text and rows[0][1] in text  # loopback, unspecified kept
    assert rows[1][0] not in text and rows[1][1] not in text
    assert _proc_net_hex4("10.0.0.0", 22) in text  # the class's representative, same port
    assert _proc_net_hex4("192.0.2.0", 51000) in text
    assert len(text.splitlines()) == len(table.splitlines())
    assert counts["ip_address"] == 2


# -- a recorded machine ------------------------------------------------------------------------

# Wi-Fi network names, one per source (see the module docstring for the formats).
WIFI_OUTPUTS: dict[tuple[str, ...], tuple[str, str]] = {
    ("nmcli", "-t", "-f", "NAME,UUID,TYPE,DEVICE", "connection", "show"): (
        "Lindenhof 5G", "Lindenhof 5G:0d6c3a5e-6a1b-4a34-9a2e-3c1b7d0e5f11:802-11-wireless:"
        "wlp2s0\nWired connection 1:5b1c2d3e-0000-4000-8000-000000000001:802-3-ethernet:--\n"),
    ("iw", "dev", "wlp2s0", "link"): (
        "Kiosk Corner", "Connected to 02:00:00:00:00:00 (on wlp2s0)\n\tSSID: Kiosk Corner\n"
        "\tfreq: 2437\n"),
    ("iwconfig", "wlp2s0"): (
        "Maple Street", 'wlp2s0    IEEE 802.11  ESSID:"Maple Street"  \n'
        "          Mode:Managed  Frequency:5.18 GHz\n"),
    ("netsh", "wlan", "show", "interfaces"): (
        "Office-Floor3", "\n    Name                   : Wi-Fi\n"
        "    SSID                   : Office-Floor3\n    State                  : connected\n"),
    ("networksetup", "-getairportnetwork", "en0"): (
        "Blue Door Cafe", "Current Wi-Fi Network: Blue Door Cafe\n"),
    ("networksetup", "-listpreferredwirelessnetworks", "en0"): (
        "Granny Flat", "Preferred networks on en0:\n\tGranny Flat\n"),
}
KEYFILE = "/etc/NetworkManager/system-connections/Riverside Loft.nmconnection"
KEYFILE_TEXT = ("[connection]\nid=Riverside Loft\ntype=wifi\n\n[wifi]\nmode=infrastructure\n"
                "ssid=Riverside Loft\n")
IWD_FILE = "/var/lib/iwd/Attic Network.psk"
IWD_TEXT = "[Security]\nPassphrase=not-a-real-one\n"
NETWORKS = [n for n, _ in WIFI_OUTPUTS.values()] + ["Riverside Loft", "Attic Network"]

ADDRESS_OUTPUT = (
    "2: enx3c18a0b1c2d3: <BROADCAST,MULTICAST,UP> mtu 1500\n"
    "    link/ether 3c:18:a0:b1:c2:d3 brd ff:ff:ff:ff:ff:ff\n"
    "    inet 192.168.178.20/24 brd 192.168.178.255 scope global enx3c18a0b1c2d3\n"
    "    inet6 2a01:4f8:1c1c:abcd:21a:2bff:fe3c:4d5e/64 scope global dynamic\n"
    "    inet6 fe80::21a:2bff:fe3c:4d5e%enx3c18a0b1c2d3/64 scope link\n"
    "3: wlx00c0ca123456: <BROADCAST> mtu 1500\n"
    "    inet 169.254.7.7/16 scope link\n"
    "tcp LISTEN 0 128 [::ffff:203.0.113.9]:8443 [::]:* 127.0.0.1:631 0.0.0.0:22\n")
ADDRESS_SECRETS = ["192.168.178.20", "2a01:4f8:1c1c", "fe3c:4d5e", "enx3c18a0b1c2d3",
                   "wlx00c0ca123456", "3c:18:a0:b1:c2:d3", "169.254.7.7", "203.0.113.9"]

USER_OUTPUT = ("session opened for user ali by ali@deskbox\n"
               "HOME=/home/ali/.config/app\nC:\\Users\\ali\\AppData\\Local\\x\n"
               "alias ls='ls --color'; Kali Linux; quality: good; Ali\n")
ALI = re.compile(r"(?<![A-Za-z])ali(?![A-Za-z])", re.I)


class FakeMachine(LiveHost):
    """This machine's platform with the person's home moved, and commands that print
    canned output instead of running (nothing is started)."""

    outputs: dict[tuple[str, ...], str] = {}
    files: dict[str, str] = {}
    home = "/home/ali"

    def __init__(self) -> None:
        super().__init__()
        home = self.home
        self.platform = PlatformInfo("Linux", "6.1.0", "#1 SMP", "x86_64", home,
                                     {"HOME": home})

    def run(self, argv: Sequence[str], timeout: float = DEFAULT_TIMEOUT) -> CommandResult:
        out = self.outputs.get(tuple(argv))
        if out is None:
            return CommandResult(tuple(argv), "not_found")
        return CommandResult(tuple(argv), "ok", 0, out, "")

    def read_bytes(self, path: str) -> bytes | None:
        text = self.files.get(path)
        return None if text is None else text.encode("utf-8", "surrogateescape")


def _show_everything(scan: Scan) -> Finding:
    """A test-only check that puts every output and file it reads into its evidence."""
    ev = []
    for argv in FakeMachine.outputs:
        res = scan.run(list(argv))
        ev.append(Evidence(" ".join(argv), res.stdout))
    for path in FakeMachine.files:  # the path is the test's own (not read from the host)
        ev.append(Evidence("a file", scan.host.read_text(path) or ""))
    return Finding(Status.ATTENTION, msg("Look at this"), evidence=ev,
                   data={"seen": [e.text for e in ev]})


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[FakeMachine]]:
    monkeypatch.setattr(FakeMachine, "outputs", {
        ("ip", "addr"): ADDRESS_OUTPUT, ("journal",): USER_OUTPUT,
        **{argv: out for argv, (_, out) in WIFI_OUTPUTS.items()}})
    monkeypatch.setattr(FakeMachine, "files", {KEYFILE: KEYFILE_TEXT, IWD_FILE: IWD_TEXT})
    monkeypatch.setattr("checks.engine.host.LiveHost", FakeMachine)
    monkeypatch.setattr("getpass.getuser", lambda: "ali")
    monkeypatch.setattr("checks.privacy.redact._platform.node", lambda: "deskbox")
    monkeypatch.setattr("checks.privacy.redact.saved_wifi_networks", lambda *a: [])
    monkeypatch.setattr("checks.privacy.redact._as_administrator", lambda: False)
    monkeypatch.delenv("SUDO_USER", raising=False)
    check = make_check("shows-everything", _show_everything,
                       commands=[Command(*argv, why="test") for argv in FakeMachine.outputs])
    with extra_checks(check):
        yield FakeMachine


def _record_and_replay(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                       name: str = "ali-laptop") -> dict[str, str]:
    """``checkup record`` then ``checkup scan --replay`` in every format: what each said
    or wrote, by name."""
    snap = tmp_path / f"{name}.json"
    out: dict[str, str] = {}
    assert cli.main(["record", str(snap), "--only", "shows-everything"]) == 0
    out["record"] = capsys.readouterr().out
    out["snapshot"] = snap.read_text(encoding="utf-8")
    base = ["scan", "--replay", str(snap), "--only", "shows-everything"]
    cli.main(base)
    out["text"] = capsys.readouterr().out
    cli.main([*base, "--json"])
    out["json"] = capsys.readouterr().out
    html = tmp_path / "report.html"
    cli.main([*base, "--html", str(html)])
    capsys.readouterr()
    out["html"] = html.read_text(encoding="utf-8")
    return out


def test_a_recorded_snapshot_and_its_reports_hold_no_address_or_mac_based_name(
        machine: type[FakeMachine], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outs = _record_and_replay(tmp_path, capsys)
    for where, text in outs.items():
        for secret in ADDRESS_SECRETS:
            assert secret not in text, (secret, where)
    for where in ("snapshot", "text", "json", "html"):
        text = outs[where]
        assert "127.0.0.1:631" in text and "0.0.0.0:22" in text, where
        for placeholder in ("ip-lan", "ip-global", "ip-link-local", "enx<mac>", "wlx<mac>"):
            assert placeholder in text.replace("&lt;", "<").replace("&gt;", ">"), \
                (placeholder, where)
    json.loads(outs["json"])


def test_wifi_network_names_from_every_source_are_replaced(
        machine: type[FakeMachine], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outs = _record_and_replay(tmp_path, capsys)
    for where, text in outs.items():
        for network in NETWORKS:
            assert network not in text, (network, where)
    assert outs["snapshot"].count("<wifi-network>") >= len(NETWORKS)
    assert "wifi_network" in json.loads(outs["snapshot"])["meta"]["redacted"]


def test_a_three_letter_user_name_goes_where_it_is_a_name_and_stays_inside_words(
        machine: type[FakeMachine], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outs = _record_and_replay(tmp_path, capsys)
    del outs["record"]  # it names the file the person chose
    for where, text in outs.items():
        # a replayed report names the file it read, which whoever replays it can see anyway
        text = text.replace('"file": "ali-laptop.json"', "")
        found = ALI.search(text)
        assert not found, (where, text[max(0, found.start() - 80):found.end() + 40])
    for where in ("snapshot", "text", "json", "html"):
        text = outs[where]
        for word in ("alias", "Kali", "quality"):
            assert word in text, (word, where)
        # the home folder: "<user>" in the snapshot, "~" in a report
        assert re.search(r"(/home/(<user>|&lt;user&gt;)|~)/\.config/app", text), where
        assert "&lt;user&gt;@&lt;host&gt;" in text or "<user>@<host>" in text, where
    # the default name (the file's) carried the user name: it does not reach the snapshot
    assert json.loads(outs["snapshot"])["meta"]["name"] == "<user>-laptop"


def test_user_names_of_any_length_as_path_components() -> None:
    for name in ("al", "ali", "amira", "Jean-Luc"):
        scrub = Scrubber(Identity(home=f"/home/{name}", users=(name,)))
        for path in (f"/home/{name}/Documents/x", f"/Users/{name}/Library",
                     f"C:\\Users\\{name}\\AppData"):
            out = scrub.arg(path)
            assert f"/{name}/" not in out and f"\\{name}\\" not in out, (name, path, out)
        assert scrub.text(f"/home/{name}Mail/x") == f"/home/{name}Mail/x"  # another name


FAKE_PASSWD = [
    SimpleNamespace(pw_name="root", pw_dir="/root"),
    SimpleNamespace(pw_name="daemon", pw_dir="/usr/sbin"),
    SimpleNamespace(pw_name="ali", pw_dir="/home/ali"),
    SimpleNamespace(pw_name="bo", pw_dir="/home/bo"),
    SimpleNamespace(pw_name="wenjun", pw_dir="/Users/wenjun"),
    SimpleNamespace(pw_name="farida", pw_dir="/home/fk"),
]


def _as_root(monkeypatch: pytest.MonkeyPatch, sudo_user: str | None) -> None:
    monkeypatch.setattr("checks.privacy.redact._as_administrator", lambda: True)
    monkeypatch.setattr("getpass.getuser", lambda: "root")
    monkeypatch.setattr("pwd.getpwall", lambda: FAKE_PASSWD)
    real_listdir = __import__("os").listdir

    def listdir(path: Any) -> list[str]:
        if path in ("/home", "/Users"):
            raise FileNotFoundError(path)
        return real_listdir(path)

    monkeypatch.setattr("checks.privacy.redact.os.listdir", listdir)
    if sudo_user is None:
        monkeypatch.delenv("SUDO_USER", raising=False)
    else:
        monkeypatch.setenv("SUDO_USER", sudo_user)


@pytest.mark.parametrize("sudo_user", [None, "ali", "mallory"])
def test_as_root_every_account_under_home_is_redacted_and_nothing_is_claimed(
        machine: type[FakeMachine], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], sudo_user: str | None) -> None:
    _as_root(monkeypatch, sudo_user)
    people = "/home/bo/notes /Users/wenjun/Desktop farida@deskbox /home/fk/x wenjun\n"
    monkeypatch.setitem(FakeMachine.outputs, ("who",), people)
    monkeypatch.setattr(FakeMachine, "home", "/root")
    outs = _record_and_replay(tmp_path, capsys, name="shared")
    for where, text in outs.items():
        for name in ("/bo/", "wenjun", "farida", "/fk/", "/home/ali"):
            assert name not in text, (name, where)
        if sudo_user == "mallory":  # a hint is replaced too, but proves nothing
            assert "mallory" not in text, where
    assert "could not tell which user name" in outs["record"]
    assert "Nothing identifying" not in outs["record"]


@pytest.mark.parametrize(("user", "node", "claims"), [
    ("ali", "deskbox", True), ("root", "deskbox", False), ("ali", "localhost", False),
    ("ali", "", False)])
def test_record_says_nothing_identifying_only_when_user_and_host_were_known(
        machine: type[FakeMachine], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], user: str, node: str, claims: bool) -> None:
    monkeypatch.setattr(FakeMachine, "outputs", {("true",): "fine\n"})
    monkeypatch.setattr(FakeMachine, "files", {})
    monkeypatch.setattr("getpass.getuser", lambda: user)
    monkeypatch.setattr("checks.privacy.redact._platform.node", lambda: node)
    # a home whose name identifies nobody, so that nothing at all needs replacing
    monkeypatch.setattr(FakeMachine, "home", "/root")
    assert cli.main(["record", str(tmp_path / "s.json"), "--only", "shows-everything"]) == 0
    said = capsys.readouterr().out
    assert ("Nothing identifying was found" in said) is claims, said
    assert ("could not tell which user name" in said) is not claims, said


# -- lone surrogates ---------------------------------------------------------------------------

HOSTILE = "caf\udce9 and \ud800 and \udcff"


def test_lone_surrogates_reach_every_report_as_visible_escapes(
        machine: type[FakeMachine], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A byte that was not UTF-8 (kept with surrogateescape) and a lone surrogate in tool
    output: record saves them losslessly, replay shows them as <U+XXXX> in the terminal,
    JSON and HTML, and nothing crashes or turns them into U+FFFD."""
    monkeypatch.setattr(FakeMachine, "outputs", {("ls",): HOSTILE + "\n"})
    monkeypatch.setattr(FakeMachine, "files", {"/etc/caf\udce9.conf": "x=1\n"})
    outs = _record_and_replay(tmp_path, capsys, name="caf\udce9")
    saved = json.loads(outs["snapshot"])
    assert saved["commands"][0]["stdout"] == HOSTILE + "\n"
    assert saved["meta"]["name"] == "caf\udce9"
    assert "/etc/caf\udce9.conf" in saved["files"]
    for where in ("text", "json", "html"):
        text = outs[where].replace("&lt;", "<").replace("&gt;", ">")
        for escape in ("caf<U+DCE9>", "<U+D800>", "<U+DCFF>"):
            assert escape in text, (escape, where)
        assert "\ufffd" not in text, where
        assert not re.search("[\ud800-\udfff]", text), where
    json.loads(outs["json"])
