"""The trusted-certificates check: each fixture replays to its verdict on Linux, macOS and
Windows; interception roots are matched by fingerprint (a test-only blocklist entry holds our
own stand-in certificate); added roots are named with when they were added; certificates that
cannot be read are counted, never fatal; the shipped interception list is well formed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from checks.catalog import trusted_certificates as tc
from checks.catalog.trusted_certificates import facts
from checks.catalog.trusted_certificates.decide import decide
from checks.catalog.trusted_certificates.facts import Collected, InterceptionRoot
from checks.engine.datafile import DataError, load_data, parse_data
from checks.engine.i18n import translator
from checks.engine.model import Finding, Severity, Status
from checks.engine.registry import Scan, get_check
from tests.fixtures.trusted_certificates import build_fixtures as bf
from tests.trust_tools_support import assert_fixtures_current, en, run_fixture
from tools.snapshot_builder import Fixture

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "trusted_certificates"
TEST_ROOT = "test-interception-root"


def details(f: Finding) -> str:
    return "\n".join(en(d) for d in f.details)


def evidence(f: Finding) -> str:
    return "\n".join(e.line() for e in f.evidence)


@pytest.fixture
def test_blocklist(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The shipped list plus our stand-in certificate, for this test only."""
    data, shipped = facts.load_blocklist()
    fp = bf.sha256(TEST_ROOT)
    extra = dict(shipped)
    extra[fp] = InterceptionRoot(fp, "Test National Security Certificate", "ZZ",
                                 "test-only entry (tests/test_trusted_certificates.py)")
    monkeypatch.setattr(tc, "load_blocklist", lambda: (data, extra))
    yield fp


# -- cases only this file uses, built here rather than committed --------------------------
# (with the helpers of tests/fixtures/trusted_certificates/build_fixtures.py; macos_clean gives
# the same verdict and sentences on macOS, so the suite-wide replays lose nothing)
BUILT: dict[str, Fixture] = {
    "macos_in_keychain_not_trusted": bf.macos(
        "macos_in_keychain_not_trusted", "A company root imported into the System keychain "
        "without trust settings (not trusted)", system_kc=bf.pem("corp-inspection-root")),
}


def run(name: str) -> Finding:
    return run_fixture(tc.CHECK_ID, FIXTURES, name, BUILT)


# -- each fixture replays to its verdict ---------------------------------------------------

EXPECTED: dict[str, tuple[Status, Severity | None]] = {
    "linux_clean": (Status.PASS, None),
    "linux_interception": (Status.FAIL, Severity.HIGH),
    "linux_kazakhstan": (Status.FAIL, Severity.HIGH),
    "linux_user_added": (Status.ATTENTION, None),
    "linux_unparsable": (Status.ATTENTION, None),
    "linux_undecodable": (Status.UNKNOWN, None),
    "linux_anchor_unreadable": (Status.UNKNOWN, None),
    "linux_no_vendor_list": (Status.UNKNOWN, None),
    "linux_no_bundle": (Status.UNKNOWN, None),
    "fedora_anchor_added": (Status.ATTENTION, None),
    "macos_clean": (Status.PASS, None),
    "macos_interception": (Status.FAIL, Severity.HIGH),
    "macos_kazakhstan": (Status.FAIL, Severity.HIGH),
    "macos_user_added": (Status.ATTENTION, None),
    "macos_unparsable": (Status.PASS, None),
    "macos_in_keychain_not_trusted": (Status.PASS, None),
    "macos_no_security_tool": (Status.UNKNOWN, None),
    "windows_all_in_authroot": (Status.PASS, None),
    "windows_interception": (Status.FAIL, Severity.HIGH),
    "windows_kazakhstan": (Status.FAIL, Severity.HIGH),
    "windows_user_added": (Status.ATTENTION, None),
    "windows_unparsable": (Status.ATTENTION, None),
    "windows_undecodable": (Status.UNKNOWN, None),
    "windows_no_powershell": (Status.UNKNOWN, None),
    "windows_authroot_unreadable": (Status.UNKNOWN, None),
}


def test_every_fixture_is_committed_and_up_to_date() -> None:
    assert_fixtures_current(FIXTURES, bf.FIXTURES, EXPECTED, tc.CHECK_ID, BUILT)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_verdict(name: str, test_blocklist: str) -> None:
    f = run(name)
    status, severity = EXPECTED[name]
    assert (f.status, f.severity) == (status, severity), en(f.summary)
    assert f.evidence, "every verdict shows what it rests on"


@pytest.mark.parametrize("name", ["linux_interception", "macos_interception",
                                  "windows_interception"])
def test_interception_root_is_named_with_its_fingerprint(name: str, test_blocklist: str) -> None:
    f = run(name)
    assert "government" in en(f.summary) and "Test National Security Certificate" in en(f.summary)
    assert test_blocklist in evidence(f)
    assert "change the passwords" in details(f)
    assert f.data["interception_roots"][0]["sha256"] == test_blocklist  # type: ignore[index]


@pytest.mark.parametrize("name", ["linux_interception", "macos_interception",
                                  "windows_interception"])
def test_without_the_test_entry_the_stand_in_is_only_an_added_root(name: str) -> None:
    """The shipped list holds real interception roots only, never our stand-in."""
    f = run(name)
    assert f.status is Status.ATTENTION
    assert "Test National Security Certificate" in en(f.summary)


QAZNET_SHA256 = "00309c736dd661da6f1eb24173aa849944c168a43a15bffd192eecfdb6f8dbd2"


@pytest.mark.parametrize("name", ["linux_kazakhstan", "macos_kazakhstan", "windows_kazakhstan"])
def test_real_kazakhstan_root_is_caught_by_the_shipped_list(name: str) -> None:
    """No test-only entry: the real 'Qaznet Trust Network' certificate, wherever it was added,
    is a high-priority fail by the bundled list alone, named with its fingerprint."""
    assert bf.sha256(bf.KZ) == QAZNET_SHA256  # the committed certificate is the real one
    f = run(name)
    assert (f.status, f.severity) == (Status.FAIL, Severity.HIGH)
    assert en(f.summary) == (
        "This computer trusts a root certificate that a government made to intercept "
        "encrypted web traffic (KZ): Qaznet Trust Network.")
    assert QAZNET_SHA256 in evidence(f)
    assert "change the passwords" in details(f)
    assert f.data["interception_roots"][0]["sha256"] == QAZNET_SHA256  # type: ignore[index]
    for lang in ("es", "ar"):
        text = translator(lang).render(f.summary)
        assert "Qaznet Trust Network" in text and "government" not in text


def test_linux_added_root_names_subject_file_and_date() -> None:
    f = run("linux_user_added")
    assert en(f.summary) == (
        "One root certificate on this computer was added outside your Linux distribution's own "
        "list: Acme Corp TLS Inspection Root. Check that you know where it came from.")
    text = details(f)
    assert "/usr/local/share/ca-certificates/acme-inspection.crt" in text
    assert "added on 2026-10-11" in text  # the file's modification date
    assert "parental-control" in text  # calm: others add such roots too
    assert "CN=Acme Corp TLS Inspection Root" in evidence(f)


def test_macos_admin_trust_date_comes_from_admin_plist(test_blocklist: str) -> None:
    f = run("macos_interception")
    added = f.data["added"]
    assert added and added[0]["added_on"] == "2026-10-02"  # type: ignore[index]


def test_macos_user_trusted_root_has_no_date_but_its_validity() -> None:
    f = run("macos_user_added")
    assert "valid from 2025-03-02; when it was added is not known" in details(f)
    assert "login.keychain-db" in details(f)


def test_windows_user_only_root_is_placed_in_the_user_store() -> None:
    f = run("windows_user_added")
    assert "CurrentUser\\Root" in details(f)
    assert "valid from 2025-03-02" in details(f)


def test_windows_store_all_in_authroot_has_no_finding() -> None:
    f = run("windows_all_in_authroot")
    assert f.status is Status.PASS and f.data["added"] == []
    assert en(f.summary) == ("All 3 root certificates this computer trusts come from Microsoft, "
                             "and none is a known interception certificate.")


def test_unreadable_certificates_are_counted_never_fatal() -> None:
    for name in ("linux_unparsable", "macos_unparsable", "windows_unparsable"):
        f = run(name)
        assert f.status is not Status.ERROR
        assert re.search(r"\d+ certificates? could not be read", details(f)), name
        assert isinstance(f.data["unreadable"], int) and f.data["unreadable"] >= 1


def test_unknown_says_how_to_look_by_hand() -> None:
    assert "certmgr.msc" in details(run("windows_no_powershell"))
    assert "Keychain Access" in details(run("macos_no_security_tool"))
    assert "/usr/local/share/ca-certificates" in details(run("linux_no_bundle"))


def test_a_known_microsoft_root_is_never_flagged() -> None:
    vendor = facts.load_windows_vendor()
    assert "8f43288ad272f3103b6fb1428485ea3014c0bcfe" in vendor  # Microsoft Root CA 2011
    col = Collected("windows", trusted_read=True, vendor_known=True, trusted_count=1)
    f = decide(col, {})
    assert f.status is Status.PASS


def test_decide_on_nothing_is_unknown_not_a_crash() -> None:
    f = decide(Collected("linux"), {})
    assert f.status is Status.UNKNOWN


@pytest.mark.parametrize("family", ["linux", "macos", "windows"])
def test_a_store_read_with_no_readable_certificate_is_unknown_not_all_clear(family: str) -> None:
    # Found by the garbage host (GarbageHost('windows', 3175348508)): both stores answered,
    # every entry was unreadable, and the summary said "All 0 root certificates ... come from
    # Microsoft". No working system trusts no roots; an empty list proves nothing.
    col = Collected(family, trusted_read=True, vendor_known=True, trusted_count=0)
    f = decide(col, {})
    assert f.status is Status.UNKNOWN
    assert "no certificate it could read" in en(f.summary)


def test_the_garbage_seed_that_once_passed_is_now_unknown() -> None:
    from tests.garbage_support import GarbageHost

    check = get_check(tc.CHECK_ID)
    assert check is not None
    f = check.func(Scan(GarbageHost("windows", 3175348508)))
    assert f.status is Status.UNKNOWN


# -- the shipped data ------------------------------------------------------------------------

def test_shipped_interception_list_is_well_formed() -> None:
    data = load_data(facts.BLOCKLIST_DATA)
    assert data.gathered.isoformat() == "2026-11-23"
    fps = [e["sha256"] for e in data.entries]
    assert all(re.fullmatch(r"[0-9a-f]{64}", fp) for fp in fps)
    assert len(set(fps)) == len(fps)
    for e in data.entries:
        assert e["source"] and e["country"] == "KZ" and e["name"]
        assert any("chromium" in s for s in e["source"])
        assert e["sha256"] in " ".join(e["source"])  # each names the file it was taken from
    # the 2019 Qaznet root Chromium blocked (security.googleblog.com, August 2019)
    assert "00309c736dd661da6f1eb24173aa849944c168a43a15bffd192eecfdb6f8dbd2" in fps
    assert bf.sha256(TEST_ROOT) not in fps


def test_shipped_windows_vendor_list_is_well_formed() -> None:
    data = load_data(facts.WINDOWS_DATA)
    thumbs = [e["sha1"] for e in data.entries]
    assert all(re.fullmatch(r"[0-9A-F]{40}", t) for t in thumbs)
    assert len(set(thumbs)) == len(thumbs)


def test_a_malformed_blocklist_entry_is_refused() -> None:
    raw = {"schema": "interception-roots", "version": 1, "gathered": "2026-11-23",
           "entries": [{"id": "x", "name": "x", "sha256": "abc", "country": "KZ",
                        "source": "s"}]}
    with pytest.raises(DataError, match="sha256"):
        facts.blocklist_from(parse_data("interception-roots", raw))


def test_a_missing_data_file_is_an_error_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise DataError("data file 'interception-roots' is missing")

    monkeypatch.setattr(tc, "load_blocklist", broken)
    f = run("linux_clean")
    assert f.status is Status.ERROR and "missing" in evidence(f)


@pytest.mark.parametrize("family", ["linux", "windows"])
def test_an_entry_without_a_fingerprint_rules_out_the_pass(family: str) -> None:
    """Everything else checks out, but one trusted entry could not be decoded at all: it
    may be an added root (or an interception one), so the verdict cannot be 'all clear'."""
    from checks.catalog.trusted_certificates.store import Unparsable

    bad = Unparsable("store #4", "not valid base64")
    col = Collected(family, trusted_read=True, vendor_known=True, trusted_count=3,
                    unparsable=[bad], undecodable=[bad])
    f = decide(col, {})
    assert f.status is Status.UNKNOWN and f.data["reason"] == "undecodable"
    assert "could not be read at all" in en(f.summary)
    assert "store #4: could not be read: not valid base64" in evidence(f)


def test_an_interception_list_past_its_limit_says_so() -> None:
    """Issue 20: a pass rests on the list of known interception roots; once that list is
    older than its limit, a sentence of the finding says a root found since would be missed."""
    from datetime import datetime, timezone

    from checks.engine.runner import run_check
    from checks.engine.snapshot import ReplayHost, Snapshot

    check = get_check(tc.CHECK_ID)
    assert check is not None
    snap = Snapshot.load(FIXTURES / "linux_clean.json")
    fresh = run_check(check, Scan(ReplayHost(snap)))
    assert "older than the" not in " ".join(en(d) for d in fresh.details)
    snap.recorded_at = datetime(2027, 7, 1, tzinfo=timezone.utc)
    old = run_check(check, Scan(ReplayHost(snap)))
    assert old.status is fresh.status  # the verdict stands; its sentence says how old
    text = " ".join(en(d) for d in old.details)
    assert "older than the 180 days it can be relied on, so one found since would not be " \
           "recognised" in text
    assert old.data["interception_list_stale"] is True
