"""The anonymous summary: only the allowed fields, nothing from the machine, a fresh random
code each time, a compact typed code that round-trips and catches typos, strict parsing."""

from __future__ import annotations

import base64
import binascii
import json
import re
from pathlib import Path

import pytest

from checks.engine.model import Evidence, Finding, Status
from checks.engine.registry import all_checks
from checks.engine.runner import ScanResult, run_scan
from checks.engine.snapshot import ReplayHost, Snapshot
from checks.workshop.summary import (
    ALLOWED_FIELDS,
    CHECK_IDS,
    FORMAT,
    Collection,
    Summary,
    SummaryError,
    build_summary,
    decode,
    encode,
    parse_code,
    parse_file_bytes,
)
from desktop.workshop.scenarios import list_scenarios

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "workshop"
SCENARIOS = list_scenarios()
STATUS_WORDS = {s.value for s in Status}


@pytest.fixture(scope="module")
def scans() -> dict[str, tuple[Snapshot, ScanResult]]:
    out = {}
    for sc in SCENARIOS:
        snap = Snapshot.load(sc.path)
        out[sc.id] = (snap, run_scan(ReplayHost(snap)))
    return out


def _strings(value: object) -> list[str]:
    """Every string value inside a JSON-like value (not the keys: those are field names)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _assert_schema(obj: dict) -> None:
    """The allowed-field schema: fails on any extra (or missing) key, any value outside the
    allowed vocabulary."""
    assert set(obj) == ALLOWED_FIELDS, sorted(set(obj) ^ ALLOWED_FIELDS)
    assert obj["format"] == FORMAT and obj["version"] == 1
    assert obj["os"] in ("windows", "macos", "linux", "other")
    assert re.fullmatch(r"\d+\.\d+\.\d+", obj["app_version"])
    assert re.fullmatch(r"[0-9a-f]{8}", obj["random_code"])
    assert isinstance(obj["checks"], dict)
    registered = {c.id for c in all_checks()}
    for cid, status in obj["checks"].items():
        assert cid in registered, cid
        assert status in STATUS_WORDS, status


def test_schema_check_fails_on_any_extra_key():
    good = json.loads((FIXTURES / "summary-windows.json").read_text("utf-8"))
    _assert_schema(good)
    with pytest.raises(AssertionError):
        _assert_schema({**good, "hostname": "ana-laptop"})
    with pytest.raises(SummaryError, match="hostname"):
        parse_file_bytes(json.dumps({**good, "hostname": "ana-laptop"}).encode())


@pytest.mark.parametrize("scenario_id", [s.id for s in SCENARIOS])
def test_summary_of_every_scenario_holds_only_allowed_fields_and_nothing_of_the_machine(
        scans, scenario_id):
    snap, result = scans[scenario_id]
    summary = build_summary(result)
    obj = summary.to_json()
    _assert_schema(obj)
    assert obj["os"] == snap.platform.family
    assert {cid for cid, _ in summary.checks} == {f.check_id for f in result.findings}
    # The three forms carry the same thing, and nothing else.
    file_text = summary.file_bytes().decode("ascii")
    assert json.loads(file_text) == obj
    assert parse_file_bytes(summary.file_bytes()) == summary
    assert parse_code(summary.typed_code()) == summary
    assert parse_code(summary.qr_text()) == summary
    # Every word of the file is from the allowed vocabulary (or the random code).
    vocabulary = (set(CHECK_IDS) | STATUS_WORDS | ALLOWED_FIELDS
                  | {FORMAT, obj["os"], obj["app_version"], obj["random_code"], "1"})
    tokens = set(re.findall(r'"([^"]*)"', file_text))
    assert tokens <= vocabulary, tokens - vocabulary
    # No string from the evidence, the findings' texts or data, no home folder or user name.
    secrets = set()
    for f in result.findings:
        for e in f.evidence:
            secrets |= {e.source, e.text, e.line()}
        secrets |= set(_strings(dict(f.data)))
        secrets |= set(_strings(dict(f.summary.params)))
    home = snap.platform.home
    secrets |= {home, Path(home.replace("\\", "/")).name, *snap.platform.env.values()}
    secrets = {s for s in secrets if len(s.strip()) >= 3 and s not in vocabulary}
    for text in (file_text, summary.typed_code(), summary.qr_text()):
        leaked = sorted(s for s in secrets if s in text)
        assert leaked == [], leaked


def test_the_summary_is_built_from_ids_and_statuses_only():
    """Personal data in a finding never reaches the summary, and answers to questions that
    are not registered checks are left out."""
    from checks.engine.context import PlatformContext
    from checks.engine.host import PlatformInfo
    from checks.engine.i18n import msg

    platform = PlatformInfo("Linux", "6.8", "#1", "x86_64", "/home/amina",
                            {"HOME": "/home/amina"})
    findings = [
        Finding(Status.FAIL, msg("Disk of {user} not encrypted", user="amina"),
                evidence=[Evidence("lsblk", "/home/amina on sda3, serial WD-12345")],
                data={"serial": "WD-12345", "host": "amina-thinkpad"},
                check_id="disk-encryption"),
        Finding(Status.PASS, msg("Two-factor on email: yes"), check_id="q-two-factor"),
    ]
    result = ScanResult(findings, platform, PlatformContext("linux"), started=None,  # type: ignore[arg-type]
                        duration=0.1)
    summary = build_summary(result)
    assert summary.checks == (("disk-encryption", Status.FAIL),)
    blob = summary.file_bytes().decode() + summary.typed_code()
    for secret in ("amina", "WD-12345", "thinkpad", "two-factor", "sda3"):
        assert secret not in blob


def test_two_shares_of_the_same_machine_have_different_codes(scans):
    _snap, result = next(iter(scans.values()))
    first, second = build_summary(result), build_summary(result)
    assert first.checks == second.checks
    assert first.random_code != second.random_code
    assert first.typed_code() != second.typed_code()
    assert first.file_bytes() != second.file_bytes()


def test_the_typed_code_is_short_and_grouped_for_reading_aloud(scans):
    for _snap, result in scans.values():
        code = build_summary(result).typed_code()
        groups = code.split("-")
        assert all(len(g) == 4 for g in groups[:-1]) and 1 <= len(groups[-1]) <= 4
        assert re.fullmatch(r"[A-Z2-7-]+", code)
        assert len(code.replace("-", "")) <= 40, code  # 16 checks: ~31 characters


def test_the_typed_code_round_trips_with_the_ways_people_type_it():
    s = Summary("macos", "0.1.0", "00c0ffee",
                (("disk-encryption", Status.PASS), ("firewall", Status.FAIL),
                 ("screen-lock", Status.ATTENTION), ("secure-boot", Status.UNKNOWN),
                 ("guest-account", Status.NOT_APPLICABLE), ("sharing", Status.ERROR)))
    code = s.typed_code()
    for typed in (code, code.lower(), code.replace("-", " "), code.replace("-", ""),
                  f"  {code}\n", "checkup:" + code.replace("-", ""),
                  code.replace("O", "0").replace("I", "1")):
        assert parse_code(typed) == s, typed


def test_every_single_mistyped_character_and_swapped_pair_is_detected():
    s = Summary("linux", "0.1.0", "deadbeef",
                tuple((cid, Status.FAIL if i % 3 else Status.PASS)
                      for i, cid in enumerate(CHECK_IDS[:12])))
    code = s.typed_code(grouped=False)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    for i, ch in enumerate(code):
        for other in alphabet:
            if other == ch:
                continue
            typo = code[:i] + other + code[i + 1:]
            with pytest.raises(SummaryError):
                parse_code(typo)
    for i in range(len(code) - 1):
        if code[i] != code[i + 1]:
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2:]
            with pytest.raises(SummaryError):
                parse_code(swapped)
    with pytest.raises(SummaryError, match="too many or too few"):
        parse_code(code[:-1])
    with pytest.raises(SummaryError, match="never has"):
        parse_code(code[:5] + "?" + code[6:])


def _frame(body: bytes) -> bytes:
    return body + binascii.crc_hqx(body, 0xFFFF).to_bytes(2, "big")


def test_compact_bytes_are_strict():
    s = Summary("windows", "0.1.0", "01234567", (("firewall", Status.PASS),))
    data = encode(s)
    assert decode(data) == s
    with pytest.raises(SummaryError, match="newer version"):
        decode(_frame(bytes([2]) + data[1:-2]))
    with pytest.raises(SummaryError, match="not a Checkup"):
        decode(_frame(bytes([0]) + data[1:-2]))
    with pytest.raises(SummaryError, match="cut short"):
        decode(_frame(data[:4]))
    with pytest.raises(SummaryError, match="more than"):
        decode(_frame(data[:-2] + b"\x00\x00"))
    with pytest.raises(SummaryError, match="mistyped"):
        decode(data[:-1] + bytes([data[-1] ^ 1]))


def test_checks_missing_from_the_table_travel_spelled_out():
    s = Summary("linux", "0.3.12", "89abcdef",
                (("disk-encryption", Status.PASS), ("usb-guard", Status.FAIL)))
    assert parse_code(s.typed_code()) == s
    assert parse_file_bytes(s.file_bytes()) == s


def test_a_newer_table_is_refused_naming_the_version():
    s = Summary("linux", "0.9.0", "89abcdef", (("disk-encryption", Status.PASS),))
    bits = int.from_bytes(encode(s)[1:-2], "big")
    # rebuild with a table size beyond this version's: the 6 bits after 54 bits of header
    total = (len(encode(s)) - 3) * 8
    shift = total - 54 - 6
    bits = (bits & ~(0x3F << shift)) | (63 << shift)
    body = bytes([1]) + bits.to_bytes(total // 8, "big")
    with pytest.raises(SummaryError, match=r"newer Checkup \(\{version\}\)|0\.9\.0"):
        decode(_frame(body))


@pytest.mark.parametrize(("name", "reason"), [
    ("summary-extra-field.json", "hostname"),
    ("summary-future-version.json", "newer version"),
    ("summary-truncated.json", "damaged"),
])
def test_bad_files_are_refused_with_the_reason(name, reason):
    with pytest.raises(SummaryError, match=reason):
        parse_file_bytes((FIXTURES / name).read_bytes())


@pytest.mark.parametrize("change", [
    {"os": "solaris"}, {"app_version": "1.2"}, {"random_code": "ZZZZ"},
    {"checks": {"disk-encryption": "great"}}, {"checks": {"Amina's laptop": "pass"}},
    {"checks": []}, {"version": "1"}, {"version": True}, {"format": "checkup-report"},
])
def test_any_value_outside_the_allowed_set_is_refused(change):
    good = json.loads((FIXTURES / "summary-windows.json").read_text("utf-8"))
    with pytest.raises(SummaryError):
        parse_file_bytes(json.dumps({**good, **change}).encode())
    missing = dict(good)
    del missing["random_code"]
    with pytest.raises(SummaryError, match="random_code"):
        parse_file_bytes(json.dumps(missing).encode())


def test_every_registered_check_has_a_stable_place_in_the_id_table():
    missing = [c.id for c in all_checks() if c.id not in CHECK_IDS]
    assert missing == [], f"give {missing} a new summary slot in its spec (never reuse one)"
    # Released positions never move: the table is derived from the specs' slots.
    assert CHECK_IDS[:16] == (
        "disk-encryption", "os-supported", "os-updates", "auto-updates", "secure-messaging",
        "firewall", "automatic-login", "screen-lock", "remote-access", "sharing",
        "secure-boot", "guest-account", "trusted-certificates", "browsers",
        "password-manager", "tor-browser")
    assert len(set(CHECK_IDS)) == len(CHECK_IDS)


def test_collection_counts_once_per_random_code():
    c = Collection()
    a = Summary("linux", "0.1.0", "00000001", (("firewall", Status.PASS),))
    b = Summary("linux", "0.1.0", "00000002", (("firewall", Status.FAIL),))
    assert c.add("a.json", a) and c.add("b.json", b)
    assert not c.add_code("typed", a.typed_code())  # same share as a.json
    assert c.duplicates == [("typed", "a.json")]
    assert c.counts()["firewall"] == {"pass": 1, "attention": 0, "fail": 1, "unknown": 0,
                                      "other": 0}
    assert not c.per_os_allowed and c.os_groups_shown() == []
    assert not c.add_code("typo", "AAAA-BBBB")
    assert [r.source for r in c.rejected] == ["typo"]
    assert base64  # the code is RFC 4648 base32 (see test above)
