"""Passphrase-protected reports: age format (scrypt recipient), opened by an independent age
implementation, all-or-nothing on a wrong passphrase or a changed file, and the plaintext
never written to disk."""

from __future__ import annotations

import io
import os
import pty
import shutil
import sys
import time
from pathlib import Path

import pytest

from checks import cli
from checks.engine.safe_write import TEMP_PREFIX
from checks.privacy import report_crypto
from checks.privacy.privacy_cli import html_to_text
from checks.privacy.report_crypto import (
    ReportCryptoError,
    decrypt,
    encrypt,
    header_info,
    kind_of,
    parse_header,
    read_encrypted,
    write_encrypted,
)
from tests.fake_cipher import FAST, FastCipher

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "engine" / "context" / "linux-physical.json"
PASS = "four unrelated words here"
AGE = shutil.which("age")
needs_age = pytest.mark.skipif(AGE is None, reason="the age tool is not installed (make "
                               "sysdeps installs Debian's age, the Go implementation)")


REAL_PLAIN = b"<!DOCTYPE html><p>report</p>"


@pytest.fixture(scope="module")
def real_report() -> bytes:
    """A report protected through encrypt() by rage itself (scrypt at rage's own work factor:
    a second or more), made once for the tests of the real cipher below."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(report_crypto, "cipher", report_crypto.PyrageCipher())
        return encrypt(REAL_PLAIN, PASS)


@pytest.mark.real_cipher
def test_round_trip_and_format(real_report: bytes) -> None:
    data = real_report
    assert data.startswith(b"age-encryption.org/v1\n-> scrypt ")
    info = header_info(data)
    assert info is not None and info.recipients == ("scrypt",)
    assert b"report" not in data
    assert decrypt(data, PASS) == REAL_PLAIN
    # the files of tests/fake_cipher.py, which the other tests use, are laid out as rage's
    # are, with a cheaper work factor
    real, fake = parse_header(data), parse_header(FastCipher().encrypt(b"<p>report</p>", PASS))
    assert real is not None and fake is not None
    assert (fake.armored, fake.recipients) == (real.armored, real.recipients) == (
        False, ("scrypt",))
    assert real.work_factor is not None and real.work_factor > FAST == fake.work_factor
    assert fake.binary[:fake.binary.index(b"\n---")].count(b"\n") == \
        real.binary[:real.binary.index(b"\n---")].count(b"\n")


def test_tests_get_the_fast_cipher_unless_marked_real_cipher() -> None:
    assert isinstance(report_crypto.cipher, FastCipher)
    data = encrypt(b"<p>report</p>", PASS)
    info = parse_header(data)
    assert info is not None and info.work_factor == FAST and report_crypto.cipher.encrypted == 1
    assert decrypt(data, PASS) == b"<p>report</p>"


def test_short_passphrase_is_refused() -> None:
    with pytest.raises(ReportCryptoError) as exc:
        encrypt(b"x", "short")
    assert "at least 8 characters" in exc.value.message.msgid.format(n=8)


def test_wrong_passphrase_is_a_clear_message_and_no_output() -> None:
    # rage opens the fast cipher's files too, so its refusal is the one a person meets
    with pytest.raises(ReportCryptoError) as exc:
        decrypt(encrypt(REAL_PLAIN, PASS), "not the passphrase")
    assert exc.value.message.msgid == ("The passphrase is not right, or the file is damaged: "
                                       "age cannot tell the two apart. Nothing was shown.")


@pytest.mark.parametrize("where", ["payload", "last byte", "truncated", "header"])
def test_a_changed_or_cut_file_is_refused_whole(where: str) -> None:
    data = bytearray(encrypt(b"A" * 200_000, PASS))  # several 64 KiB chunks
    if where == "payload":
        data[len(data) // 2] ^= 1
    elif where == "last byte":
        data[-1] ^= 1
    elif where == "truncated":
        del data[-70_000:]
    else:
        data[40] ^= 1
    with pytest.raises(ReportCryptoError) as exc:
        decrypt(bytes(data), PASS)
    assert "Nothing was shown" in exc.value.message.msgid


def test_not_an_age_file_and_key_protected_files_are_explained() -> None:
    with pytest.raises(ReportCryptoError, match="no age header"):
        decrypt(b"<html>plain</html>", PASS)
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    keyed = pyrage.encrypt(b"x", [identity.to_public()])
    with pytest.raises(ReportCryptoError) as exc:
        decrypt(keyed, PASS)
    assert "with a key, not with a passphrase" in exc.value.message.msgid


def test_kind_of_and_html_to_text() -> None:
    assert kind_of(b"%PDF-1.7") == "pdf"
    assert kind_of(b"\n<!DOCTYPE html>") == "html"
    assert kind_of(b'{"format": 1}') == "json"
    text = html_to_text("<html><head><style>p{}</style></head><body><h1>Checkup report</h1>"
                        "<ul><li>Disk <b>encrypted</b></li><li>Updates</li></ul></body></html>")
    assert text == "Checkup report\n\n  - Disk encrypted\n  - Updates\n"


# -- the plaintext never touches the disk -------------------------------------------------
class _Writes:
    def __init__(self) -> None:
        self.paths: list[str] = []

    def hook(self, event: str, args: tuple[object, ...]) -> None:
        if event == "open" and len(args) >= 2:
            path, mode = args[0], args[1]
            flags = args[2] if len(args) > 2 else 0
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
            if writing and isinstance(path, (str, bytes, os.PathLike)):
                self.paths.append(os.fsdecode(path))


_WRITES = _Writes()
sys.addaudithook(_WRITES.hook)  # audit hooks cannot be removed: it only records


def _only_ciphertext(written: list[str], target: Path, plaintext_marker: bytes) -> None:
    ours = [p for p in written if not p.endswith((".pyc", ".pyc.tmp"))]
    assert ours, "no write was seen"
    for p in ours:
        assert Path(p).parent == target.parent, p  # nothing anywhere else
        assert Path(p).name.startswith((TEMP_PREFIX, target.name)), p
    assert target.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert plaintext_marker not in target.read_bytes()
    assert sorted(x.name for x in target.parent.iterdir()) == [target.name]


def test_write_encrypted_writes_only_ciphertext(tmp_path: Path) -> None:
    target = tmp_path / "out" / "r.html.age"
    target.parent.mkdir()
    start = len(_WRITES.paths)
    write_encrypted(target, b"PLAINTEXT-MARKER " * 100, PASS)
    _only_ciphertext(_WRITES.paths[start:], target, b"PLAINTEXT-MARKER")


def test_cli_scan_encrypt_writes_only_ciphertext(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "report.html.age"
    target.parent.mkdir()
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))
    start = len(_WRITES.paths)
    code = cli.main(["scan", "--replay", str(FIXTURE), "--html", str(target), "--encrypt"])
    assert code in (0, 1), capsys.readouterr().err
    _only_ciphertext(_WRITES.paths[start:], target, b"<!DOCTYPE html")
    assert decrypt(target.read_bytes(), PASS).startswith(b"<!DOCTYPE html")
    # the person is told the file is protected and how to open it
    assert (f"Protected report saved to {target}: only the passphrase opens it. To read it, "
            f"run: checkup open-report {target}") in capsys.readouterr().out


def test_cli_encrypt_needs_a_file_and_a_real_passphrase(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    assert cli.main(["scan", "--replay", str(FIXTURE), "--encrypt"]) == 2
    assert "add --html FILE" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    target = tmp_path / "r.age"
    assert cli.main(["scan", "--replay", str(FIXTURE), "--html", str(target),
                     "--encrypt"]) == 2
    assert "Nothing was saved" in capsys.readouterr().err
    assert not target.exists()


def test_cli_open_report_shows_text_and_refuses_a_wrong_passphrase(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "r.html.age"
    write_encrypted(target, b"<!DOCTYPE html><html><body><h1>Checkup report</h1>"
                            b"<p>Disk encryption: on</p></body></html>", PASS)
    monkeypatch.setattr(sys, "stdin", io.StringIO("wrong passphrase\n"))
    assert cli.main(["open-report", str(target)]) == 3
    out = capsys.readouterr()
    assert out.out == "" and "passphrase is not right" in out.err
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))
    assert cli.main(["open-report", str(target)]) == 0
    assert "Disk encryption: on" in capsys.readouterr().out
    copy = tmp_path / "copy.html"
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))
    assert cli.main(["open-report", str(target), "--output", str(copy)]) == 0
    assert copy.read_bytes().startswith(b"<!DOCTYPE html>")
    assert "unprotected copy" in capsys.readouterr().err


# -- an independent implementation: the Go age tool --------------------------------------
def _age_with_tty(args: list[str], passphrase: str, times: int) -> tuple[int, bytes]:
    """Run age with a pseudo-terminal (it reads passphrases from the terminal only)."""
    assert AGE is not None
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execv(AGE, [AGE, *args])
    out = b""
    sent = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        if sent < times and out.lower().count(b"passphrase") > sent:
            os.write(fd, passphrase.encode() + b"\n")
            sent += 1
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out


@pytest.mark.real_cipher
@needs_age
def test_the_age_tool_opens_our_report(tmp_path: Path) -> None:
    target = tmp_path / "r.html.age"
    write_encrypted(target, b"<!DOCTYPE html><p>opened by age</p>", PASS)
    plain = tmp_path / "plain.html"
    code, out = _age_with_tty(["-d", "-o", str(plain), str(target)], PASS, 1)
    assert code == 0, out
    assert plain.read_bytes() == b"<!DOCTYPE html><p>opened by age</p>"


@pytest.mark.real_cipher
@needs_age
def test_a_file_the_age_tool_protected_opens_here(tmp_path: Path) -> None:
    src = tmp_path / "r.json"
    src.write_bytes(b'{"made": "by age"}')
    enc = tmp_path / "r.json.age"
    code, out = _age_with_tty(["-p", "-o", str(enc), str(src)], PASS, 2)
    assert code == 0, out
    assert read_encrypted(enc, PASS) == b'{"made": "by age"}'
    # (a wrong passphrase is refused as for our own files: test_wrong_passphrase_... above;
    # here it would cost another second of real scrypt)
