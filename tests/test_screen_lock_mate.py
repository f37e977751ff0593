"""Screen lock on MATE (issue 21): mate-screensaver's own settings decide, read through
gsettings like GNOME's, with MATE's units (minutes) and its idle-activation switch.

The cases are written here with the fixture builder. What the keys mean and their defaults
are those of the schemas Debian 12 ships (mate-screensaver-common 1.26.1,
org.mate.screensaver.gschema.xml: idle-activation-enabled true, lock-enabled true, lock-delay
0 "minutes after screensaver activation before locking"; mate-session-manager 1.26.0,
org.mate.session.gschema.xml: idle-delay 5 "minutes of inactivity before the session is
considered idle"); the menu labels are mate-screensaver-preferences' own. gsettings prints an
int32 without a type prefix ("5"), unlike GNOME's uint32 ("uint32 300").
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from checks.engine.host import PlatformInfo
from checks.engine.i18n import translator
from checks.engine.model import Finding, Status
from tests.engine_support import run_on
from tools.snapshot_builder import Fixture, Meta, command

SCREENSAVER, SESSION = "org.mate.screensaver", "org.mate.session"
DEFAULTS = {(SCREENSAVER, "lock-enabled"): "true",
            (SCREENSAVER, "idle-activation-enabled"): "true",
            (SESSION, "idle-delay"): "5", (SCREENSAVER, "lock-delay"): "0"}


def _mate(values: Mapping[tuple[str, str], str | None], desktop: str = "MATE") -> Finding:
    commands = [command(["gsettings", "get", schema, key], f"{value}\n") if value is not None
                else command(["gsettings", "get", schema, key], "", returncode=1)
                for (schema, key), value in values.items()]
    fx = Fixture(
        platform=PlatformInfo("Linux", "6.1.0-27-amd64", "#1 SMP Debian 6.1.115-1", "x86_64",
                              "/home/amira", {"HOME": "/home/amira",
                                              "XDG_CURRENT_DESKTOP": desktop}),
        checks=["screen-lock"], recorded_at="2026-12-01T09:00:00+00:00",
        meta=Meta(name="mate", source="synthetic: see the module docstring"),
        commands=commands)
    return run_on(fx.snapshot(), "screen-lock")


def _summary(f: Finding) -> str:
    return translator("en").render(f.summary)


def test_mates_defaults_lock_after_five_minutes() -> None:
    f = _mate(DEFAULTS)
    assert f.status is Status.PASS, _summary(f)
    assert "about 5 minutes" in _summary(f)
    assert f.data["lock_after_seconds"] == 300
    assert any("org.mate.session idle-delay" in e.source for e in f.evidence)


def test_idle_time_and_lock_delay_are_minutes_added_together() -> None:
    f = _mate({**DEFAULTS, (SESSION, "idle-delay"): "10", (SCREENSAVER, "lock-delay"): "5"})
    assert f.status is Status.FAIL and "about 15 minutes" in _summary(f)


def test_a_screensaver_that_never_starts_by_itself_never_locks() -> None:
    f = _mate({**DEFAULTS, (SCREENSAVER, "idle-activation-enabled"): "false"})
    assert f.status is Status.FAIL
    assert "never starts by itself" in _summary(f)


def test_lock_off_fails() -> None:
    f = _mate({**DEFAULTS, (SCREENSAVER, "lock-enabled"): "false"})
    assert f.status is Status.FAIL and f.data["lock_after_seconds"] is None


@pytest.mark.parametrize("broken", [(SESSION, "idle-delay"),
                                    (SCREENSAVER, "idle-activation-enabled")])
def test_a_setting_that_cannot_be_read_is_unknown_with_mates_own_advice(
        broken: tuple[str, str]) -> None:
    f = _mate({**DEFAULTS, broken: None})
    assert f.status is Status.UNKNOWN
    advice = " ".join(translator("en").render(d) for d in f.details)
    assert "Lock screen when screensaver is active" in advice


def test_mate_is_told_by_its_name_in_a_list_of_desktops() -> None:
    assert _mate(DEFAULTS, desktop="MATE:GNOME").status is Status.PASS
