"""The minisign public keys a data pack may be signed with (checks/engine/datapack.py).

A release trusts exactly two keys, the same as packaging/keys/release.pub and rotation.pub
(tests/test_datapack.py holds them equal): the release key, and the rotation key that takes
over if the release key must be retired. Their secret halves are kept by the maintainers,
never in the repository. A developer build (checks/engine/build_flags.py) also trusts the one
key ``CHECKUP_DEVELOPER_PACK_KEY`` names (checks/engine/developer.py); a release cannot.
"""

from __future__ import annotations

from dataclasses import dataclass

from checks.engine import build_flags
from checks.engine.minisign import PublicKey, SignatureError

RELEASE_KEY = "RWTUKdYAaXs4Z2lzHsPbCLZAiJbt189gVOXOC6iorLvgHSjWtAAXB3nE"
ROTATION_KEY = "RWQuspSEQyOpWlvt4ZszUnt5jcX54cI5W5mNSH1DMmFUIOTITscot6AX"


@dataclass(frozen=True)
class TrustedKey:
    role: str  # "release", "rotation" or "developer"
    key: PublicKey


def trusted_keys() -> list[TrustedKey]:
    keys = [TrustedKey("release", PublicKey.parse(RELEASE_KEY)),
            TrustedKey("rotation", PublicKey.parse(ROTATION_KEY))]
    switches = build_flags.developer_switches()
    text = switches.extra_pack_key_text() if switches is not None else None
    if text:
        try:
            keys.append(TrustedKey("developer", PublicKey.parse(text)))
        except SignatureError:
            pass  # not a key: trust nothing more
    return keys
