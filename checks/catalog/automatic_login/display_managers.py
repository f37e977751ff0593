"""Pure readers of the display managers' automatic-login settings (config text in,
``(state, user)`` out, state "on", "off" or "unclear"): GDM (``AutomaticLoginEnable`` /
``TimedLoginEnable`` in ``[daemon]``), LightDM (``autologin-user``), SDDM (``[Autologin]
User=``) and greetd (``[initial_session]``)."""

from __future__ import annotations

from checks.catalog.readers.config_files import parse_bool, parse_ini


def gdm_autologin(text: str) -> tuple[str, str]:
    daemon = parse_ini(text).get("daemon", {})
    state = "off"
    user = ""
    for flag, who in (("AutomaticLoginEnable", "AutomaticLogin"),
                      ("TimedLoginEnable", "TimedLogin")):
        if flag not in daemon:
            continue
        value = parse_bool(daemon[flag])
        if value is None:
            state = "unclear" if state == "off" else state
        elif value:
            state, user = "on", daemon.get(who, "") or user
    return state, user


def lightdm_autologin(settings: dict[str, str]) -> tuple[str, str]:
    user = settings.get("autologin-user", "").strip()
    return ("on", user) if user else ("off", "")


def sddm_autologin(texts: list[str]) -> tuple[str, str]:
    user = ""
    for text in texts:  # later files win
        section = parse_ini(text).get("Autologin", {})
        if "User" in section:
            user = section["User"].strip()
    return ("on", user) if user else ("off", "")


def greetd_autologin(text: str) -> tuple[str, str]:
    section = parse_ini(text).get("initial_session")
    if section is None:
        return "off", ""
    return "on", section.get("user", "").strip().strip("\"'")
