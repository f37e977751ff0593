"""What a person is told when a protected report does not open (issue 17, item 6).

Three answers, each only where it is true:

- "cut short" or "damaged" where the file itself shows it (its header or the size of its
  content does not add up, rage says the content ends early, or the header's MAC fails with
  the right passphrase);
- "the passphrase is not right, or the file is damaged" where age cannot tell the two apart
  (a wrong passphrase, and a changed salt or wrapped key, fail in the same way; so does a
  file cut inside a chunk when the passphrase is wrong);
- "made with settings this version cannot open", with the numbers, for a scrypt work factor
  above what we open, refused before any work is done.

Each goes through checks.privacy.report_crypto and through ``checkup open-report``.

The files are made by the small writer of the age format (https://age-encryption.org/v1) in
tests/fake_cipher.py, which takes a work factor: pyrage picks one that costs about a second
per file on the machine that saves, which would make these tests slow, and cannot write one
we refuse. rage (through pyrage) opens them, so the writer is checked against an independent
implementation by ``test_the_writer_makes_files_rage_opens`` (which opens them through the
real cipher, checks.privacy.report_crypto.PyrageCipher).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checks import cli
from checks.engine.i18n import translator
from checks.privacy import report_crypto
from checks.privacy.report_crypto import (
    CUT_SHORT,
    DAMAGED,
    MAX_WORK_FACTOR,
    WRONG_OR_DAMAGED,
    ReportCryptoError,
    decrypt,
)
from tests.fake_cipher import CHUNK, FAST, age_file, armored

PASS = "four unrelated words here"
WRONG = "not the passphrase at all"
PLAIN = bytes(range(256)) * 800  # 204 800 bytes: four chunks, the last one partial


# -- the files: tests/fake_cipher.py's age writer ----------------------------------------------

@pytest.fixture(scope="module")
def good() -> bytes:
    return age_file(PLAIN, PASS)


def _header_end(data: bytes) -> int:
    """Where the payload (its nonce) starts: just after the MAC line."""
    return data.index(b"\n", data.index(b"\n---") + 1) + 1


@pytest.mark.real_cipher
def test_the_writer_makes_files_rage_opens(good: bytes) -> None:
    assert isinstance(report_crypto.cipher, report_crypto.PyrageCipher)
    assert decrypt(good, PASS) == PLAIN
    assert decrypt(age_file(b"", PASS), PASS) == b""
    assert decrypt(armored(good), PASS) == PLAIN
    assert f" {FAST}\n".encode() in good[:120]
    end = _header_end(good)
    assert good[:end].count(b"\n") == 4 and good[:end].split(b"\n")[3].startswith(b"--- ")


# -- cut short ------------------------------------------------------------------------------

# where the file is cut (the offset it keeps, from the file) -> what the person is told
CUTS: dict[str, tuple[Callable[[bytes], int], Any]] = {
    "in the first line": (lambda d: 12, CUT_SHORT),
    "after the first line": (lambda d: len(b"age-encryption.org/v1\n"), CUT_SHORT),
    "in the recipient line": (lambda d: 40, CUT_SHORT),
    "before the MAC": (lambda d: d.index(b"\n---") + 1, CUT_SHORT),
    "in the MAC": (lambda d: d.index(b"\n---") + 12, CUT_SHORT),
    "after the header": (_header_end, CUT_SHORT),
    "in the nonce": (lambda d: _header_end(d) + 9, CUT_SHORT),
    "in a chunk's tag": (lambda d: _header_end(d) + 16 + 8, CUT_SHORT),
    "at the end of a chunk": (lambda d: _header_end(d) + 16 + (CHUNK + 16) * 2, CUT_SHORT),
    "inside the first chunk": (lambda d: _header_end(d) + 16 + 1000, DAMAGED),
    "in the middle": (lambda d: len(d) // 2, DAMAGED),
    "the last byte missing": (lambda d: len(d) - 1, DAMAGED),
}


@pytest.mark.parametrize("where", sorted(CUTS))
def test_a_cut_file_says_cut_short_or_damaged(good: bytes, where: str) -> None:
    keep, expected = CUTS[where]
    with pytest.raises(ReportCryptoError) as caught:
        decrypt(good[:keep(good)], PASS)
    assert caught.value.message == expected, (where, caught.value.detail)


@pytest.mark.parametrize("where", ["inside the first chunk", "in the middle",
                                   "the last byte missing"])
def test_a_file_cut_inside_a_chunk_with_a_wrong_passphrase_cannot_be_told_apart(
        good: bytes, where: str) -> None:
    """The passphrase is checked before the content: a wrong one fails first, so age does not
    know whether the content is whole."""
    keep, _ = CUTS[where]
    with pytest.raises(ReportCryptoError) as caught:
        decrypt(good[:keep(good)], WRONG)
    assert caught.value.message == WRONG_OR_DAMAGED


@pytest.mark.parametrize("cut", [40, 200, -40])
def test_a_cut_armored_file_says_cut_short(good: bytes, cut: int) -> None:
    with pytest.raises(ReportCryptoError) as caught:
        decrypt(armored(good)[:cut], PASS)
    assert caught.value.message == CUT_SHORT


def test_the_first_bytes_alone_are_cut_short_and_other_files_are_not_reports() -> None:
    for start in (b"age-encryption", b"-----BEGIN AGE ENC"):
        with pytest.raises(ReportCryptoError) as caught:
            decrypt(start, PASS)
        assert caught.value.message == CUT_SHORT
    for other in (b"", b"age", b"<!DOCTYPE html>", b"%PDF-1.7\n"):
        with pytest.raises(ReportCryptoError) as caught:
            decrypt(other, PASS)
        assert "not a protected report" in caught.value.message.msgid


# -- changed ------------------------------------------------------------------------------

def _flip(data: bytes, at: int) -> bytes:
    out = bytearray(data)
    out[at] ^= 0x01
    return bytes(out)


def test_a_wrong_passphrase_is_wrong_or_damaged(good: bytes) -> None:
    with pytest.raises(ReportCryptoError) as caught:
        decrypt(good, WRONG)
    assert caught.value.message == WRONG_OR_DAMAGED


def test_a_changed_salt_cannot_be_told_from_a_wrong_passphrase(good: bytes) -> None:
    salt_at = good.index(b"scrypt ") + len(b"scrypt ") + 3
    changed = good[:salt_at] + (b"A" if good[salt_at:salt_at + 1] != b"A" else b"B") \
        + good[salt_at + 1:]
    with pytest.raises(ReportCryptoError) as caught:
        decrypt(changed, PASS)
    assert caught.value.message == WRONG_OR_DAMAGED


def test_a_changed_mac_or_content_is_damaged(good: bytes) -> None:
    mac_at = good.index(b"\n--- ") + 8
    for changed in (_flip(good, mac_at), _flip(good, _header_end(good) + 40),
                    _flip(good, len(good) - 1)):
        with pytest.raises(ReportCryptoError) as caught:
            decrypt(changed, PASS)
        assert caught.value.message == DAMAGED, caught.value.detail


# -- work factors -------------------------------------------------------------------------

@pytest.mark.parametrize("work", [MAX_WORK_FACTOR + 1, 30, 99])
def test_a_work_factor_above_ours_is_refused_with_the_numbers(work: int) -> None:
    data = age_file(PLAIN, PASS, work, fake_stanza=True)
    with pytest.raises(ReportCryptoError) as caught:
        decrypt(data, PASS)  # at once: no scrypt with 2**23 or more is ever started
    line = translator("en").render(caught.value.message)
    assert "made with settings this version of Checkup cannot open" in line
    assert f"a work factor of {work}; it opens up to {MAX_WORK_FACTOR}" in line
    for lang in ("es", "ar"):
        other = translator(lang).render(caught.value.message)
        assert str(work) in other and str(MAX_WORK_FACTOR) in other and other != line


@pytest.mark.real_cipher
@pytest.mark.parametrize(("seconds", "limit"), [(32, 20), (64, 19), (0, 20), (7, 20)])
def test_rages_own_lower_limit_is_named_with_its_numbers(
        monkeypatch: pytest.MonkeyPatch, seconds: int, limit: int) -> None:
    """On a slow machine rage opens less than we do (four more than what takes it a second
    there). Its refusal (synthetic here, in the words of rage's English message) becomes
    ours, naming the largest factor it would open, worked out from the time it gives."""
    import pyrage

    def refuse(data: bytes, passphrase: str) -> bytes:
        raise pyrage.DecryptError("Excessive work parameter for passphrase.\n"
                                  + (f"Decryption would take around {seconds} seconds."
                                     if seconds else ""))

    monkeypatch.setattr(pyrage.passphrase, "decrypt", refuse)
    with pytest.raises(ReportCryptoError) as caught:
        decrypt(age_file(b"x", PASS, 21, fake_stanza=True), PASS)
    line = translator("en").render(caught.value.message)
    assert f"a work factor of 21; it opens up to {limit})" in line


# -- through checkup open-report -----------------------------------------------------------

def _open_report(path: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch,
                 capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(passphrase + "\n"))
    code = cli.main(["open-report", str(path)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(("case", "words"), [
    ("cut in the header", "cut short"),
    ("cut at the end of a chunk", "cut short"),
    ("cut inside a chunk", "damaged or was changed"),
    ("wrong passphrase", "passphrase is not right, or the file is damaged"),
    ("work factor 23", "a work factor of 23; it opens up to 22"),
    ("work factor 40, armored", "a work factor of 40; it opens up to 22"),
])
def test_open_report_says_why_in_one_line_and_shows_nothing(
        good: bytes, case: str, words: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data, passphrase = {
        "cut in the header": (good[:60], PASS),
        "cut at the end of a chunk": (good[:_header_end(good) + 16 + CHUNK + 16], PASS),
        "cut inside a chunk": (good[:len(good) // 2], PASS),
        "wrong passphrase": (good, WRONG),
        "work factor 23": (age_file(PLAIN, PASS, 23, fake_stanza=True), PASS),
        "work factor 40, armored": (armored(age_file(PLAIN, PASS, 40, fake_stanza=True)),
                                    PASS),
    }[case]
    path = tmp_path / "report.html.age"
    path.write_bytes(data)
    code, out, err = _open_report(path, passphrase, monkeypatch, capsys)
    assert code == 3  # EXIT_CANNOT_OPEN (checks/privacy/privacy_cli.py)
    assert out == ""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("checkup: "), err
    assert words in lines[0] and "Nothing was shown" in lines[0]
    assert "Traceback" not in err


def test_open_report_opens_the_same_file_whole(good: bytes, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    page = b"<!DOCTYPE html><html><body><p>Disk encryption: on</p></body></html>"
    path = tmp_path / "report.html.age"
    path.write_bytes(age_file(page, PASS))
    copy = tmp_path / "copy.html"
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))
    assert cli.main(["open-report", str(path), "--output", str(copy)]) == 0
    assert copy.read_bytes() == page
    capsys.readouterr()
