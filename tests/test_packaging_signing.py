"""Release signatures (tools/sign.py, tools/package.py): made by the real minisign tool,
checked by the app's own verifier (checks/engine/minisign.py) and by minisign itself."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from checks.engine.minisign import PublicKey
from tools.sign import SignError, sha256sums, sign_file, throwaway_key, verify_bytes

MINISIGN = shutil.which("minisign")
needs_minisign = pytest.mark.skipif(MINISIGN is None, reason="minisign is not installed")


@pytest.fixture
def signed(tmp_path: Path) -> tuple[Path, Path, PublicKey]:
    secret, pub = throwaway_key(tmp_path)
    sums = tmp_path / "SHA256SUMS"
    sums.write_bytes(b"0123  checkup.tar.gz\n")
    return sums, sign_file(sums, secret, "checkup 0.1.0 test"), pub


@needs_minisign
def test_a_signature_minisign_made_verifies_with_its_trusted_comment(signed) -> None:
    sums, sig, pub = signed
    assert verify_bytes(sums.read_bytes(), sig.read_text(), pub) == "checkup 0.1.0 test"


@needs_minisign
@pytest.mark.parametrize("change", ["file", "trusted comment", "signature line"])
def test_a_tampered_file_or_signature_fails(signed, change: str) -> None:
    sums, sig, pub = signed
    data, text = sums.read_bytes(), sig.read_text()
    if change == "file":
        data = data.replace(b"0123", b"0124")
    elif change == "trusted comment":
        text = text.replace("checkup 0.1.0 test", "checkup 9.9.9 test")
    else:
        lines = text.splitlines()
        lines[1] = lines[1][:20] + ("A" if lines[1][20] != "A" else "B") + lines[1][21:]
        text = "\n".join(lines) + "\n"
    with pytest.raises(SignError):
        verify_bytes(data, text, pub)


@needs_minisign
def test_another_key_is_refused(signed, tmp_path: Path) -> None:
    sums, sig, _pub = signed
    (tmp_path / "other").mkdir()
    _secret, other = throwaway_key(tmp_path / "other")
    with pytest.raises(SignError, match="does not trust"):
        verify_bytes(sums.read_bytes(), sig.read_text(), other)


@needs_minisign
def test_the_minisign_tool_verifies_and_rejects_a_tampered_file(signed) -> None:
    sums, sig, pub = signed
    ok = subprocess.run([str(MINISIGN), "-Vm", str(sums), "-P", pub.line()],  # noqa: S603
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and "Trusted comment: checkup 0.1.0 test" in ok.stdout
    sums.write_bytes(b"0124  checkup.tar.gz\n")
    bad = subprocess.run([str(MINISIGN), "-Vm", str(sums), "-P", pub.line()],  # noqa: S603
                         capture_output=True, text=True, check=False)
    assert bad.returncode != 0


def test_checksums_file_is_sha256sum_format(tmp_path: Path) -> None:
    f = tmp_path / "checkup-0.1.0-linux-x86_64.tar.gz"
    f.write_bytes(b"bundle")
    text = sha256sums([f], tmp_path)
    assert text == f"{hashlib.sha256(b'bundle').hexdigest()}  checkup-0.1.0-linux-x86_64.tar.gz\n"
    if shutil.which("sha256sum"):
        (tmp_path / "SHA256SUMS").write_text(text)
        proc = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path,
                              capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_no_secret_key_code_is_left_in_the_tools() -> None:
    root = Path(__file__).resolve().parent.parent
    for path in (root / "tools" / "sign.py", root / "tools" / "package.py",
                 root / "tools" / "datapack.py"):
        text = path.read_text(encoding="utf-8")
        assert "Ed25519PrivateKey" not in text and "scrypt" not in text, path
