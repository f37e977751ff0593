"""The cipher most tests use instead of rage's own encryption (checks.privacy.report_crypto.cipher).

rage, through pyrage, encrypts with the scrypt work factor that takes about a second on the
machine (18 to 20 here), and pyrage has no way to ask for less: a second to make each file
and another to open it, which was most of the suite's time. ``FastCipher`` writes the same
format itself, from the specification (https://age-encryption.org/v1): a real age file, with
one scrypt recipient whose work factor is ``FAST`` (a millisecond), a header MAC and the
STREAM payload in 64 KiB chunks, so checks.privacy.report_crypto.parse_header reads it as it reads
rage's files. It opens files with rage (pyrage.passphrase.decrypt, looked up at each call),
so a wrong passphrase, a changed header or content and a cut file fail with rage's own errors
and become the same messages as with the real cipher.

The writer is checked against rage by tests/test_report_crypto_messages.py
(``test_the_writer_makes_files_rage_opens``); tests marked ``real_cipher`` (tests/conftest.py)
keep pyrage for both directions, among them the round trips with the Go age tool.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

import pyrage
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FAST = 10  # log2 of scrypt's N: about a millisecond, instead of a second at rage's choice
CHUNK = 64 * 1024  # plaintext bytes per STREAM chunk


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def age_file(plain: bytes, passphrase: str, work: int = FAST, *,
             fake_stanza: bool = False) -> bytes:
    """A passphrase-protected age file. ``fake_stanza``: the wrapped key is random and the
    MAC arbitrary, for a work factor too costly to compute (the file is refused before)."""
    file_key, salt, nonce = os.urandom(16), os.urandom(16), os.urandom(16)
    if fake_stanza:
        body = os.urandom(32)
    else:
        wrap = hashlib.scrypt(passphrase.encode(), salt=b"age-encryption.org/v1/scrypt" + salt,
                              n=2 ** work, r=8, p=1, dklen=32, maxmem=2 ** 26)
        body = ChaCha20Poly1305(wrap).encrypt(b"\x00" * 12, file_key, None)
    header = (b"age-encryption.org/v1\n-> scrypt " + _b64(salt) + b" " + str(work).encode()
              + b"\n" + _b64(body) + b"\n---")
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
    out = [header, b" ", _b64(mac), b"\n", nonce]
    stream = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    chunks = [plain[i:i + CHUNK] for i in range(0, len(plain), CHUNK)] or [b""]
    for counter, chunk in enumerate(chunks):
        last = b"\x01" if counter == len(chunks) - 1 else b"\x00"
        out.append(stream.encrypt(counter.to_bytes(11, "big") + last, chunk, None))
    return b"".join(out)


def armored(binary: bytes) -> bytes:
    """The ASCII-armored form of an age file."""
    text = base64.b64encode(binary)
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    return (b"-----BEGIN AGE ENCRYPTED FILE-----\n" + b"\n".join(lines)
            + b"\n-----END AGE ENCRYPTED FILE-----\n")


class FastCipher:
    """checks.privacy.report_crypto.Cipher: age files at work factor ``FAST``, opened by rage."""

    def __init__(self, work: int = FAST) -> None:
        self.work = work
        self.encrypted = 0  # files made, so a test can tell this cipher was used

    def encrypt(self, plaintext: bytes, passphrase: str) -> bytes:
        self.encrypted += 1
        return age_file(plaintext, passphrase, self.work)

    def decrypt(self, ciphertext: bytes, passphrase: str) -> bytes:
        return bytes(pyrage.passphrase.decrypt(ciphertext, passphrase))
