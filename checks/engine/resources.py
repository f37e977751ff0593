"""Where the bundled, read-only resources live.

In order: ``CHECKUP_RESOURCES``, a developer switch honoured only in a developer build
(checks/engine/developer.py, which a release bundle does not contain; tests point it at a
folder of their own), a frozen PyInstaller bundle (``resources/`` beside the program), the
installed package ``checkup_resources`` found through ``importlib.resources`` (a wheel, or ``pip install -e``,
where pyproject.toml maps the repository's ``resources/`` folder to that name), and last the
``resources/`` folder of a source checkout run without installing.
"""

from __future__ import annotations

import importlib.resources
import sys
from functools import lru_cache
from pathlib import Path

from checks.engine import build_flags

PACKAGE = "checkup_resources"


@lru_cache(maxsize=1)
def _installed() -> Path | None:
    try:
        root = importlib.resources.files(PACKAGE)
    except (ModuleNotFoundError, TypeError, ValueError):
        return None
    # A wheel installs as ordinary files, so the traversable is a real folder; anything else
    # (a zip import) is not supported rather than half-read.
    return root if isinstance(root, Path) and root.is_dir() else None


def resource_dir() -> Path:
    switches = build_flags.developer_switches()
    override = switches.resources_override() if switches is not None else None
    if override is not None:
        return override
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    installed = _installed()
    if installed is not None:
        return installed
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
