"""Release checksums and their minisign signature, for tools/package.py.

    python -m tools.sign verify --public KEY.pub FILE [--sig FILE.minisig]
    python -m tools.sign verify --pubkey RW... FILE

Signing is done by the real ``minisign`` tool (https://jedisct1.github.io/minisign/), which
asks for the secret key's password itself: this module only runs it (:func:`sign_file`, and
:func:`throwaway_key` for a development build's one-time key, ``minisign -G -W`` in a
temporary folder). Checking uses the app's own small verifier (checks/engine/minisign.py),
the same code that checks data packs, so a release and a pack are verified alike.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from checks.engine.minisign import PublicKey, Signature, SignatureError, verify


class SignError(Exception):
    pass


def _minisign() -> str:
    tool = shutil.which("minisign")
    if tool is None:
        raise SignError("the minisign tool is not installed (Debian and Ubuntu: apt install "
                        "minisign; https://jedisct1.github.io/minisign/)")
    return tool


def throwaway_key(folder: Path) -> tuple[Path, PublicKey]:
    """A key pair without password made by ``minisign -G -W`` in ``folder`` (a temporary
    folder the caller deletes): (secret key file, public key)."""
    secret, public = folder / "ephemeral.key", folder / "ephemeral.pub"
    proc = subprocess.run([_minisign(), "-G", "-W", "-s", str(secret), "-p",  # noqa: S603
                           str(public)], capture_output=True, text=True, check=False, timeout=60)
    if proc.returncode != 0:
        raise SignError(f"minisign could not make a key: {proc.stderr.strip()}")
    return secret, PublicKey.parse(public.read_text(encoding="ascii"))


def sign_file(path: Path, secret: Path, trusted_comment: str) -> Path:
    """``minisign -S``: writes ``path``.minisig and returns it (minisign may ask for the
    key's password on the terminal)."""
    proc = subprocess.run([_minisign(), "-S", "-s", str(secret), "-m", str(path),  # noqa: S603
                           "-t", trusted_comment], check=False, timeout=600)
    if proc.returncode != 0:
        raise SignError(f"minisign could not sign {path.name} (exit {proc.returncode})")
    return path.with_name(path.name + ".minisig")


def verify_bytes(data: bytes, sig_text: str, pub: PublicKey) -> str:
    """Check a ``.minisig`` for ``data``; its trusted comment, or SignError."""
    try:
        sig = Signature.parse(sig_text)
        verify(data, sig, [pub])
    except SignatureError as exc:
        raise SignError(str(exc)) from None
    return sig.trusted_comment


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.sign",
                                     description="verify FILE against FILE.minisig")
    sub = parser.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("verify", help="verify FILE against FILE.minisig")
    who = v.add_mutually_exclusive_group(required=True)
    who.add_argument("--public")
    who.add_argument("--pubkey", help="the public key as one base64 line (RW...)")
    v.add_argument("--sig")
    v.add_argument("file")
    args = parser.parse_args(argv)
    try:
        pub = PublicKey.parse(args.pubkey if args.pubkey else
                              Path(args.public).read_text(encoding="ascii"))
        sig_path = args.sig or args.file + ".minisig"
        trusted = verify_bytes(Path(args.file).read_bytes(),
                               Path(sig_path).read_text(encoding="utf-8"), pub)
    except (SignError, SignatureError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Signature and comment signature verified\nTrusted comment: {trusted}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
