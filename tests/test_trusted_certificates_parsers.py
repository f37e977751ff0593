"""Pure parsers of checks/catalog/trusted_certificates/store.py: PEM bundles, single files
(PEM, DER, p11-kit), base64 lists from PowerShell, Debian's ca-certificates.conf, `security dump-trust-settings`
output and macOS Admin.plist."""

from __future__ import annotations

import base64
import datetime as dt
import plistlib
import subprocess
import sys
from pathlib import Path

from checks.catalog.trusted_certificates import store as certstore
from tests.fixtures.trusted_certificates import build_fixtures as bf

ROOT = Path(__file__).resolve().parent.parent


def test_bundle_yields_every_certificate_with_its_facts() -> None:
    text = bf.pem("vendor-root-1") + bf.pem("corp-inspection-root")
    res = certstore.parse_pem_bundle(text, "/etc/ssl/certs/ca-certificates.crt")
    assert [c.name for c in res.certs] == ["Example Vendor Root CA 1",
                                           "Acme Corp TLS Inspection Root"]
    corp = res.certs[1]
    assert corp.sha256 == bf.sha256("corp-inspection-root")
    assert corp.sha1 == bf.sha1_upper("corp-inspection-root").lower()
    assert corp.self_signed and corp.is_ca is True
    assert corp.not_before == dt.date(2025, 3, 2)
    assert corp.subject == "CN=Acme Corp TLS Inspection Root,O=Acme Corp,C=DE"
    assert res.unparsable == []


def test_damaged_blocks_are_reported_and_the_rest_is_kept() -> None:
    text = bf.GARBAGE_PEM + bf.pem("vendor-root-2") + bf.TRUNCATED_PEM
    res = certstore.parse_pem_bundle(text, "bundle")
    readable = [c for c in res.certs if c.readable]
    assert [c.name for c in readable] == ["Example Vendor Root CA 2"]
    broken = [c for c in res.certs if not c.readable]
    assert len(broken) == 1 and broken[0].sha256 and "X.509" in broken[0].error
    assert broken[0].label().startswith("<unreadable certificate ")
    assert [u.reason for u in res.unparsable] == ["truncated (no END line)"]


def test_empty_and_missing_input() -> None:
    assert certstore.parse_pem_bundle(None).certs == []
    assert certstore.parse_pem_bundle("").certs == []
    assert certstore.parse_cert_file(None).certs == []
    assert certstore.parse_cert_file(b"   \n").certs == []


def test_der_file_and_p11kit_file() -> None:
    der = bf.der("vendor-root-3")
    assert certstore.parse_cert_file(der, "x.der").certs[0].name == "Example Global Root G3"
    p11 = ("[p11-kit-object-v1]\nclass: certificate\nlabel: \"Example Global Root G3\"\n"
           "trusted: true\n" + bf.pem("vendor-root-3"))
    assert len(certstore.parse_cert_file(p11.encode(), "x.p11-kit").certs) == 1
    res = certstore.parse_cert_file(b"-----BEGIN CERTIFICATE", "cut")
    assert res.certs == [] and res.unparsable


def test_base64_list_as_powershell_prints_it() -> None:
    values = [bf.b64("vendor-root-1"), "%%%", 42, base64.b64encode(b"junk").decode()]
    res = certstore.parse_base64_list(values, "LocalMachine\\Root")
    assert [c.name for c in res.certs if c.readable] == ["Example Vendor Root CA 1"]
    assert len([c for c in res.certs if not c.readable]) == 1
    assert {u.reason for u in res.unparsable} == {"not valid base64", "not a text value"}


def test_fact_list_accepts_what_convertto_json_prints() -> None:
    assert certstore.fact_list(None) == []
    assert certstore.fact_list("one") == ["one"]
    assert certstore.fact_list(["a", "b"]) == ["a", "b"]
    assert certstore.fact_list({"odd": 1}) is None


def test_ca_certificates_conf() -> None:
    text = ("# comment\nmozilla/ACCVRAIZ1.crt\n!mozilla/Old_Root.crt\n\n"
            "cacert.org/cacert.org_root.crt\n")
    selected, deselected = certstore.parse_ca_certificates_conf(text)
    assert selected == ["mozilla/ACCVRAIZ1.crt", "cacert.org/cacert.org_root.crt"]
    assert deselected == ["mozilla/Old_Root.crt"]
    assert certstore.parse_ca_certificates_conf(None) == ([], [])


def test_trust_settings_dump() -> None:
    out = ("Number of trusted certs = 2\nCert 0: Acme Root\n   Number of trust settings : 0\n"
           "Cert 1: Blocked Thing\n   Number of trust settings : 1\n   Trust Setting 0:\n"
           "      Policy OID            : SSL\n"
           "      Result Type           : kSecTrustSettingsResultDeny\n")
    entries = certstore.parse_trust_settings_dump(out)
    assert entries is not None
    assert [(e.label, e.trusted) for e in entries] == [("Acme Root", True),
                                                       ("Blocked Thing", False)]
    none = certstore.parse_trust_settings_dump(
        "", "SecTrustSettingsCopyCertificates: No Trust Settings were found.\n")
    assert none == []
    assert certstore.parse_trust_settings_dump("security: command failed") is None


def test_admin_plist_dates_by_sha1() -> None:
    data = plistlib.dumps({"trustList": {"AB" * 20: {"modDate": dt.datetime(2026, 1, 5, 10, 0)},
                                         "short": {}}, "trustVersion": 1})
    assert certstore.parse_admin_trust_plist(data) == {"ab" * 20: dt.date(2026, 1, 5)}
    assert certstore.parse_admin_trust_plist(b"not a plist") is None
    assert certstore.parse_admin_trust_plist(None) is None


def test_fingerprints_normalise() -> None:
    assert certstore.normalise_fingerprint("AB:cd 01") == "abcd01"


def test_the_warnings_cryptography_gives_on_old_certificates_stay_silent() -> None:
    """Real stores hold old certificates cryptography warns about (a negative serial number);
    the module's filter must name the module as it is called now, or the warning reaches the
    person's terminal. Asked of a fresh interpreter: pytest resets the filters per test."""
    probe = ("import warnings\n"
             "from cryptography.utils import CryptographyDeprecationWarning as W\n"
             f"import {certstore.__name__} as m\n"
             "print(any(a == 'ignore' and c is W and r is not None and r.match(m.__name__)\n"
             "          for a, _, c, r, _ in warnings.filters))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert out.strip() == "True"


# -- raw tool output (tests/fixtures/trusted_certificates/raw/, origins in SOURCES.md) ------

RAW = ROOT / "tests" / "fixtures" / "trusted_certificates" / "raw"


def test_raw_debian_ca_certificates_conf() -> None:
    selected, deselected = certstore.parse_ca_certificates_conf(
        (RAW / "ca-certificates.conf").read_text(encoding="utf-8"))
    assert len(selected) == 8 and all(s.startswith("mozilla/") for s in selected)
    assert selected[0] == "mozilla/ACCVRAIZ1.crt" and deselected == []


def test_raw_trust_settings_of_an_always_trusted_code_signing_certificate() -> None:
    text = (RAW / "dump-trust-settings-d-code-signing.txt").read_text(encoding="utf-8")
    entries = certstore.parse_trust_settings_dump(text)
    assert entries == [certstore.TrustEntry("gdb-cert", ("kSecTrustSettingsResultTrustRoot",))]
    assert entries[0].trusted


def test_raw_no_trust_settings_on_stderr() -> None:
    stderr = (RAW / "dump-trust-settings-none.stderr.txt").read_text(encoding="utf-8")
    assert certstore.parse_trust_settings_dump("", stderr) == []
