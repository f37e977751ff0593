"""A hostile snapshot, built at test time: SYNTHETIC, made to attack Checkup's own output.

It starts from a shipped demo machine (resources/scenarios/linux-luks-pending-updates.json,
all sixteen checks) and puts text an adversary could choose into every field of it that
reaches a person: the snapshot's own name, ``PRETTY_NAME`` in /etc/os-release, the subject
of an added root certificate (certificate made here with ``cryptography``, a runtime
dependency), the file name it was installed under (with a byte that is not UTF-8, kept as
Python keeps it: a lone surrogate), and the name of a running messenger process. Each carries
terminal escape sequences (clear screen, an OSC 8 hyperlink, a green "OK"), HTML with
``javascript:``, ``file:`` and ``https:`` links and an image, bidi overrides and isolates,
zero-width characters, NUL, C1 controls, a carriage return and a forged report line.
``huge=True`` adds a 1 MB organisation name to the certificate. ``nested_snapshot`` and
``hostile_version_snapshot`` are files the loader must refuse, for the error paths.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

from checks.engine.resources import resource_path

BASE_SCENARIO = "linux-luks-pending-updates"
MARK = "HOSTILE-TEST"  # every payload carries it, so a test can find where it landed

ESCAPES = "\x1b[2J\x1b[H\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07\x1b[32m✔ OK\x1b[0m"
HTML = ('<a href="javascript:alert(1)">js</a><a href="file:///etc/passwd">file</a>'
        '<a href="https://evil.example/">web</a><img src="https://evil.example/x.png"><b>b</b>')
BIDI = "\u202eRLO\u202c\u202aLRE\u202c\u2066LRI\u2069\u2067RLI\u2069\u2068FSI\u2069\u200e\u200f\u061c"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
OTHER = "\x00\x9b2J\x85\x7f\rOK\u2028"
FORGED = "\n\u2714 Disk encryption: Protected"
NOT_UTF8 = "\udcff"  # os.listdir's surrogate escape of the byte 0xff

PAYLOAD = f"{MARK} {ESCAPES}{HTML}{BIDI}{INVISIBLE}{OTHER}{NOT_UTF8}{FORGED}"
# For a one-line field read from a file (os-release): no line break, and a byte that is not
# UTF-8 is U+FFFD there (Host.read_text decodes with "replace").
ONE_LINE = PAYLOAD.replace("\n", " ").replace(NOT_UTF8, "\ufffd")

# What must never reach a person as it is.
RAW_DANGER = ("\x1b", "\x00", "\x07", "\x9b", "\x85", "\x7f", "\r", "\u202e", "\u202a",
              "\u2066", "\u2067", "\u2069", "\u200b", "\u2060", "\ufeff", "\u00ad", "\u2028",
              "\udcff")
# Markup the payload holds: shown as letters, never as a link or an image.
LINK_TARGETS = ("javascript:alert(1)", "file:///etc/passwd", "https://evil.example/")

CERT_DIR = "/usr/local/share/ca-certificates"
CERT_FILE = f"{CERT_DIR}/{MARK}\x1b[2J<a href=\"javascript:alert(1)\">x\u202e{NOT_UTF8}.crt"
BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
CERT_CN = f"{MARK} \x1b[2J\x1b[32mOK\u202e<a href=\"javascript:x\">"  # within X.509's 64
CERT_ORG = f"{MARK} {ESCAPES}{HTML}{BIDI}{INVISIBLE}\x00\x9b\r{FORGED}"


def _certificate_pem(org: str) -> str:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, CERT_CN),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
    ])
    start = dt.datetime(2025, 3, 2, tzinfo=dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(7)
            .not_valid_before(start).not_valid_after(start + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def hostile_data(*, huge: bool = False) -> dict[str, Any]:
    base = json.loads(resource_path("scenarios", f"{BASE_SCENARIO}.json")
                      .read_text(encoding="utf-8"))
    snap: dict[str, Any] = copy.deepcopy(base)
    snap["meta"] = {
        "origin": "recorded",
        "name": f"Hostile {PAYLOAD}",
        "description": "SYNTHETIC hostile test fixture (tests/hostile_support.py): attacker-"
                       "chosen text in every field a person reads. Not a real computer.",
    }
    files = snap["files"]
    osr = files["/etc/os-release"]["text"]
    lines = [ln for ln in osr.splitlines() if not ln.startswith("PRETTY_NAME=")]
    files["/etc/os-release"] = {"text": "\n".join(
        [f'PRETTY_NAME="Ubuntu {ONE_LINE}"', *lines]) + "\n"}
    org = CERT_ORG + (" " + "A" * 2**20 if huge else "")
    pem = _certificate_pem(org)
    files[CERT_FILE] = {"text": pem}
    files[BUNDLE] = {"text": files[BUNDLE]["text"].rstrip("\n") + "\n" + pem}
    snap["dirs"][CERT_DIR] = [CERT_FILE.rsplit("/", 1)[1]]
    snap["stats"][CERT_FILE] = {"mode": 33188, "size": len(pem), "mtime": 1791711000.0,
                                "uid": 0}
    for proc in snap["processes"]:
        if proc["name"] == "signal-desktop":  # strip() still matches it to Signal
            proc["name"] = "signal-desktop\x1f\x85"
    snap["processes"].append({"pid": 6666, "name": ONE_LINE, "exe": f"/tmp/{ONE_LINE}"})
    return snap


def write_hostile(folder: Path, *, huge: bool = False) -> Path:
    path = folder / ("hostile-huge.json" if huge else "hostile.json")
    # ensure_ascii keeps the lone surrogate as the JSON escape \udcff (valid JSON text)
    path.write_text(json.dumps(hostile_data(huge=huge), indent=1), encoding="utf-8")
    return path


def hostile_version_snapshot(folder: Path) -> Path:
    """A snapshot whose version fields are themselves hostile text."""
    snap = hostile_data()
    snap["version"] = PAYLOAD
    snap["app_version"] = PAYLOAD
    path = folder / "hostile-version.json"
    path.write_text(json.dumps(snap), encoding="utf-8")
    return path


def nested_snapshot(folder: Path, depth: int = 100_000) -> Path:
    """A snapshot with a value nested ``depth`` lists deep (the loader must refuse it)."""
    snap = hostile_data()
    body = json.dumps(snap)
    nested = "[" * depth + json.dumps(PAYLOAD) + "]" * depth
    body = body[:-1] + ', "extra": ' + nested + "}"
    path = folder / "hostile-nested.json"
    path.write_text(body, encoding="utf-8")
    return path
