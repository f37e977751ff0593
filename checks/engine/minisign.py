"""Checking minisign signatures (verification only; Checkup never signs anything itself).

The formats are the ones published on minisign's page (https://jedisct1.github.io/minisign/,
"Public key format" and "Signature format"); maintainers sign with the real ``minisign``
tool (tools/datapack.py, tools/package.py). In short:

- a public key file is a line ``untrusted comment: ...`` and then base64 of
  ``"Ed" || key id (8 bytes) || Ed25519 public key (32 bytes)``;
- a signature file has four lines: ``untrusted comment: ...``; base64 of
  ``algorithm || key id || Ed25519 signature (64 bytes)``, where the algorithm "ED" means the
  signature is over the BLAKE2b-512 hash of the file (minisign's default) and "Ed" over the
  file itself; ``trusted comment: <text>``; and base64 of the *global* signature, over
  ``signature || trusted comment``, so that the trusted comment cannot be changed either.

Both signatures must hold. The key id is only a label that tells which key to try; trust comes
from the signature verifying with that key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

KEY_ALG = b"Ed"
PREHASHED = b"ED"
TRUSTED_PREFIX = "trusted comment: "
UNTRUSTED_PREFIX = "untrusted comment:"
MAX_SIGNATURE_CHARS = 4096  # four short lines; a trusted comment is one line of text


class SignatureError(ValueError):
    """A signature that does not hold, or text that is not a key or a signature.
    ``kind``: "format", "key" (made with another key) or "bad" (does not verify)."""

    def __init__(self, kind: str, text: str) -> None:
        super().__init__(text)
        self.kind = kind


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes  # 8 bytes
    key: bytes  # 32 bytes

    @property
    def id_hex(self) -> str:
        """The key id as minisign prints it (a little-endian number in upper-case hex)."""
        return self.key_id[::-1].hex().upper()

    def line(self) -> str:
        """The key as one base64 line (``RW...``), as ``minisign -P`` takes it."""
        return base64.b64encode(KEY_ALG + self.key_id + self.key).decode("ascii")

    @classmethod
    def parse(cls, text: str) -> PublicKey:
        """A ``.pub`` file's text, or its one base64 line (``RW...``)."""
        lines = [x.strip() for x in text.strip().splitlines() if x.strip()]
        if lines and lines[0].startswith(UNTRUSTED_PREFIX):
            lines = lines[1:]
        if len(lines) != 1:
            raise SignatureError("format", "not a minisign public key")
        raw = _b64(lines[0])
        if len(raw) != 42 or raw[:2] != KEY_ALG:
            raise SignatureError("format", "not a minisign Ed25519 public key")
        return cls(raw[2:10], raw[10:])


@dataclass(frozen=True)
class Signature:
    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes

    @property
    def key_hex(self) -> str:
        return self.key_id[::-1].hex().upper()

    @classmethod
    def parse(cls, text: str) -> Signature:
        if len(text) > MAX_SIGNATURE_CHARS:
            raise SignatureError("format", "the signature is too long")
        lines = text.splitlines()
        if len(lines) != 4 or not lines[0].startswith(UNTRUSTED_PREFIX) \
                or not lines[2].startswith(TRUSTED_PREFIX):
            raise SignatureError("format", "not a minisign signature")
        raw, global_sig = _b64(lines[1].strip()), _b64(lines[3].strip())
        if len(raw) != 74 or raw[:2] not in (KEY_ALG, PREHASHED) or len(global_sig) != 64:
            raise SignatureError("format", "not a minisign Ed25519 signature")
        return cls(raw[:2], raw[2:10], raw[10:], lines[2][len(TRUSTED_PREFIX):], global_sig)


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError("format", "not valid base64") from None


def verify(data: bytes, sig: Signature, keys: list[PublicKey]) -> PublicKey:
    """The key of ``keys`` that signed ``data`` (both signatures checked); SignatureError
    otherwise."""
    key = next((k for k in keys if k.key_id == sig.key_id), None)
    if key is None:
        raise SignatureError("key", f"signed with a key this Checkup does not trust "
                                    f"(key id {sig.key_hex})")
    message = hashlib.blake2b(data, digest_size=64).digest() \
        if sig.algorithm == PREHASHED else data
    verifier = Ed25519PublicKey.from_public_bytes(key.key)
    try:
        verifier.verify(sig.signature, message)
        verifier.verify(sig.global_signature,
                        sig.signature + sig.trusted_comment.encode("utf-8"))
    except InvalidSignature:
        raise SignatureError("bad", "the signature does not match: the file was changed, "
                                    "or the signature is not for it") from None
    return key
