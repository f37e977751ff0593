"""Release signatures (tools/sign.py): minisign's format, checked against the real minisign
tool when it is installed (make sysdeps installs it)."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from tools.sign import PublicKey, SecretKey, SignError, sha256sums, sign_bytes, verify_bytes

MINISIGN = shutil.which("minisign") or ""  # "": not installed
needs_minisign = pytest.mark.skipif(not MINISIGN, reason="minisign not installed "
                                    "(make sysdeps installs Debian's minisign)")
FAST = {"opslimit": 1 << 20, "memlimit": 1 << 24}  # small scrypt limits for tests


def test_a_signature_verifies_and_carries_its_trusted_comment() -> None:
    key = SecretKey.generate()
    sig = sign_bytes(b"checksums\n", key, "checkup 0.1.0 test")
    assert verify_bytes(b"checksums\n", sig, key.public) == "checkup 0.1.0 test"


@pytest.mark.parametrize("change", ["file", "trusted comment", "signature line"])
def test_a_tampered_file_or_signature_fails(change: str) -> None:
    key = SecretKey.generate()
    data = b"abc123  checkup.tar.gz\n"
    sig = sign_bytes(data, key, "release")
    if change == "file":
        data = data.replace(b"abc", b"abd")
    elif change == "trusted comment":
        sig = sig.replace("trusted comment: release", "trusted comment: releasf")
    else:
        lines = sig.splitlines()
        raw = bytearray(base64.b64decode(lines[1]))
        raw[-1] ^= 1
        lines[1] = base64.b64encode(bytes(raw)).decode()
        sig = "\n".join(lines) + "\n"
    with pytest.raises(SignError):
        verify_bytes(data, sig, key.public)


def test_another_key_is_named_in_the_error() -> None:
    a, b = SecretKey.generate(), SecretKey.generate()
    with pytest.raises(SignError, match="another key"):
        verify_bytes(b"x", sign_bytes(b"x", a), b.public)


def test_public_key_line_round_trips_and_looks_like_minisign() -> None:
    key = SecretKey.generate()
    line = key.public.line()
    assert line.startswith("RW") and len(line) == 56
    assert PublicKey.parse(key.public.text()) == key.public
    assert PublicKey.parse(line) == key.public


def test_encrypted_secret_key_needs_the_password() -> None:
    key = SecretKey.generate()
    text = key.text("correct horse", **FAST)
    assert SecretKey.parse(text, "correct horse") == key
    with pytest.raises(SignError, match="wrong password"):
        SecretKey.parse(text, "wrong horse")
    assert SecretKey.parse(key.text(None)) == key


def test_checksums_file_is_sha256sum_format(tmp_path: Path) -> None:
    f = tmp_path / "checkup-0.1.0-linux-x86_64.tar.gz"
    f.write_bytes(b"bundle")
    text = sha256sums([f], tmp_path)
    digest = hashlib.sha256(b"bundle").hexdigest()
    assert text == f"{digest}  checkup-0.1.0-linux-x86_64.tar.gz\n"
    if shutil.which("sha256sum"):
        (tmp_path / "SHA256SUMS").write_text(text)
        proc = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path,
                              capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stdout + proc.stderr


@needs_minisign
def test_the_minisign_tool_verifies_our_signature_and_rejects_a_tampered_file(
        tmp_path: Path) -> None:
    key = SecretKey.generate()
    f = tmp_path / "SHA256SUMS"
    f.write_bytes(b"0123  checkup.tar.gz\n")
    (tmp_path / "SHA256SUMS.minisig").write_text(sign_bytes(f.read_bytes(), key, "t"))
    ok = subprocess.run([MINISIGN, "-Vm", str(f), "-P", key.public.line()],
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "Trusted comment: t" in ok.stdout
    f.write_bytes(b"0124  checkup.tar.gz\n")
    bad = subprocess.run([MINISIGN, "-Vm", str(f), "-P", key.public.line()],
                         capture_output=True, text=True, check=False)
    assert bad.returncode != 0


@needs_minisign
def test_keys_and_signatures_made_by_minisign_work_here_and_back(tmp_path: Path) -> None:
    subprocess.run([MINISIGN, "-G", "-W", "-p", str(tmp_path / "m.pub"),
                    "-s", str(tmp_path / "m.key")], capture_output=True, check=True)
    f = tmp_path / "data"
    f.write_bytes(b"payload")
    subprocess.run([MINISIGN, "-Sm", str(f), "-s", str(tmp_path / "m.key"), "-t", "from it"],
                   capture_output=True, check=True)
    pub = PublicKey.parse((tmp_path / "m.pub").read_text())
    assert verify_bytes(b"payload", (tmp_path / "data.minisig").read_text(), pub) == "from it"
    # minisign's own secret key signs with our code too, and minisign signs with ours
    theirs = SecretKey.parse((tmp_path / "m.key").read_text())
    assert theirs.public == pub
    ours = SecretKey.generate()
    (tmp_path / "o.key").write_text(ours.text("pw for test", **FAST))
    (tmp_path / "o.pub").write_text(ours.public.text())
    subprocess.run([MINISIGN, "-Sm", str(f), "-s", str(tmp_path / "o.key"), "-x",
                    str(tmp_path / "o.sig")], input=b"pw for test\n", capture_output=True,
                   check=True)
    verify_bytes(b"payload", (tmp_path / "o.sig").read_text(), ours.public)


def test_keygen_writes_the_secret_key_through_safe_write(tmp_path: Path) -> None:
    """Mode 0600, never through a link (even with --force), refused when it exists."""
    import os
    import stat
    import sys

    from tools.sign import main

    secret, public = tmp_path / "key", tmp_path / "key.pub"
    assert main(["keygen", "--secret", str(secret), "--public", str(public),
                 "--unencrypted"]) == 0
    SecretKey.parse(secret.read_text(encoding="ascii"), None)
    if not sys.platform.startswith("win"):
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert main(["keygen", "--secret", str(secret), "--public", str(public),
                 "--unencrypted"]) == 1  # exists, no --force
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("keep")
    link = tmp_path / "link"
    os.symlink(elsewhere, link)
    assert main(["keygen", "--secret", str(link), "--public", str(tmp_path / "l.pub"),
                 "--unencrypted", "--force"]) == 1
    assert elsewhere.read_text() == "keep" and link.is_symlink()
