"""checks/engine/minisign.py against files the real minisign tool made: its default
(prehashed, "ED") and legacy ("Ed", ``-l``) signatures verify; a key file that is not a
key, and a signature that is not one, are refused as such."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from checks.engine.minisign import PublicKey, Signature, SignatureError, verify
from tests.pack_support import MINISIGN, make_key, needs_minisign

pytestmark = needs_minisign


@pytest.mark.parametrize("legacy", [False, True], ids=["prehashed", "legacy"])
def test_minisign_signatures_verify_and_a_changed_file_does_not(tmp_path: Path,
                                                                legacy: bool) -> None:
    secret, public = make_key(tmp_path)
    target = tmp_path / "notes.txt"
    target.write_bytes(b"support ends 2026-06-10\n")
    subprocess.run([str(MINISIGN), "-S", *(["-l"] if legacy else []), "-s", str(secret),  # noqa: S603
                    "-m", str(target), "-t", "notes"], check=True, capture_output=True)
    sig = Signature.parse((tmp_path / "notes.txt.minisig").read_text(encoding="utf-8"))
    assert sig.algorithm == (b"Ed" if legacy else b"ED") and sig.trusted_comment == "notes"
    key = PublicKey.parse(public.read_text(encoding="ascii"))
    assert verify(target.read_bytes(), sig, [key]) == key
    with pytest.raises(SignatureError) as bad:
        verify(b"support ends 2027-06-10\n", sig, [key])
    assert bad.value.kind == "bad"


@pytest.mark.parametrize("text", ["", "untrusted comment: x\nnot base64!\n", "RWQ" + "A" * 49, "U" + "A" * 55,
                                  "untrusted comment: a\nRWQ=\nRWQ=\n"])
def test_what_is_not_a_public_key_is_refused(text: str) -> None:
    with pytest.raises(SignatureError) as exc:
        PublicKey.parse(text)
    assert exc.value.kind == "format"


@pytest.mark.parametrize("text", ["", "untrusted comment: x\n", "a\nb\nc\nd\n",
                                  "untrusted comment: x\nRUQ=\ntrusted comment: y\nAA==\n",
                                  "untrusted comment: x\n" + "A" * 5000])
def test_what_is_not_a_signature_is_refused(text: str) -> None:
    with pytest.raises(SignatureError) as exc:
        Signature.parse(text)
    assert exc.value.kind == "format"
