"""Developer switches: present in a source checkout and an editable install, ABSENT from a
release bundle and a wheel (packaging/checkup.spec and setup.py leave this module out;
checks/engine/build_flags.py notices that it is missing). Nothing here can be turned on in a release by an environment
variable or a file, because the code that would read them is not there.

- ``CHECKUP_RESOURCES=<folder>`` replaces the whole bundled resources tree (guidance, data,
  translations, demo machines) with another folder, unverified: for tests and for trying a
  change to the data without reinstalling.
- ``CHECKUP_DEVELOPER_PACK_KEY=<file.pub>`` adds one more minisign public key to the keys
  data packs may be signed with (tests, and the README's walk-through, which signs a pack
  with a key made for it). A release trusts only packaging/keys/release.pub and
  rotation.pub.
"""

from __future__ import annotations

import os
from pathlib import Path

RESOURCES_ENV = "CHECKUP_RESOURCES"
PACK_KEY_ENV = "CHECKUP_DEVELOPER_PACK_KEY"
MAX_KEY_FILE = 4096


def resources_override() -> Path | None:
    value = os.environ.get(RESOURCES_ENV)
    return Path(value) if value else None


def extra_pack_key_text() -> str | None:
    """The text of the developer's public key file, or None (unset, unreadable)."""
    value = os.environ.get(PACK_KEY_ENV)
    if not value:
        return None
    try:
        with open(value, "rb") as fh:
            return fh.read(MAX_KEY_FILE).decode("ascii", "replace")
    except OSError:
        return None
