"""What kind of build this is, decided when the program is built, not when it runs.

``DEVELOPER_BUILD`` is True in a source checkout (and an editable install of one) and False
in a release bundle and an installed wheel, because packaging/checkup.spec and setup.py leave
checks/engine/developer.py out of both. Only a developer build honours the developer switches that module reads
(``CHECKUP_RESOURCES``, ``CHECKUP_DEVELOPER_PACK_KEY``); tests set ``DEVELOPER_BUILD`` to
False to walk the release path.
"""

from __future__ import annotations

import importlib
from types import ModuleType

_developer: ModuleType | None
try:
    _developer = importlib.import_module("checks.engine.developer")
except ImportError:  # a release bundle: the module is not in it
    _developer = None

DEVELOPER_BUILD: bool = _developer is not None


def developer_switches() -> ModuleType | None:
    """checks.engine.developer in a developer build; None in a release."""
    return _developer if DEVELOPER_BUILD else None
