"""dnf-automatic's automatic.conf and KDE's PlasmaDiscoverUpdates (pure): INI files whose
section and key names are looked up here without regard to case."""

from __future__ import annotations

from checks.catalog.readers import config_files as _config_files


def parse_ini(text: str) -> dict[str, dict[str, str]]:
    """dnf's automatic.conf, KDE's PlasmaDiscoverUpdates: the shared INI reader
    (``_config_files.parse_ini``) with section and key names lower-cased, as those are looked up
    here without regard to case."""
    out: dict[str, dict[str, str]] = {}
    for section, values in _config_files.parse_ini(text).items():
        out.setdefault(section.lower(), {}).update((k.lower(), v) for k, v in values.items())
    return out
