"""sharing: replay fixtures and the listening-socket parsers."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.catalog.readers.listeners import (
    is_loopback,
    parse_macos_netstat,
    parse_proc_net,
    parse_ss,
    parse_windows_listeners,
)
from checks.catalog.sharing.lanman import windows_shares
from checks.catalog.sharing.sharingd import air_not_set, parse_discoverable_mode
from tests.protections_support import assert_covered, case, cases, check_expected, english, replay

FOLDER = "sharing"


@pytest.mark.parametrize("path", cases(FOLDER), ids=lambda p: p.stem)
def test_fixture_replays_to_expected_verdict(path: Path) -> None:
    check_expected(path)


def test_every_os_has_pass_fail_unknown_and_garbage() -> None:
    assert_covered(FOLDER)


def test_ss() -> None:
    out = parse_ss('tcp   LISTEN 0      5      0.0.0.0:8000   0.0.0.0:*    '
                   'users:(("python3",pid=4242,fd=3))\n'
                   'udp   UNCONN 0      0    127.0.0.53%lo:53   0.0.0.0:*\n'
                   'tcp   ESTAB  0      0    10.0.0.2:5555   1.2.3.4:443\n'
                   'tcp   LISTEN 0      128     [::]:22         [::]:*\n')
    assert out is not None
    assert [(x.proto, x.address, x.port, x.program) for x in out] == [
        ("tcp", "0.0.0.0", 8000, "python3"), ("udp", "127.0.0.53", 53, ""),
        ("tcp", "::", 22, "")]
    assert parse_ss("lorem ipsum") is None
    assert parse_ss("") == []


def test_proc_net_little_endian() -> None:
    head = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid\n"
    v4 = parse_proc_net(head + "   0: 0100007F:0277 00000000:0000 0A 0:0 0:0 0 0 0 1\n"
                               "   1: 1701A8C0:0016 00000000:0000 0A 0:0 0:0 0 0 0 2\n",
                        "tcp", False)
    assert v4 is not None and [(x.address, x.port) for x in v4] == [("127.0.0.1", 631),
                                                                    ("192.168.1.23", 22)]
    v6 = parse_proc_net(head + "   0: 00000000000000000000000001000000:0277 "
                               "00000000000000000000000000000000:0000 0A 0 0 0 0 0 1\n",
                        "tcp", True)
    assert v6 is not None and v6[0].address == "::1" and v6[0].loopback
    assert parse_proc_net("garbage", "tcp", False) is None


def test_macos_netstat() -> None:
    out = parse_macos_netstat(
        "tcp4       0      0  *.5900                 *.*                    LISTEN\n"
        "tcp6       0      0  ::1.631                *.*                    LISTEN\n"
        "tcp4       0      0  10.0.0.2.50001         17.1.1.1.443           ESTABLISHED\n"
        "udp4       0      0  *.5353                 *.*\n"
        "tcp6       0      0  fe80::1%lo0.631        *.*                    LISTEN\n")
    assert out is not None
    assert [(x.proto, x.address, x.port, x.loopback) for x in out] == [
        ("tcp", "*", 5900, False), ("tcp", "::1", 631, True), ("udp", "*", 5353, False),
        ("tcp", "fe80::1%lo0", 631, True)]
    assert parse_macos_netstat("not netstat") is None
    assert parse_macos_netstat("") is None  # netstat always prints its heading
    assert parse_macos_netstat("Active Internet connections (including servers)\n") == []


def test_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("::ffff:127.0.0.1")
    assert not is_loopback("0.0.0.0") and not is_loopback("::") and not is_loopback("*")


def test_windows_fact_shapes() -> None:
    one = {"proto": "tcp", "address": "0.0.0.0", "port": 8080, "pid": 7, "program": "node"}
    listed = parse_windows_listeners(one)
    assert listed is not None and listed[0].program == "node"
    # Windows always listens on RPC (135): no TCP listener at all means the query failed
    # quietly, never "nothing listens"
    assert parse_windows_listeners(None) is None
    assert parse_windows_listeners([]) is None
    assert parse_windows_listeners([{"proto": "udp", "address": "0.0.0.0", "port": 5353}]) \
        is None
    assert parse_windows_listeners("garbage") is None
    assert parse_windows_listeners([{"proto": "tcp"}]) is None


def test_small_parsers() -> None:
    assert air_not_set(1, "\nThe domain/default pair of (com.apple.sharingd, DiscoverableMode) "
                          "does not exist\n")
    assert not air_not_set(None, "") and not air_not_set(1, "") and not air_not_set(0, "")
    assert parse_discoverable_mode("Everyone\n") == "Everyone"
    assert parse_discoverable_mode("Contacts Only") == "Contacts Only"
    assert parse_discoverable_mode("weird") is None
    assert windows_shares({"Users": ["Path=C:\\Users"], "print$": []}) == ["Users", "print$"]


def test_programs_named_where_visible() -> None:
    _s, finding = replay(case(FOLDER, "linux_services"))
    summary, details, _ev = english(finding)
    assert "port 8000 (python3)" in summary and "usually SSH" in summary
    assert any("your own programs" in d for d in details)


def test_a_long_list_of_ports_says_how_many_it_leaves_out(tmp_path: Path) -> None:
    import json

    from checks.engine.snapshot import Snapshot

    data = json.loads(case(FOLDER, "linux_services").read_text(encoding="utf-8"))
    ss = next(c for c in data["commands"] if c["argv"][0] == "ss")
    ss["stdout"] = "".join(f"tcp   LISTEN 0  128  0.0.0.0:{8000 + i}  0.0.0.0:*\n"
                           for i in range(11))
    path = tmp_path / "many.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    _s, finding = replay(path)
    summary, _details, evidence = english(finding)
    assert summary.startswith("11 programs accept connections")
    assert "port 8007" in summary and "port 8008" not in summary and "3 more" in summary
    assert any("8010" in e for e in evidence)
    assert Snapshot.load(path).checks


def test_no_pass_unless_every_socket_table_was_read() -> None:
    """A listing that is missing a table (or could not be read) proves that what it shows
    listens, never that nothing else does."""
    for path in cases(FOLDER):
        _snap, finding = replay(path)
        if not finding.data.get("sockets_readable", True):
            assert finding.status.value != "pass", path.name
    _snap, finding = replay(case(FOLDER, "linux_proc_fallback"))  # tcp and tcp6, no udp
    assert finding.status.value == "fail" and not finding.data["sockets_readable"]
    assert any("other programs may accept connections too" in d for d in english(finding)[1])
