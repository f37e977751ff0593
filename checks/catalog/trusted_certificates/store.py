"""Pure parsers for trusted root certificates (no Host access, no messages).

Used by the topic's ``gather.py``. Everything here takes text or bytes and returns facts:

- PEM bundles (``-----BEGIN CERTIFICATE-----`` blocks, as in ``/etc/ssl/certs/
  ca-certificates.crt`` or the output of ``security find-certificate -a -p``), single
  certificate files (PEM or DER) and p11-kit ``.p11-kit``/``.trust`` files (which embed the
  same PEM blocks between ``[p11-kit-object-v1]`` headers, p11-kit(8) "trust" format);
- base64 DER strings, as Windows PowerShell prints ``[Convert]::ToBase64String($_.RawData)``;
- Debian's ``/etc/ca-certificates.conf`` (update-ca-certificates(8): one certificate path per
  line relative to /usr/share/ca-certificates, ``!`` in front when deselected, ``#`` comments);
- ``security dump-trust-settings [-d]`` output (Apple's security_tool: "Number of trusted
  certs = N", then "Cert i: <label>" and its "Trust Setting" blocks with "Result Type");
- macOS ``/Library/Security/Trust Settings/Admin.plist`` (``trustList`` keyed by the
  certificate's SHA-1, each with a ``modDate``).

A certificate that cannot be decoded is never fatal: it becomes an ``Unparsable`` entry
with a short reason, so the check can count and report it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from cryptography import x509
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import ExtensionOID, NameOID

from checks.catalog.readers.plist import PlistError, parse_plist

# Real stores hold old certificates cryptography warns about (a negative serial number, say);
# the warning would reach the person's terminal. Only this module's warnings are silenced.
warnings.filterwarnings("ignore", category=CryptographyDeprecationWarning,
                        module=r"checks\.catalog\.trusted_certificates\.store")

_PEM_BLOCK = re.compile(
    r"-----BEGIN (?:TRUSTED |X509 )?CERTIFICATE-----(.*?)"
    r"(?:-----END (?:TRUSTED |X509 )?CERTIFICATE-----|\Z)",
    re.S,
)
_B64_CHARS = re.compile(r"[^A-Za-z0-9+/=]")


@dataclass(frozen=True)
class CertInfo:
    """One certificate's facts. Fingerprints are lower-case hex without separators."""

    sha256: str
    sha1: str
    subject: str  # RFC 4514 string
    name: str  # a short human name: CN, else O, else the subject string
    issuer: str
    self_signed: bool
    is_ca: bool | None  # basicConstraints cA; None when absent or unreadable
    not_before: date | None
    not_after: date | None
    source: str = ""  # where it was read: a path, a keychain, a Windows store
    error: str = ""  # set when the bytes were found but X.509 parsing failed

    @property
    def readable(self) -> bool:
        return not self.error

    def label(self) -> str:
        """The certificate's name for people, or a placeholder when it could not be read."""
        return self.name or f"<unreadable certificate {self.sha256[:16]}>"

    def to_json(self) -> dict[str, object]:
        return {
            "sha256": self.sha256, "sha1": self.sha1, "subject": self.subject,
            "name": self.name, "issuer": self.issuer, "self_signed": self.self_signed,
            "not_before": self.not_before.isoformat() if self.not_before else None,
            "not_after": self.not_after.isoformat() if self.not_after else None,
            "source": self.source,
            **({"error": self.error} if self.error else {}),
        }


@dataclass(frozen=True)
class Unparsable:
    """A block whose bytes could not even be decoded (so it has no fingerprint)."""

    source: str
    reason: str


@dataclass
class ParseResult:
    certs: list[CertInfo] = field(default_factory=list)
    unparsable: list[Unparsable] = field(default_factory=list)

    def extend(self, other: ParseResult) -> None:
        self.certs.extend(other.certs)
        self.unparsable.extend(other.unparsable)


def normalise_fingerprint(value: str) -> str:
    """``"AB:CD ef"`` -> ``"abcdef"`` (hex digits only, lower case)."""
    return re.sub(r"[^0-9a-f]", "", value.lower())


def _utc_date(cert: x509.Certificate, which: str) -> date | None:
    try:
        value = getattr(cert, f"{which}_utc", None)
        if value is None:  # cryptography < 42
            value = getattr(cert, which).replace(tzinfo=timezone.utc)
        return value.date() if isinstance(value, datetime) else None
    except (ValueError, AttributeError):
        return None


def _name_of(name: x509.Name) -> str:
    for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME, NameOID.ORGANIZATIONAL_UNIT_NAME):
        try:
            attrs = name.get_attributes_for_oid(oid)
        except ValueError:
            attrs = []
        for attr in attrs:
            value = attr.value if isinstance(attr.value, str) else ""
            if value.strip():
                return value.strip()
    return _rfc4514(name)


def _rfc4514(name: x509.Name) -> str:
    try:
        return name.rfc4514_string()
    except ValueError:
        return "<unreadable name>"


def cert_from_der(der: bytes, source: str = "") -> CertInfo | Unparsable:
    """Facts of one DER certificate. When X.509 parsing fails the fingerprints are still
    known (they are hashes of the bytes) and ``error`` says why; only empty input is
    Unparsable."""
    if not der:
        return Unparsable(source, "empty")
    sha256 = hashlib.sha256(der).hexdigest()
    sha1 = hashlib.sha1(der, usedforsecurity=False).hexdigest()
    try:
        cert = x509.load_der_x509_certificate(der)
        subject_name = cert.subject
        issuer_name = cert.issuer
        subject = _rfc4514(subject_name)
        issuer = _rfc4514(issuer_name)
        name = _name_of(subject_name)
    except ValueError as exc:
        return CertInfo(sha256, sha1, "", "", "", False, None, None, None, source,
                        error=f"not a valid X.509 certificate ({str(exc)[:80]})")
    is_ca: bool | None = None
    try:
        bc = cert.extensions.get_extension_for_oid(ExtensionOID.BASIC_CONSTRAINTS).value
        is_ca = bool(getattr(bc, "ca", False))
    except (x509.ExtensionNotFound, ValueError):
        is_ca = None
    return CertInfo(
        sha256=sha256, sha1=sha1,
        subject=subject, name=name, issuer=issuer, self_signed=subject_name == issuer_name,
        is_ca=is_ca, not_before=_utc_date(cert, "not_valid_before"),
        not_after=_utc_date(cert, "not_valid_after"), source=source,
    )


def _b64decode(text: str) -> bytes | None:
    cleaned = _B64_CHARS.sub("", text)
    if not cleaned:
        return None
    try:
        return base64.b64decode(cleaned, validate=True)
    except (binascii.Error, ValueError):
        return None


def _add_base64(out: ParseResult, text: str, where: str, source: str) -> None:
    """One base64 DER certificate into ``out``; ``where`` names it when it cannot be used."""
    der = _b64decode(text)
    item = cert_from_der(der, source) if der is not None else Unparsable(where, "not valid base64")
    if isinstance(item, Unparsable):
        out.unparsable.append(Unparsable(where, item.reason))
    else:
        out.certs.append(item)


def parse_pem_bundle(data: bytes | str | None, source: str = "") -> ParseResult:
    """Every ``BEGIN CERTIFICATE`` block of a bundle; damaged blocks become Unparsable."""
    out = ParseResult()
    if data is None:
        return out
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    for i, m in enumerate(_PEM_BLOCK.finditer(text)):
        where = f"{source} #{i + 1}" if source else f"#{i + 1}"
        if not m.group(0).rstrip().endswith("-----"):
            out.unparsable.append(Unparsable(where, "truncated (no END line)"))
            continue
        _add_base64(out, m.group(1), where, source)
    return out


def parse_cert_file(data: bytes | None, source: str = "") -> ParseResult:
    """A certificate file: PEM (one or more blocks, p11-kit files included) or DER."""
    out = ParseResult()
    if data is None:
        return out
    if b"-----BEGIN" in data:
        out = parse_pem_bundle(data, source)
        if not out.certs and not out.unparsable:
            out.unparsable.append(Unparsable(source, "no certificate block"))
        return out
    if not data.strip():
        return out
    item = cert_from_der(data, source)
    if isinstance(item, Unparsable):
        out.unparsable.append(item)
    else:
        out.certs.append(item)
    return out


def parse_base64_list(values: Iterable[object], source: str = "") -> ParseResult:
    """Base64 DER strings (one per certificate), as the Windows facts return them."""
    out = ParseResult()
    for i, value in enumerate(values):
        where = f"{source} #{i + 1}"
        if not isinstance(value, str):
            out.unparsable.append(Unparsable(where, "not a text value"))
            continue
        _add_base64(out, value, where, source)
    return out


def fact_list(value: object) -> list[object] | None:
    """A PowerShell fact that should be a list: ConvertTo-Json prints a single item as a
    bare value and an empty array as ``[]`` or null."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        return [value]
    return None


# ---------------------------------------------------------------------------------------
# Debian: /etc/ca-certificates.conf
# ---------------------------------------------------------------------------------------

def parse_ca_certificates_conf(text: str | None) -> tuple[list[str], list[str]]:
    """(selected, deselected) certificate paths, relative to /usr/share/ca-certificates."""
    selected: list[str] = []
    deselected: list[str] = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("!"):
            deselected.append(line[1:].strip())
        else:
            selected.append(line)
    return selected, deselected


# ---------------------------------------------------------------------------------------
# macOS
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TrustEntry:
    """One certificate listed by ``security dump-trust-settings``."""

    label: str
    result_types: tuple[str, ...]  # e.g. ("kSecTrustSettingsResultTrustRoot",); () = default

    @property
    def trusted(self) -> bool:
        """Empty trust settings mean "always trust"; a Deny-only entry is a distrust."""
        if not self.result_types:
            return True
        return any(r != "kSecTrustSettingsResultDeny" for r in self.result_types)


_NO_TRUST_SETTINGS = "No Trust Settings were found"


def parse_trust_settings_dump(stdout: str | None, stderr: str | None = None
                              ) -> list[TrustEntry] | None:
    """Entries of ``security dump-trust-settings [-d]``; ``[]`` when the tool says there are
    none ("No Trust Settings were found", exit 1); None when the output is not understood."""
    out_text = stdout or ""
    if _NO_TRUST_SETTINGS in out_text or _NO_TRUST_SETTINGS in (stderr or ""):
        return []
    m = re.search(r"Number of trusted certs\s*=\s*(\d+)", out_text)
    if m is None:
        return None
    entries: list[TrustEntry] = []
    label: str | None = None
    results: list[str] = []
    for raw in out_text.splitlines():
        line = raw.strip()
        cert = re.match(r"Cert\s+\d+:\s*(.*)$", line)
        if cert:
            if label is not None:
                entries.append(TrustEntry(label, tuple(results)))
            label, results = cert.group(1).strip(), []
            continue
        rt = re.match(r"Result Type\s*:\s*(\S+)", line)
        if rt and label is not None:
            results.append(rt.group(1))
    if label is not None:
        entries.append(TrustEntry(label, tuple(results)))
    return entries


def parse_admin_trust_plist(data: bytes | None) -> dict[str, date | None] | None:
    """SHA-1 (lower-case hex) -> the date trust was set, from Admin.plist; None if unreadable."""
    if not data:
        return None
    try:
        plist = parse_plist(data)
    except PlistError:
        return None
    trust = plist.get("trustList")
    if not isinstance(trust, dict):
        return None
    out: dict[str, date | None] = {}
    for key, value in trust.items():
        fp = normalise_fingerprint(str(key))
        if len(fp) != 40:
            continue
        mod = value.get("modDate") if isinstance(value, dict) else None
        out[fp] = mod.date() if isinstance(mod, datetime) else None
    return out
