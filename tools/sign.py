"""Minisign-compatible Ed25519 signatures, with ``cryptography`` only.

    python -m tools.sign keygen --secret KEY --public KEY.pub [--unencrypted] [--comment C]
    python -m tools.sign sign --secret KEY FILE [FILE ...] [--trusted-comment TEXT]
    python -m tools.sign verify --public KEY.pub FILE [--sig FILE.minisig]
    python -m tools.sign verify --pubkey RW... FILE

Files are exactly minisign's, so anyone can verify a release with the standard tool
(``minisign -Vm SHA256SUMS -P RW...``) and a maintainer can sign with either tool and either
kind of key. The formats implemented here are the ones published on minisign's own page
(https://jedisct1.github.io/minisign/, sections "Signature format", "Public key format" and
"Secret key format"); nothing was copied from its code. In short:

- public key: ``"Ed" || key_id (8 bytes) || Ed25519 public key (32)``, base64, after a line
  ``untrusted comment: ...``;
- signature: line 2 is ``sig_alg || key_id || signature`` where ``sig_alg`` "ED" means the
  signature is over BLAKE2b-512 of the file (what minisign makes by default since 0.10;
  "Ed", over the file itself, is accepted when verifying); line 4 is the *global* signature
  over ``signature || trusted comment``, so the trusted comment cannot be changed;
- secret key: ``"Ed" || kdf_alg || "B2" || salt (32) || opslimit (u64 LE) || memlimit (u64
  LE) || key_id || Ed25519 seed+public (64) || checksum (32)``, the last 104 bytes XORed
  with scrypt(password) when ``kdf_alg`` is "Sc" (libsodium's scryptsalsa208sha256, whose
  opslimit/memlimit -> N, r, p rule is reproduced in :func:`_scrypt_params`), stored as is
  when it is two zero bytes (``--unencrypted``, for throw-away build keys only). The
  checksum is BLAKE2b-256 of ``"Ed" || key_id || secret key``.
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import os
import struct
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

SIG_ALG = b"Ed"
PREHASHED = b"ED"
KDF_SCRYPT = b"Sc"
KDF_NONE = b"\x00\x00"
CKSUM_ALG = b"B2"
# minisign's defaults (libsodium's "sensitive" scryptsalsa208sha256 limits): 1 GiB, ~2 s.
OPSLIMIT = 33554432
MEMLIMIT = 1073741824


class SignError(Exception):
    pass


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes
    key: bytes  # 32 bytes

    @property
    def id_hex(self) -> str:
        """The key id as minisign prints it (little-endian number, upper-case hex)."""
        return self.key_id[::-1].hex().upper()

    def line(self) -> str:
        return base64.b64encode(SIG_ALG + self.key_id + self.key).decode("ascii")

    def text(self, comment: str | None = None) -> str:
        return (f"untrusted comment: {comment or 'minisign public key ' + self.id_hex}\n"
                f"{self.line()}\n")

    @classmethod
    def parse(cls, text: str) -> PublicKey:
        lines = [x.strip() for x in text.strip().splitlines() if x.strip()]
        if not lines:
            raise SignError("empty public key")
        line = lines[-1] if lines[0].startswith("untrusted comment:") else lines[0]
        try:
            raw = base64.b64decode(line, validate=True)
        except ValueError:
            raise SignError("the public key is not valid base64") from None
        if len(raw) != 42 or raw[:2] != SIG_ALG:
            raise SignError("not a minisign Ed25519 public key")
        return cls(raw[2:10], raw[10:])


@dataclass(frozen=True)
class SecretKey:
    key_id: bytes
    seed: bytes  # 32 bytes

    @property
    def private(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.seed)

    @property
    def public(self) -> PublicKey:
        pub = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return PublicKey(self.key_id, pub)

    @classmethod
    def generate(cls) -> SecretKey:
        return cls(os.urandom(8), os.urandom(32))

    def _keynum(self, with_checksum: bool) -> bytes:
        sk = self.seed + self.public.key
        cksum = hashlib.blake2b(SIG_ALG + self.key_id + sk, digest_size=32).digest() \
            if with_checksum else bytes(32)
        return self.key_id + sk + cksum

    def text(self, password: str | None, opslimit: int = OPSLIMIT,
             memlimit: int = MEMLIMIT) -> str:
        """The secret key file (encrypted with ``password``; None: unencrypted)."""
        if password is None:
            body = SIG_ALG + KDF_NONE + CKSUM_ALG + bytes(32) + bytes(16) + self._keynum(False)
            comment = "minisign secret key (UNENCRYPTED)"
        else:
            salt = os.urandom(32)
            stream = _kdf(password, salt, opslimit, memlimit)
            keynum = bytes(a ^ b for a, b in zip(self._keynum(True), stream, strict=True))
            body = (SIG_ALG + KDF_SCRYPT + CKSUM_ALG + salt
                    + struct.pack("<QQ", opslimit, memlimit) + keynum)
            comment = "minisign encrypted secret key"
        return f"untrusted comment: {comment}\n{base64.b64encode(body).decode('ascii')}\n"

    @classmethod
    def parse(cls, text: str, password: str | None = None) -> SecretKey:
        lines = [x.strip() for x in text.strip().splitlines() if x.strip()]
        if not lines:
            raise SignError("empty secret key file")
        try:
            raw = base64.b64decode(lines[-1], validate=True)
        except ValueError:
            raise SignError("the secret key is not valid base64") from None
        if len(raw) != 158 or raw[:2] != SIG_ALG or raw[4:6] != CKSUM_ALG:
            raise SignError("not a minisign Ed25519 secret key")
        kdf, salt = raw[2:4], raw[6:38]
        opslimit, memlimit = struct.unpack("<QQ", raw[38:54])
        keynum = raw[54:]
        if kdf == KDF_SCRYPT:
            if password is None:
                raise SignError("this secret key is encrypted: a password is needed")
            stream = _kdf(password, salt, opslimit, memlimit)
            keynum = bytes(a ^ b for a, b in zip(keynum, stream, strict=True))
        elif kdf != KDF_NONE:
            raise SignError("unknown key derivation in the secret key")
        key_id, sk, cksum = keynum[:8], keynum[8:72], keynum[72:]
        want = hashlib.blake2b(SIG_ALG + key_id + sk, digest_size=32).digest()
        if (kdf == KDF_SCRYPT or any(cksum)) and not hmac.compare_digest(cksum, want):
            raise SignError("wrong password, or a damaged secret key")
        key = cls(key_id, sk[:32])
        if key.public.key != sk[32:]:
            raise SignError("the secret key is inconsistent (damaged?)")
        return key


def _scrypt_params(opslimit: int, memlimit: int) -> tuple[int, int, int]:
    """libsodium's pickparams for scryptsalsa208sha256: (N, r, p)."""
    opslimit = max(opslimit, 32768)
    r = 8
    if opslimit < memlimit // 32:
        p = 1
        max_n = opslimit // (r * 4)
        n_log2 = 1
        while n_log2 < 63 and (1 << n_log2) <= max_n // 2:
            n_log2 += 1
    else:
        max_n = memlimit // (r * 128)
        n_log2 = 1
        while n_log2 < 63 and (1 << n_log2) <= max_n // 2:
            n_log2 += 1
        max_rp = min((opslimit // 4) // (1 << n_log2), 0x3FFFFFFF)
        p = max_rp // r
    return 1 << n_log2, r, max(p, 1)


def _kdf(password: str, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    n, r, p = _scrypt_params(opslimit, memlimit)
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=128 * r * n * p + 256 * 1024 * 1024, dklen=104)


def sign_bytes(data: bytes, key: SecretKey, trusted_comment: str | None = None,
               untrusted_comment: str | None = None) -> str:
    """The ``.minisig`` text for ``data`` (prehashed, like minisign's default)."""
    if trusted_comment is None:
        trusted_comment = f"timestamp:{int(time.time())}"
    if "\n" in trusted_comment or "\r" in trusted_comment:
        raise SignError("the trusted comment must be one line")
    digest = hashlib.blake2b(data, digest_size=64).digest()
    signature = key.private.sign(digest)
    global_sig = key.private.sign(signature + trusted_comment.encode("utf-8"))
    untrusted = untrusted_comment or f"signature from minisign secret key {key.public.id_hex}"
    return (f"untrusted comment: {untrusted}\n"
            f"{base64.b64encode(PREHASHED + key.key_id + signature).decode('ascii')}\n"
            f"trusted comment: {trusted_comment}\n"
            f"{base64.b64encode(global_sig).decode('ascii')}\n")


def verify_bytes(data: bytes, sig_text: str, pub: PublicKey) -> str:
    """Check a ``.minisig``; return its trusted comment, or raise SignError."""
    lines = sig_text.splitlines()
    if len(lines) < 4 or not lines[0].startswith("untrusted comment:") \
            or not lines[2].startswith("trusted comment: "):
        raise SignError("not a minisign signature file")
    try:
        raw = base64.b64decode(lines[1].strip(), validate=True)
        global_sig = base64.b64decode(lines[3].strip(), validate=True)
    except ValueError:
        raise SignError("the signature is not valid base64") from None
    if len(raw) != 74 or raw[:2] not in (SIG_ALG, PREHASHED) or len(global_sig) != 64:
        raise SignError("not a minisign Ed25519 signature")
    if raw[2:10] != pub.key_id:
        raise SignError(f"signed with another key (key id {raw[2:10][::-1].hex().upper()}, "
                        f"expected {pub.id_hex})")
    signature = raw[10:]
    message = hashlib.blake2b(data, digest_size=64).digest() if raw[:2] == PREHASHED else data
    trusted = lines[2][len("trusted comment: "):]
    verifier = Ed25519PublicKey.from_public_bytes(pub.key)
    try:
        verifier.verify(signature, message)
    except InvalidSignature:
        raise SignError("signature verification FAILED: the file was changed or the "
                        "signature is not for it") from None
    try:
        verifier.verify(global_sig, signature + trusted.encode("utf-8"))
    except InvalidSignature:
        raise SignError("the trusted comment was changed") from None
    return trusted


def sha256sums(files: list[Path], base: Path) -> str:
    """``sha256sum``-format lines (verifiable with ``sha256sum -c``)."""
    out = []
    for f in sorted(files, key=lambda p: p.relative_to(base).as_posix()):
        h = hashlib.sha256()
        with f.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        out.append(f"{h.hexdigest()}  {f.relative_to(base).as_posix()}\n")
    return "".join(out)


# -- command line ----------------------------------------------------------------------------
def _password(confirm: bool) -> str:
    env = os.environ.get("CHECKUP_SIGNING_PASSWORD")
    if env is not None:
        return env
    first = getpass.getpass("Secret key password: ")
    if confirm and getpass.getpass("Again: ") != first:
        raise SignError("the passwords differ")
    return first


def _load_secret(path: str) -> SecretKey:
    text = Path(path).read_text(encoding="ascii")
    raw = base64.b64decode(text.strip().splitlines()[-1])
    password = _password(False) if raw[2:4] == KDF_SCRYPT else None
    return SecretKey.parse(text, password)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.sign", description=__doc__.split(
        "\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("keygen", help="make a key pair")
    g.add_argument("--secret", required=True)
    g.add_argument("--public", required=True)
    g.add_argument("--unencrypted", action="store_true",
                   help="do not encrypt the secret key (throw-away build keys only)")
    g.add_argument("--comment", help="untrusted comment of the public key")
    g.add_argument("--force", action="store_true")
    s = sub.add_parser("sign", help="sign files (writes FILE.minisig)")
    s.add_argument("--secret", required=True)
    s.add_argument("--trusted-comment")
    s.add_argument("files", nargs="+")
    v = sub.add_parser("verify", help="verify FILE against FILE.minisig")
    who = v.add_mutually_exclusive_group(required=True)
    who.add_argument("--public")
    who.add_argument("--pubkey", help="the public key as one base64 line (RW...)")
    v.add_argument("--sig")
    v.add_argument("file")
    args = parser.parse_args(argv)
    try:
        if args.cmd == "keygen":
            for p in (args.secret, args.public):
                if Path(p).exists() and not args.force:
                    raise SignError(f"{p} exists (add --force to replace it)")
            key = SecretKey.generate()
            secret_text = key.text(None if args.unencrypted else _password(True))
            # the secret key: through Checkup's one atomic write (mode 0600, never through a
            # link, never half written); the public key is published, a plain write
            from checks.engine.safe_write import write_text

            write_text(args.secret, secret_text, replace=args.force)
            Path(args.public).write_text(key.public.text(args.comment), encoding="ascii")
            print(f"public key (publish this): {key.public.line()}")
        elif args.cmd == "sign":
            key = _load_secret(args.secret)
            for f in args.files:
                sig = sign_bytes(Path(f).read_bytes(), key, args.trusted_comment)
                Path(f + ".minisig").write_text(sig, encoding="utf-8")
                print(f"signed {f} -> {f}.minisig")
        else:
            pub = PublicKey.parse(args.pubkey if args.pubkey else
                                  Path(args.public).read_text(encoding="ascii"))
            sig_path = args.sig or args.file + ".minisig"
            trusted = verify_bytes(Path(args.file).read_bytes(),
                                   Path(sig_path).read_text(encoding="utf-8"), pub)
            print(f"Signature and comment signature verified\nTrusted comment: {trusted}")
    except (SignError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
