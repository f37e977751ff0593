"""Which settings database ``gsettings`` reads, and whether it is the desktop's.

Checkup runs ``gsettings`` without the variables that move GSettings to another database
(tool_env.py): it always reads the default dconf "user" database under ``~/.config``. When
the person's session sets one of them to something else, that is not the database their
desktop uses, so a check reading desktop settings through gsettings says ``unknown`` and
names the variable, rather than report another database's values.
"""

from __future__ import annotations

import posixpath

from checks.engine.host import PlatformInfo
from checks.engine.model import Evidence

# variable -> the values that keep GSettings on the default dconf user database
DEFAULT_VALUES = {
    "GSETTINGS_BACKEND": ("dconf",),
    "DCONF_PROFILE": ("user",),
}


def moved_settings_database(platform: PlatformInfo) -> Evidence | None:
    """The evidence line naming what moves the desktop's settings elsewhere, or None when
    gsettings reads the desktop's own database."""
    env = platform.env
    for name, defaults in DEFAULT_VALUES.items():
        value = env.get(name)
        if value and value not in defaults:
            return Evidence(name, f"{value[:120]}: the desktop's settings are not in the "
                                  "database gsettings reads, so they were not read")
    config = env.get("XDG_CONFIG_HOME")
    home = platform.home or env.get("HOME", "")
    if config:
        default = posixpath.join(home, ".config") if home else ""
        if not default or posixpath.normpath(config) != posixpath.normpath(default):
            return Evidence("XDG_CONFIG_HOME", f"{config[:120]}: the desktop's dconf "
                                               "database is not the one under ~/.config "
                                               "that gsettings reads, so it was not read")
    return None
