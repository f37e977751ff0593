"""LightDM's settings: its main file and drop-in folders, merged in the order LightDM reads
them (for the automatic-login and guest-account checks).
"""

from __future__ import annotations

from checks.catalog.readers.config_files import ConfigFiles, parse_ini, read_config_files
from checks.engine.registry import Scan

LIGHTDM_DIRS = ("/usr/share/lightdm/lightdm.conf.d", "/etc/xdg/lightdm/lightdm.conf.d",
                "/etc/lightdm/lightdm.conf.d")
LIGHTDM_MAIN = "/etc/lightdm/lightdm.conf"


def read_lightdm(scan: Scan) -> tuple[dict[str, str], ConfigFiles]:
    """LightDM's effective seat settings and the files they came from. LightDM reads
    /usr/share/lightdm/lightdm.conf.d, /etc/xdg/lightdm/lightdm.conf.d,
    /etc/lightdm/lightdm.conf.d and then /etc/lightdm/lightdm.conf; later files win.
    Seat sections are [Seat:*] (or the older [SeatDefaults]) and [Seat:seat0]."""
    conf = read_config_files(scan, LIGHTDM_DIRS, [LIGHTDM_MAIN])
    merged: dict[str, str] = {}
    for _path, text in conf.files:
        ini = parse_ini(text)
        for section in ("SeatDefaults", "Seat:*", "Seat:seat0"):
            merged.update(ini.get(section, {}))
    return merged, conf
