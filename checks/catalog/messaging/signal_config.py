"""Signal Desktop's config.json: where it is for this user, and which key fields it holds
(pure: text in, field names out; the key's value never leaves ``parse_signal_config``).

Signal keeps the key to its message database in ``config.json``: ``encryptedKey`` when the
key is protected by the OS keystore (Keychain, DPAPI, a Linux keyring), a plain ``key``
otherwise; on Linux ``safeStorageBackend`` names the keyring, and ``basic_text`` means a fixed
built-in password, so effectively in clear (Signal-Desktop app/main.ts ``getSQLKey``)."""

from __future__ import annotations

import json
import ntpath
import posixpath
import re

from checks.catalog.messaging.facts import (
    SIGNAL_BASIC_TEXT,
    SIGNAL_KEYSTORE,
    SIGNAL_NO_KEY,
    SIGNAL_PLAIN,
    SIGNAL_UNREADABLE,
)
from checks.catalog.readers import apps
from checks.engine.host import PlatformInfo

_BACKEND_RE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


def signal_config_paths(platform: PlatformInfo) -> list[str]:
    """Where Signal Desktop (and Signal Beta) keep config.json for this user."""
    env = platform.env
    home = apps.home_of(platform)
    family = platform.family
    out: list[str] = []
    if family == "windows":
        appdata = env.get("APPDATA") or (ntpath.join(home, "AppData", "Roaming") if home else "")
        if appdata:
            out += [ntpath.join(appdata, "Signal", "config.json"),
                    ntpath.join(appdata, "Signal Beta", "config.json")]
        return out
    if not home:
        return out
    if family == "macos":
        support = posixpath.join(home, "Library", "Application Support")
        return [posixpath.join(support, "Signal", "config.json"),
                posixpath.join(support, "Signal Beta", "config.json")]
    config_home = env.get("XDG_CONFIG_HOME") or posixpath.join(home, ".config")
    return [
        posixpath.join(config_home, "Signal", "config.json"),
        posixpath.join(config_home, "Signal Beta", "config.json"),
        posixpath.join(home, ".var", "app", "org.signal.Signal", "config", "Signal", "config.json"),
        posixpath.join(home, "snap", "signal-desktop", "current", ".config", "Signal",
                       "config.json"),
    ]


def parse_signal_config(text: str | None) -> tuple[str, bool, bool, str | None]:
    """(state, has encryptedKey, has plain key, safeStorageBackend) from config.json text.

    Only the presence of the key fields is kept; their values never leave this function.
    """
    try:
        data = json.loads(text or "")
    except ValueError:
        return SIGNAL_UNREADABLE, False, False, None
    if not isinstance(data, dict):
        return SIGNAL_UNREADABLE, False, False, None
    enc = isinstance(data.get("encryptedKey"), str) and bool(data["encryptedKey"])
    plain = isinstance(data.get("key"), str) and bool(data["key"])
    raw_backend = data.get("safeStorageBackend")
    backend = raw_backend if isinstance(raw_backend, str) and _BACKEND_RE.match(raw_backend) \
        else None
    if plain:
        state = SIGNAL_PLAIN
    elif enc and backend == "basic_text":
        state = SIGNAL_BASIC_TEXT
    elif enc:
        state = SIGNAL_KEYSTORE
    else:
        state = SIGNAL_NO_KEY
    return state, enc, plain, backend
