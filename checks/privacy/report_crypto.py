"""Passphrase-protected reports in the age file format (scrypt passphrase recipient).

A protected report is an ordinary age file (https://age-encryption.org/v1, specification
at C2SP's age.md): anyone can also open it with the standard ``age -d`` tool, or with
``rage``. Encryption and decryption happen in memory through ``pyrage`` (Python bindings
of rage, a maintained Rust implementation of age): the plaintext is never written to disk,
only the ciphertext is, through checks/engine/safe_write.py (a temporary file in the target folder,
moved into place: a half-written file never carries the target's name).

Decryption is all or nothing: age authenticates every 64 KiB chunk and the end of the
file, and pyrage returns the plaintext only when all of it checked out, so a wrong
passphrase or a changed file gives an error and no partial output.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyrage  # a required dependency (pyproject.toml)

from checks.engine.i18n import Message, msg

AGE_MAGIC = b"age-encryption.org/v1\n"
ARMOR_BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
ARMOR_END = b"-----END AGE ENCRYPTED FILE-----"
SUFFIX = ".age"
MIN_PASSPHRASE = 8


class Cipher(Protocol):
    """What makes and opens the age files: passphrase encryption of a whole plaintext in
    memory, and its decryption, all or nothing. ``encrypt`` and ``decrypt`` below go through
    the module's ``cipher``; they check passphrases and headers themselves and turn whatever
    the cipher raises into a ReportCryptoError."""

    def encrypt(self, plaintext: bytes, passphrase: str) -> bytes: ...

    def decrypt(self, ciphertext: bytes, passphrase: str) -> bytes: ...


class PyrageCipher:
    """rage, through pyrage: the cipher Checkup uses. rage picks the scrypt work factor that
    takes about a second on this machine."""

    def encrypt(self, plaintext: bytes, passphrase: str) -> bytes:
        return bytes(pyrage.passphrase.encrypt(plaintext, passphrase))

    def decrypt(self, ciphertext: bytes, passphrase: str) -> bytes:
        return bytes(pyrage.passphrase.decrypt(ciphertext, passphrase))


# The one seam: the tests put a cipher of their own here (tests/fake_cipher.py, which writes
# age files with a cheap work factor and opens them with rage), except those marked
# real_cipher.
cipher: Cipher = PyrageCipher()


class ReportCryptoError(Exception):
    """A protected report could not be made or opened. ``message`` says why, for a person;
    ``detail`` is the untranslated technical reason."""

    def __init__(self, message: Message, detail: str = "") -> None:
        super().__init__(detail or message.msgid)
        self.message = message
        self.detail = detail


@dataclass(frozen=True)
class HeaderInfo:
    armored: bool
    recipients: tuple[str, ...]  # stanza types, e.g. ("scrypt",)
    work_factor: int | None = None  # log2 of scrypt's N, for a passphrase-protected file
    payload: bytes = b""  # the binary file from its payload on (after the header's MAC line)
    binary: bytes = b""  # the whole binary file (an armored file decoded)


class DamagedFile(ValueError):
    """An age file whose structure is broken: cut short, or changed. The message is the
    untranslated technical reason."""


# Work factors (log2 of scrypt's N) this version opens. rage, which pyrage wraps, writes what
# takes about a second on the machine that saves (18 to 20 on a laptop of the 2020s) and opens
# up to four more than that machine's own; the Go age tool opens up to 22 by default. Each step
# doubles time and memory (22: 4 GiB, some twenty seconds on a slow laptop), so a file asking
# for more is refused before any work is done.
MAX_WORK_FACTOR = 22
MAX_HEADER_BYTES = 64 * 1024
MAX_STANZAS = 64
CHUNK = 64 * 1024  # plaintext bytes per STREAM chunk
TAG = 16  # Poly1305 tag per chunk
NONCE = 16  # the payload's nonce
MIN_START = 8  # "age-encr": fewer first bytes of an age file could be anything
_B64 = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def _b64(text: bytes, what: str) -> bytes:
    """Base64 without padding, as age writes it."""
    if not set(text) <= _B64 or len(text) % 4 == 1:
        raise DamagedFile(f"{what} is not base64")
    try:
        return base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except binascii.Error:
        raise DamagedFile(f"{what} is not base64") from None


def _dearmor(data: bytes) -> bytes:
    text = data.replace(b"\r\n", b"\n")
    lines = text.split(b"\n")
    try:
        end = lines.index(ARMOR_END)
    except ValueError:
        raise DamagedFile("the armored file has no end line (cut short)") from None
    body = b"".join(x.strip() for x in lines[1:end])
    try:
        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise DamagedFile("the armored file is not base64") from None


def parse_header(data: bytes) -> HeaderInfo | None:
    """The header of an age file (its specification: https://age-encryption.org/v1), or None
    when ``data`` is not an age file at all. Raises DamagedFile when it starts like one but
    its header or the size of its payload is broken."""
    armored = data.startswith(ARMOR_BEGIN)
    binary = _dearmor(data) if armored else data
    if not binary.startswith(AGE_MAGIC):
        if armored:
            raise DamagedFile("the armored file holds no age header")
        if len(data) >= MIN_START and (AGE_MAGIC.startswith(data)
                                       or ARMOR_BEGIN.startswith(data.rstrip(b"\r\n"))):
            raise DamagedFile("the file holds the first bytes of an age file only (cut short)")
        return None
    pos = len(AGE_MAGIC)

    def line() -> bytes:
        nonlocal pos
        nl = binary.find(b"\n", pos, MAX_HEADER_BYTES)
        if nl < 0:
            raise DamagedFile("the header is cut short" if len(binary) < MAX_HEADER_BYTES
                              else "the header is too long")
        out, pos = binary[pos:nl], nl + 1
        return out

    stanzas: list[tuple[list[bytes], bytes]] = []
    while True:
        head = line()
        if head.startswith(b"--- "):
            if not stanzas:
                raise DamagedFile("the header names no recipient")
            if len(_b64(head[4:], "the header's MAC")) != 32:
                raise DamagedFile("the header's MAC has the wrong length")
            break
        if not head.startswith(b"-> ") or len(stanzas) >= MAX_STANZAS:
            raise DamagedFile("the header holds a line that is not part of an age header")
        args = head[3:].split(b" ")
        if not all(a and all(33 <= c <= 126 for c in a) for a in args):
            raise DamagedFile("a recipient line of the header is malformed")
        body = b""
        while True:
            chunk = line()
            if len(chunk) > 64:
                raise DamagedFile("a recipient's body line is too long")
            body += chunk
            if len(chunk) < 64:
                break
        stanzas.append((args, _b64(body, "a recipient's body")))
    kinds = tuple(a[0].decode("ascii") for a, _ in stanzas)
    work: int | None = None
    if "scrypt" in kinds:
        args, body = stanzas[0]
        if len(stanzas) != 1:
            raise DamagedFile("a passphrase-protected file must have one recipient only")
        if len(args) != 3 or len(_b64(args[1], "the scrypt salt")) != 16 or len(body) != 32 \
                or not args[2].isdigit() or args[2].startswith(b"0") or len(args[2]) > 2:
            raise DamagedFile("the passphrase recipient of the header is malformed")
        work = int(args[2])
    payload = binary[pos:]
    size = len(payload) - NONCE
    last = size % (CHUNK + TAG)
    if size < TAG or 0 < last < TAG or (last == TAG and size > TAG):
        raise DamagedFile("the encrypted content is cut short")
    return HeaderInfo(armored, kinds, work, payload, binary)


def header_info(data: bytes) -> HeaderInfo | None:
    """Recipient types of an age file, or None when ``data`` is not an age file (or not one
    whose header can be read)."""
    try:
        return parse_header(data)
    except DamagedFile:
        return None


def passphrase_problem(passphrase: str) -> Message | None:
    """Why a passphrase is too weak to protect a report, or None."""
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        return msg("Use a passphrase of at least {n} characters: several unrelated words are "
                   "easy to remember and hard to guess.", n=MIN_PASSPHRASE)
    return None


def encrypt(plaintext: bytes, passphrase: str) -> bytes:
    """The age file for ``plaintext`` (in memory)."""
    problem = passphrase_problem(passphrase)
    if problem is not None:
        raise ReportCryptoError(problem)
    try:
        return cipher.encrypt(plaintext, passphrase)
    except ReportCryptoError:
        raise
    except Exception as exc:  # pyrage.EncryptError and anything unexpected
        raise ReportCryptoError(msg("The report could not be protected."), str(exc)) from None


WRONG_OR_DAMAGED = msg(
    "The passphrase is not right, or the file is damaged: age cannot tell the two apart. "
    "Nothing was shown.")
DAMAGED = msg("The file is damaged or was changed after it was saved, so it cannot be "
              "opened. Nothing was shown.")
CUT_SHORT = msg("The file is cut short (it was not saved or copied completely), so it cannot "
                "be opened. Nothing was shown.")


def _unsupported(work: int, limit: int = MAX_WORK_FACTOR) -> Message:
    return msg("This protected report was made with settings this version of Checkup cannot "
               "open (a work factor of {n}; it opens up to {max}). Nothing was shown.",
               n=work, max=limit)


def _rage_limit(work: int, detail: str) -> int:
    """The largest work factor rage opens on this machine, when it refused ``work`` as
    excessive. rage opens up to four more than the factor that takes it about a second here
    (its "target"), and its message says how long ``work`` would take: about
    2**(work - target) seconds. Without that figure, or with one that does not fit: one less
    than ``work``, which it did refuse."""
    found = re.search(r"around (\d{1,12}) seconds", detail)
    seconds = int(found.group(1)) if found else 0
    if seconds > 0 and seconds & (seconds - 1) == 0:  # a power of two, as rage computes it
        return max(0, min(work - seconds.bit_length() + 1 + 4, work - 1, MAX_WORK_FACTOR))
    return max(0, min(work - 1, MAX_WORK_FACTOR))


def decrypt(data: bytes, passphrase: str) -> bytes:
    """The plaintext of a passphrase-protected age file, all of it or an error that says
    which: not an age file, protected with a key, damaged (cut short, a broken header, a
    changed header or content), made with a work factor this version does not open, or a
    wrong passphrase or damaged file (where age cannot tell them apart: a wrong passphrase
    and a changed salt or wrapped key fail in the same way)."""
    try:
        info = parse_header(data)
    except DamagedFile as exc:
        detail = str(exc)
        raise ReportCryptoError(CUT_SHORT if "cut short" in detail else DAMAGED,
                                detail) from None
    if info is None:
        raise ReportCryptoError(msg(
            "This file is not a protected report: it does not start like an age-encrypted "
            "file."), "no age header")
    if info.work_factor is None:
        raise ReportCryptoError(msg(
            "This file was protected with a key, not with a passphrase. Open it with the "
            "age tool and the matching key."), "recipients: " + ", ".join(info.recipients))
    if info.work_factor > MAX_WORK_FACTOR:
        raise ReportCryptoError(_unsupported(info.work_factor),
                                f"scrypt work factor {info.work_factor}")
    try:
        plain = cipher.decrypt(info.binary, passphrase)
    except ReportCryptoError:
        raise
    except Exception as exc:  # pyrage.DecryptError, by rage's own words
        detail = str(exc)
        low = detail.lower()
        if "excessive work" in low or "work factor" in low:  # rage's limit is below ours here
            raise ReportCryptoError(_unsupported(info.work_factor,
                                                 _rage_limit(info.work_factor, detail)),
                                    detail) from None
        if "decryption failed" in low or "no matching keys" in low or "passphrase" in low:
            raise ReportCryptoError(WRONG_OR_DAMAGED, detail) from None
        if "truncated" in low:  # the content ends where a chunk ends, before the last one
            raise ReportCryptoError(CUT_SHORT, detail) from None
        # "Header MAC is invalid" (the passphrase was right, the header changed), "decryption
        # error" (the content changed, or ends inside a chunk: age cannot tell which) and
        # anything else
        raise ReportCryptoError(DAMAGED, detail) from None
    return plain


def write_encrypted(path: str | Path, plaintext: bytes, passphrase: str,
                    force: bool = True, replace_link: bool = False) -> str:
    """Encrypt in memory and write only the ciphertext, through checks.engine.safe_write (a new
    file moved into place; without ``force`` an existing file is refused; a link is refused
    unless ``replace_link``: the person chose it in a save dialog). Raises ReportCryptoError
    (the encryption) or checks.engine.safe_write.WriteProblem, an OSError (the writing). Returns
    the path as printable text."""
    from checks.engine.safe_write import check_target, write_file

    check_target(path, replace=force, replace_link=replace_link)  # before the slow part
    data = encrypt(plaintext, passphrase)
    return write_file(path, data, replace=force, replace_link=replace_link)


def read_encrypted(path: str | Path, passphrase: str) -> bytes:
    """Read a protected report and return its plaintext (in memory)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ReportCryptoError(msg("The file cannot be read."),
                                f"{path}: {exc.strerror or exc}") from None
    return decrypt(data, passphrase)


def kind_of(plaintext: bytes) -> str:
    """What a decrypted report holds: "html", "json", "pdf" or "text"."""
    head = plaintext[:512].lstrip().lower()
    if plaintext.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"<!doctype html") or head.startswith(b"<html"):
        return "html"
    if head.startswith(b"{") or head.startswith(b"["):
        return "json"
    return "text"


def protected_name(name: str) -> str:
    """``report.html`` -> ``report.html.age``."""
    return name if name.endswith(SUFFIX) else name + SUFFIX
