"""Passphrase-protected reports in the age file format (scrypt passphrase recipient).

A protected report is an ordinary age file (https://age-encryption.org/v1, specification
at C2SP's age.md): anyone can also open it with the standard ``age -d`` tool, or with
``rage``. Encryption and decryption happen in memory through ``pyrage`` (Python bindings
of rage, a maintained Rust implementation of age): the plaintext is never written to disk,
only the ciphertext is, to a temporary file in the target folder that is then renamed over
the target (so a half-written file never carries the target's name).

Decryption is all or nothing: age authenticates every 64 KiB chunk and the end of the
file, and pyrage returns the plaintext only when all of it checked out, so a wrong
passphrase or a changed file gives an error and no partial output.
"""
# i18n-part: privacy

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from checks.i18n import Message, msg

AGE_MAGIC = b"age-encryption.org/v1\n"
ARMOR_BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
SUFFIX = ".age"
MIN_PASSPHRASE = 8


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


def _pyrage():  # type: ignore[no-untyped-def]
    try:
        import pyrage
    except ImportError as exc:
        raise ReportCryptoError(msg(
            "Protected reports need the pyrage package, which is not installed."),
            str(exc)) from None
    return pyrage


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
        return bytes(_pyrage().passphrase.encrypt(plaintext, passphrase))
    except ReportCryptoError:
        raise
    except Exception as exc:  # pyrage.EncryptError and anything unexpected
        raise ReportCryptoError(msg("The report could not be protected."), str(exc)) from None


def header_info(data: bytes) -> HeaderInfo | None:
    """Recipient types of an age file, or None when ``data`` is not an age file."""
    if data.startswith(ARMOR_BEGIN):
        return HeaderInfo(True, ())
    if not data.startswith(AGE_MAGIC):
        return None
    kinds = []
    for line in data[len(AGE_MAGIC):].split(b"\n", 64):
        if line.startswith(b"-> "):
            parts = line[3:].split(b" ")
            kinds.append(parts[0].decode("ascii", "replace") if parts else "")
        elif line.startswith(b"---"):
            break
    return HeaderInfo(False, tuple(kinds))


def decrypt(data: bytes, passphrase: str) -> bytes:
    """The plaintext of a passphrase-protected age file, all of it or an error."""
    info = header_info(data)
    if info is None:
        raise ReportCryptoError(msg(
            "This file is not a protected report: it does not start like an age-encrypted "
            "file."), "no age header")
    if info.recipients and "scrypt" not in info.recipients:
        raise ReportCryptoError(msg(
            "This file was protected with a key, not with a passphrase. Open it with the "
            "age tool and the matching key."), "recipients: " + ", ".join(info.recipients))
    try:
        plain = _pyrage().passphrase.decrypt(data, passphrase)
    except ReportCryptoError:
        raise
    except Exception as exc:  # pyrage.DecryptError: wrong passphrase, changed or cut file
        detail = str(exc)
        if "Decryption failed" in detail or "passphrase" in detail.lower():
            raise ReportCryptoError(msg(
                "The passphrase is not right, or the file was changed. Nothing was shown."),
                detail) from None
        raise ReportCryptoError(msg(
            "The file is damaged or was changed after it was saved, so it cannot be opened. "
            "Nothing was shown."), detail) from None
    return bytes(plain)


def write_encrypted(path: str | Path, plaintext: bytes, passphrase: str,
                    force: bool = True) -> Path:
    """Encrypt in memory and write only the ciphertext, atomically. Raises
    ReportCryptoError (the encryption) or OSError (the writing)."""
    target = Path(path)
    cipher = encrypt(plaintext, passphrase)
    if target.exists() and not force:
        raise FileExistsError(str(target))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                               dir=str(target.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(cipher)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return target


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
