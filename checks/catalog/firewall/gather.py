"""Reading the machine for the firewall check: the registry, the firewall service and
Security Center on Windows; socketfilterfw (and, before macOS 15, its property list) on
macOS; the Linux front ends' services and readable settings. No verdicts here."""

from __future__ import annotations

import re
from typing import Any

from checks.catalog.firewall.facts import FrontEnd, LinuxFacts, MacFacts, WindowsFacts
from checks.catalog.firewall.rules import parse_iptables_save, parse_nft_config
from checks.catalog.firewall.socketfilterfw import (
    alf_plist_is_the_setting,
    parse_alf_state,
    parse_stealth,
)
from checks.catalog.firewall.windows_values import decode_product_state, registry_flag
from checks.catalog.readers.config_files import ini_junk, parse_ini, parse_shell_vars
from checks.catalog.readers.plist import read_plist
from checks.catalog.readers.systemd import UnitState, systemd_units
from checks.engine.context import CONTAINER, WSL
from checks.engine.model import Evidence
from checks.engine.registry import Scan
from checks.engine.winfacts import ps_fact

SOCKETFILTERFW = "/usr/libexec/ApplicationFirewall/socketfilterfw"
FIREWALLD_CONF = "/etc/firewalld/firewalld.conf"
ALF_PLIST = "/Library/Preferences/com.apple.alf.plist"

WIN_POLICY_BASE = r"HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy"
WIN_GPO_BASE = r"HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall"
WIN_MPSSVC = r"HKLM\SYSTEM\CurrentControlSet\Services\MpsSvc"
# registry key name -> name shown in Windows' own settings
WIN_PROFILES = (("DomainProfile", "Domain"), ("StandardProfile", "Private"),
                ("PublicProfile", "Public"))

LINUX_UNITS = ("ufw.service", "firewalld.service", "nftables.service",
               "netfilter-persistent.service", "iptables.service")

FIREWALL_PRODUCTS = ps_fact(
    "firewall_products",
    r"""
$p = Get-CimInstance -Namespace root/SecurityCenter2 -ClassName FirewallProduct -ErrorAction Stop
,@($p | ForEach-Object { [ordered]@{ name = [string]$_.displayName; state = [int64]$_.productState } })
""",
)


# ============================================================================= Windows
def _profile(scan: Scan, key: str, evidence: list[Evidence]) -> tuple[int | None, bool]:
    """One profile's EnableFirewall (Group Policy wins over the local setting), and whether
    the value found was not a flag."""
    local = scan.host.registry_values(f"{WIN_POLICY_BASE}\\{key}", names=["EnableFirewall"])
    gpo = scan.host.registry_values(f"{WIN_GPO_BASE}\\{key}", names=["EnableFirewall"])
    if gpo and "EnableFirewall" in gpo:
        value = registry_flag(gpo["EnableFirewall"])
        evidence.append(Evidence(f"{WIN_GPO_BASE}\\{key}",
                                 f"EnableFirewall = {gpo['EnableFirewall']!r} (Group Policy)"))
        return value, value is None
    if local is not None and "EnableFirewall" in local:
        value = registry_flag(local["EnableFirewall"])
        evidence.append(Evidence(f"{WIN_POLICY_BASE}\\{key}",
                                 f"EnableFirewall = {local['EnableFirewall']!r}"))
        return value, value is None
    evidence.append(Evidence(f"{WIN_POLICY_BASE}\\{key}",
                             "not readable" if local is None else "no EnableFirewall value"))
    return None, False


def _products(scan: Scan, evidence: list[Evidence]) -> list[tuple[str, bool | None]]:
    products: list[tuple[str, bool | None]] = []
    fact = scan.fact(FIREWALL_PRODUCTS)
    if fact.ok and isinstance(fact.value, (list, dict)):
        items = fact.value if isinstance(fact.value, list) else [fact.value]
        for item in items:
            if isinstance(item, dict) and item.get("name"):
                on = decode_product_state(item.get("state"))
                products.append((str(item["name"]), on))
                evidence.append(Evidence("Security Center (root/SecurityCenter2 FirewallProduct)",
                                         f"{item['name']}: productState {item.get('state')!r}"))
    elif not fact.ok:
        evidence.append(Evidence("Security Center (root/SecurityCenter2 FirewallProduct)",
                                 f"not available: {fact.error[:120]}"))
    return products


def gather_windows(scan: Scan) -> WindowsFacts:
    evidence: list[Evidence] = []
    states: dict[str, int | None] = {}
    garbage = False
    for key, label in WIN_PROFILES:
        states[label], bad = _profile(scan, key, evidence)
        garbage |= bad
    svc = scan.host.registry_values(WIN_MPSSVC, names=["Start"])
    service_disabled = svc is not None and svc.get("Start") == 4
    if svc and "Start" in svc:
        evidence.append(Evidence(WIN_MPSSVC, f"Start = {svc['Start']!r}"))
    products = _products(scan, evidence)
    return WindowsFacts(states, garbage, service_disabled, tuple(products), tuple(evidence))


# =============================================================================== macOS
def _alf_plist_state(scan: Scan, evidence: list[Evidence]) -> int | None:
    plist, why = read_plist(scan, ALF_PLIST)
    if plist is not None and isinstance(plist.get("globalstate"), int) \
            and not isinstance(plist.get("globalstate"), bool):
        evidence.append(Evidence(ALF_PLIST, f"globalstate = {plist['globalstate']}"))
        return plist["globalstate"] if plist["globalstate"] in (0, 1, 2) else None
    if why != "absent":
        evidence.append(Evidence(ALF_PLIST, why))
    return None


def _global_state(scan: Scan, evidence: list[Evidence]) -> int | None:
    res = scan.run([SOCKETFILTERFW, "--getglobalstate"])
    state: int | None = None
    if res.ok:
        state = parse_alf_state(res.stdout)
        evidence.append(Evidence("socketfilterfw --getglobalstate",
                                 res.stdout.strip()[:200] or "(no output)"))
    else:
        evidence.append(Evidence("socketfilterfw --getglobalstate", res.describe()))
    if state is None and alf_plist_is_the_setting(scan.host.platform.release):
        state = _alf_plist_state(scan, evidence)
    elif state is None:
        evidence.append(Evidence(ALF_PLIST, "not used: since macOS 15 the firewall's "
                                            "settings are no longer kept in this file"))
    return state


def gather_macos(scan: Scan) -> MacFacts:
    evidence: list[Evidence] = []
    state = _global_state(scan, evidence)
    stealth: bool | None = None
    sres = scan.run([SOCKETFILTERFW, "--getstealthmode"])
    if sres.ok:
        stealth = parse_stealth(sres.stdout)
        evidence.append(Evidence("socketfilterfw --getstealthmode",
                                 sres.stdout.strip()[:200] or "(no output)"))
    return MacFacts(state, stealth, tuple(evidence))


# =============================================================================== Linux
def _front_end_ufw(scan: Scan, unit: UnitState | None, evidence: list[Evidence]
                   ) -> tuple[str, str]:
    """-> (verdict, name): verdict "pass", "open_high", "accept_all", "unknown", "off" or
    "absent"."""
    conf = scan.host.read_text("/etc/ufw/ufw.conf")
    if conf is None:
        if unit is None or not unit.exists:
            return "absent", "ufw"
        # ufw.service stays "active" even when ufw is disabled: only ufw.conf tells.
        evidence.append(Evidence("/etc/ufw/ufw.conf", "not readable"))
        return "unknown", "ufw"
    enabled = parse_shell_vars(conf).get("ENABLED", "").lower()
    evidence.append(Evidence("/etc/ufw/ufw.conf",
                             f"ENABLED={enabled}" if enabled else "no ENABLED line"))
    if enabled == "no":
        return "off", "ufw"
    if enabled != "yes":
        return "unknown", "ufw"
    if unit is None:
        # ENABLED=yes says ufw is meant to start; without the service's state (systemd did
        # not answer) nothing shows that its rules were loaded.
        return "unknown_state", "ufw"
    if not unit.exists:
        # ENABLED=yes but no ufw.service: a settings file left behind by a removed ufw
        # loads no rules, so it is no evidence of a firewall.
        evidence.append(Evidence("systemctl show ufw.service",
                                 "not installed: nothing loads ufw's rules at start-up"))
        return "unknown", "ufw"
    if not unit.running:
        return "unknown", "ufw"
    defaults = scan.host.read_text("/etc/default/ufw")
    policy = parse_shell_vars(defaults).get("DEFAULT_INPUT_POLICY", "").upper()
    if defaults is not None and policy:
        evidence.append(Evidence("/etc/default/ufw", f"DEFAULT_INPUT_POLICY={policy}"))
    if policy == "ACCEPT":
        return "accept_all", "ufw"
    return "pass", "ufw"


def _front_end_firewalld(scan: Scan, unit: UnitState | None, evidence: list[Evidence]
                         ) -> tuple[str, str]:
    if unit is None or not unit.exists:
        return "absent", "firewalld"
    res = scan.run(["firewall-cmd", "--state"])
    said = ""
    if res.ran:
        out = (res.stdout.strip() or res.stderr.strip()).splitlines()
        said = out[0] if out else ""
        evidence.append(Evidence("firewall-cmd --state",
                                 f"{said[:120] or '(no output)'} (exit {res.returncode})"))
    running = unit.running or (res.ok and said == "running")
    if not running:
        return "off", "firewalld"
    text = scan.host.read_text(FIREWALLD_CONF)
    zone = parse_ini("[main]\n" + (text or "")).get("main", {}).get("DefaultZone", "").strip()
    if zone:
        evidence.append(Evidence(FIREWALLD_CONF, f"DefaultZone={zone}"))
    else:
        # Fedora keeps /etc/firewalld readable by root only. Ask firewalld itself (allowed to
        # users by polkit on most systems); a file that is read but names no zone means
        # firewalld's own default, "public".
        got = scan.run(["firewall-cmd", "--get-default-zone"])
        said = got.stdout.strip() if got.ok else ""
        if re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", said):
            zone = said
            evidence.append(Evidence("firewall-cmd --get-default-zone", zone))
        elif text is not None and not ini_junk(text):
            zone = "public"
            evidence.append(Evidence(FIREWALLD_CONF, "no DefaultZone: firewalld's default, "
                                                     "public"))
        else:
            evidence.append(Evidence(FIREWALLD_CONF, "not readable" if text is None else
                                     "not understood"))
            evidence.append(Evidence("firewall-cmd --get-default-zone",
                                     got.describe() if not got.ok else "no zone named"))
            return "zone_unknown", "firewalld"
    if zone == "trusted":
        return "accept_all", "firewalld"
    if zone == "FedoraWorkstation":
        # Fedora Workstation's default zone lets in TCP and UDP on ports 1025-65535.
        return "open_high", "firewalld"
    return "pass", "firewalld"


def _front_end_rules(scan: Scan, unit: UnitState | None, name: str, paths: tuple[str, ...],
                     parser: Any, evidence: list[Evidence]) -> tuple[str, str]:
    if unit is None or not unit.exists:
        return "absent", name
    if not unit.running:
        return "off", name
    for path in paths:
        text = scan.host.read_text(path)
        if text is None:
            continue
        verdict = parser(text)
        evidence.append(Evidence(path, {
            "filtering": "rules turn away incoming traffic nobody asked for",
            "partial": "rules turn away only some incoming traffic; the rest is accepted",
            "accept_all": "rules accept all incoming traffic",
            None: "not a ruleset Checkup understands"}[verdict]))
        if verdict == "filtering":
            return "pass", name
        if verdict in ("accept_all", "partial"):
            return verdict, name
        return "unknown", name
    evidence.append(Evidence(" / ".join(paths), "rules not readable without administrator rights"))
    return "unknown", name


def _units(scan: Scan, evidence: list[Evidence]) -> dict[str, UnitState] | None:
    units, why = systemd_units(scan, LINUX_UNITS)
    if units is None:
        evidence.append(Evidence("systemctl show " + " ".join(LINUX_UNITS), why))
        return None
    for name in LINUX_UNITS:
        if units[name].exists:
            evidence.append(Evidence(f"systemctl show {name}", units[name].describe()))
    missing = [n for n in LINUX_UNITS if not units[n].exists]
    if missing:
        evidence.append(Evidence("systemctl show", "not installed: " + ", ".join(missing)))
    return units


def gather_linux(scan: Scan) -> LinuxFacts:
    """The context first: in a container, WSL, a Qubes qube or Tails nothing is read."""
    ctx = scan.context
    if ctx.kind in (CONTAINER, WSL) or ctx.qubes_vm or ctx.tails:
        return LinuxFacts(ctx.kind, ctx.qubes_vm, ctx.tails, ctx.describe(),
                          tuple(ctx.evidence))
    evidence: list[Evidence] = []
    units = _units(scan, evidence)

    def unit(name: str) -> UnitState | None:
        return units.get(name) if units else None

    results = [
        _front_end_ufw(scan, unit("ufw.service"), evidence),
        _front_end_firewalld(scan, unit("firewalld.service"), evidence),
        _front_end_rules(scan, unit("nftables.service"), "nftables",
                         ("/etc/nftables.conf", "/etc/sysconfig/nftables.conf"),
                         parse_nft_config, evidence),
        _front_end_rules(scan, unit("netfilter-persistent.service"), "iptables",
                         ("/etc/iptables/rules.v4",), parse_iptables_save, evidence),
        _front_end_rules(scan, unit("iptables.service"), "iptables",
                         ("/etc/sysconfig/iptables",), parse_iptables_save, evidence),
    ]
    return LinuxFacts(ctx.kind, ctx.qubes_vm, ctx.tails, None, tuple(ctx.evidence),
                      units_read=units is not None,
                      front_ends=tuple(FrontEnd(v, n) for v, n in results),
                      evidence=tuple(evidence))
