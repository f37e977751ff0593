"""firewall: is a firewall turned on that turns away unasked-for incoming connections?

Windows: each network profile's EnableFirewall in the registry (Group Policy wins over the
local setting), the firewall service's start type, and Windows Security Center's list of
third-party firewalls (workstations only). macOS: the application firewall's global state
from ``socketfilterfw --getglobalstate`` (1 = on for specific services, 2 = on, blocking
everything but essential services), stealth mode as evidence. Linux: the front ends
(ufw, firewalld, nftables.service, iptables services) through systemd and their readable
configuration. The kernel's live rules need administrator rights to read, so on Linux
service state is evidence, not proof: a running service whose rules cannot be read is
`unknown`, a ruleset that accepts everything is not a firewall.
"""

from __future__ import annotations

import re
from typing import Any

from checks.catalog.firewall.rules import parse_iptables_save, parse_nft_config
from checks.catalog.readers.config_files import ini_junk, parse_ini, parse_shell_vars
from checks.catalog.readers.plist import read_plist
from checks.catalog.readers.sentences import join_list, unreadable
from checks.catalog.readers.systemd import SYSTEMCTL_SHOW, UnitState, systemd_units
from checks.engine.commands import Command
from checks.engine.context import CONTAINER, WSL
from checks.engine.i18n import N_, Message, msg
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import On, Scan, spec
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

# Windows Security's own names for the three profiles.
PROFILE_LABELS = {"Domain": N_("Domain network"), "Private": N_("Private network"),
                  "Public": N_("Public network")}

LINUX_UNITS = ("ufw.service", "firewalld.service", "nftables.service",
               "netfilter-persistent.service", "iptables.service")

FIREWALL_PRODUCTS = ps_fact(
    "firewall_products",
    r"""
$p = Get-CimInstance -Namespace root/SecurityCenter2 -ClassName FirewallProduct -ErrorAction Stop
,@($p | ForEach-Object { [ordered]@{ name = [string]$_.displayName; state = [int64]$_.productState } })
""",
)


# --------------------------------------------------------------------------------------
# Pure parsers
# --------------------------------------------------------------------------------------


def parse_alf_state(text: str) -> int | None:
    """``socketfilterfw --getglobalstate`` -> 0 (off), 1 or 2 (on); None if unrecognised.
    Examples: "Firewall is enabled. (State = 1)", "Firewall is disabled. (State = 0)"."""
    # at most 9 digits: a longer number is no state, and int() refuses over 4 300 digits
    m = re.search(r"\(State\s*=\s*(\d{1,9})\)", text)
    if m:
        value = int(m.group(1))
        return value if value in (0, 1, 2) else None
    line = text.strip()
    if line == "Firewall is disabled.":
        return 0
    if line == "Firewall is enabled.":
        return 1
    return None


def parse_stealth(text: str) -> bool | None:
    """``socketfilterfw --getstealthmode``: "Stealth mode enabled" / "Firewall stealth mode
    is on" (newer) -> True; "... disabled" / "... is off" -> False."""
    low = text.strip().lower()
    if re.search(r"stealth mode (is )?(enabled|on)\b", low):
        return True
    if re.search(r"stealth mode (is )?(disabled|off)\b", low):
        return False
    return None


def alf_plist_is_the_setting(darwin_release: str) -> bool:
    """/Library/Preferences/com.apple.alf.plist holds the firewall's state only before
    macOS 15 (Darwin 24): Apple's macOS 15 release notes say the settings are no longer
    in a property list, so a copy left there may be stale."""
    m = re.match(r"(\d+)\.", darwin_release.strip())
    return m is not None and int(m.group(1)) < 24


def decode_product_state(state: Any) -> bool | None:
    """Security Center productState: bits 12-15 equal to 1 mean the product is on
    (0x1000/0x1100 on, 0x0000/0x0100 off)."""
    if isinstance(state, bool) or not isinstance(state, int) or state < 0:
        return None
    nibble = (state >> 12) & 0xF
    if nibble == 1:
        return True
    if nibble == 0:
        return False
    return None


def registry_flag(value: Any) -> int | None:
    """A DWORD 0/1 (sometimes stored as a string); None when it is anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value in (0, 1) else None
    if isinstance(value, str) and value.strip() in ("0", "1"):
        return int(value.strip())
    return None


# --------------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------------


def _windows(scan: Scan) -> Finding:
    evidence: list[Evidence] = []
    states: dict[str, int | None] = {}
    garbage = False
    for key, label in WIN_PROFILES:
        local = scan.host.registry_values(f"{WIN_POLICY_BASE}\\{key}", names=["EnableFirewall"])
        gpo = scan.host.registry_values(f"{WIN_GPO_BASE}\\{key}", names=["EnableFirewall"])
        value: int | None = None
        if gpo and "EnableFirewall" in gpo:
            value = registry_flag(gpo["EnableFirewall"])
            garbage |= value is None
            evidence.append(Evidence(f"{WIN_GPO_BASE}\\{key}",
                                     f"EnableFirewall = {gpo['EnableFirewall']!r} (Group Policy)"))
        elif local is not None and "EnableFirewall" in local:
            value = registry_flag(local["EnableFirewall"])
            garbage |= value is None
            evidence.append(Evidence(f"{WIN_POLICY_BASE}\\{key}",
                                     f"EnableFirewall = {local['EnableFirewall']!r}"))
        else:
            evidence.append(Evidence(f"{WIN_POLICY_BASE}\\{key}",
                                     "not readable" if local is None else "no EnableFirewall value"))
        states[label] = value

    svc = scan.host.registry_values(WIN_MPSSVC, names=["Start"])
    service_disabled = svc is not None and svc.get("Start") == 4
    if svc and "Start" in svc:
        evidence.append(Evidence(WIN_MPSSVC, f"Start = {svc['Start']!r}"))

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

    data: dict[str, Any] = {"profiles": {k.lower(): v for k, v in states.items()},
                            "third_party": [{"name": n, "on": o} for n, o in products]}
    third_party_on = [n for n, on in products if on]
    if third_party_on:
        return Finding(Status.PASS, msg("{product} protects this computer as its firewall.",
                                        product=", ".join(third_party_on)),
                       evidence=evidence, data=data)
    if garbage:
        return _unknown_unreadable(evidence, data, windows=True)
    if service_disabled:
        return Finding(Status.FAIL, msg("The Windows firewall service is switched off, so no "
                                        "network is protected."),
                       severity=Severity.MEDIUM, evidence=evidence, data=data)
    off = [label for label, v in states.items() if v == 0]
    if off:
        important = [x for x in off if x != "Domain"]
        return Finding(Status.FAIL,
                       msg("The Windows firewall is off for these networks: {profiles}.",
                           profiles=join_list([Message(PROFILE_LABELS[x]) for x in off])),
                       severity=Severity.MEDIUM if important else Severity.LOW,
                       evidence=evidence, data=data,
                       details=[msg("Public networks (cafés, hotels, airports) matter most.")]
                       if "Public" in off else [])
    if all(v == 1 for v in states.values()):
        return Finding(Status.PASS, msg("The Windows firewall is on for every kind of network."),
                       evidence=evidence, data=data)
    return _unknown_unreadable(evidence, data, windows=True)


def _unknown_unreadable(evidence: list[Evidence], data: dict[str, Any],
                        windows: bool = False, macos: bool = False) -> Finding:
    if windows:
        how = msg("Open Windows Security, then Firewall & network protection: each network "
                  "should say the firewall is on.")
    elif macos:
        how = msg("Open System Settings, then Network, then Firewall, and see whether it is on.")
    else:
        how = msg("Open your firewall settings, or run \u201csudo ufw status\u201d or "
                  "\u201csudo firewall-cmd --state\u201d in a terminal.")
    return unreadable(msg("Checkup could not read whether the firewall is on."), how, evidence,
                      data)


def _macos(scan: Scan) -> Finding:
    evidence: list[Evidence] = []
    res = scan.run([SOCKETFILTERFW, "--getglobalstate"])
    state: int | None = None
    if res.ok:
        state = parse_alf_state(res.stdout)
        evidence.append(Evidence("socketfilterfw --getglobalstate",
                                 res.stdout.strip()[:200] or "(no output)"))
    else:
        evidence.append(Evidence("socketfilterfw --getglobalstate", res.describe()))
    if state is None and alf_plist_is_the_setting(scan.host.platform.release):
        plist, why = read_plist(scan, ALF_PLIST)
        if plist is not None and isinstance(plist.get("globalstate"), int) \
                and not isinstance(plist.get("globalstate"), bool):
            state = plist["globalstate"] if plist["globalstate"] in (0, 1, 2) else None
            evidence.append(Evidence(ALF_PLIST, f"globalstate = {plist['globalstate']}"))
        elif why != "absent":
            evidence.append(Evidence(ALF_PLIST, why))
    elif state is None:
        evidence.append(Evidence(ALF_PLIST, "not used: since macOS 15 the firewall's "
                                            "settings are no longer kept in this file"))
    stealth: bool | None = None
    sres = scan.run([SOCKETFILTERFW, "--getstealthmode"])
    if sres.ok:
        stealth = parse_stealth(sres.stdout)
        evidence.append(Evidence("socketfilterfw --getstealthmode",
                                 sres.stdout.strip()[:200] or "(no output)"))
    data: dict[str, Any] = {"global_state": state, "stealth": stealth}
    if state is None:
        return _unknown_unreadable(evidence, data, macos=True)
    if state == 0:
        return Finding(Status.FAIL, msg("The macOS firewall is off."), severity=Severity.MEDIUM,
                       evidence=evidence, data=data)
    details: list[Message] = []
    if stealth is False:
        details.append(msg("Stealth mode is off: this Mac still answers probes such as ping. "
                           "Turning it on makes the Mac harder to find on a shared network."))
    summary = msg("The macOS firewall is on and blocks all incoming connections except "
                  "essential ones.") if state == 2 else msg("The macOS firewall is on.")
    return Finding(Status.PASS, summary, evidence=evidence, details=details, data=data)


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


def _linux(scan: Scan) -> Finding:
    ctx = scan.context
    if ctx.kind in (CONTAINER, WSL):
        return Finding(Status.NOT_APPLICABLE,
                       msg("This system runs inside {kind}: the firewall that protects it belongs "
                           "to the computer around it.", kind=ctx.describe()),
                       evidence=list(ctx.evidence))
    if ctx.qubes_vm:
        return Finding(Status.NOT_APPLICABLE,
                       msg("In Qubes OS, network traffic is filtered by the firewall qube, not "
                           "inside this qube."), evidence=list(ctx.evidence))
    if ctx.tails:
        return Finding(Status.NOT_APPLICABLE,
                       msg("Tails has its own firewall built in, which lets connections out only "
                           "through Tor."), evidence=list(ctx.evidence))

    evidence: list[Evidence] = []
    units, why = systemd_units(scan, LINUX_UNITS)
    if units is None:
        evidence.append(Evidence("systemctl show " + " ".join(LINUX_UNITS), why))
    else:
        for name in LINUX_UNITS:
            if units[name].exists:
                evidence.append(Evidence(f"systemctl show {name}", units[name].describe()))
        missing = [n for n in LINUX_UNITS if not units[n].exists]
        if missing:
            evidence.append(Evidence("systemctl show", "not installed: " + ", ".join(missing)))

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
    data: dict[str, Any] = {"front_ends": {n: v for v, n in results if v != "absent"}}
    caveat = msg("Checkup read the firewall's settings and service state; the rules active "
                 "right now can only be listed by an administrator.")
    passing = [n for v, n in results if v == "pass"]
    if passing:
        return Finding(Status.PASS, msg("A firewall is on ({name}).", name=passing[0]),
                       evidence=evidence, details=[caveat], data=data)
    zone_unknown = [n for v, n in results if v == "zone_unknown"]
    if zone_unknown:
        return Finding(Status.ATTENTION,
                       msg("A firewall is on ({name}), but Checkup could not read which zone "
                           "it uses, so it cannot tell how much it lets in.",
                           name=zone_unknown[0]),
                       evidence=evidence,
                       details=[msg("Run \u201cfirewall-cmd --get-default-zone\u201d in a "
                                    "terminal: \u201cpublic\u201d or \u201cdrop\u201d are "
                                    "strict, \u201ctrusted\u201d lets everything in."), caveat],
                       data={**data, "reason": "zone_unreadable"})
    open_high = [n for v, n in results if v == "open_high"]
    if open_high:
        return Finding(Status.ATTENTION,
                       msg("A firewall is on ({name}), but its zone lets other computers reach "
                           "any program listening on a port above 1024.", name=open_high[0]),
                       evidence=evidence,
                       details=[msg("On a laptop that travels, a stricter zone such as "
                                    "\u201cpublic\u201d is safer."), caveat],
                       data={**data, "zone_open_above_1024": True})
    partial = [n for v, n in results if v == "partial"]
    if partial:
        return Finding(Status.FAIL,
                       msg("A firewall ({name}) is running, but its rules turn away only some "
                           "incoming connections; all others get in.", name=partial[0]),
                       severity=Severity.MEDIUM, evidence=evidence, data=data)
    accept_all = [n for v, n in results if v == "accept_all"]
    if accept_all:
        return Finding(Status.FAIL,
                       msg("A firewall ({name}) is running, but its rules let every incoming "
                           "connection in.", name=accept_all[0]),
                       severity=Severity.MEDIUM, evidence=evidence, data=data)
    if any(v == "unknown_state" for v, _n in results):
        return _unknown_unreadable(evidence, data)
    unclear = [n for v, n in results if v == "unknown"]
    if unclear:
        return Finding(Status.UNKNOWN,
                       msg("A firewall ({name}) seems to be set up, but Checkup cannot tell "
                           "whether it is filtering: its rules need administrator rights to "
                           "read.", name=unclear[0]),
                       evidence=evidence,
                       details=[msg("Run \u201csudo ufw status\u201d, \u201csudo firewall-cmd "
                                    "--state\u201d or \u201csudo nft list ruleset\u201d in a "
                                    "terminal to see it.")],
                       data={**data, "reason": "rules_unreadable"})
    if units is None:
        return _unknown_unreadable(evidence, data)
    return Finding(Status.FAIL, msg("No firewall is turned on."), severity=Severity.MEDIUM,
                   evidence=evidence,
                   details=[msg("Checkup looked for ufw, firewalld, nftables and iptables "
                                "services. Rules loaded in some other way can only be seen by "
                                "an administrator.")],
                   data=data)


spec(
    "firewall", N_("Firewall"),
    description=N_("Whether a firewall turns away connections nobody asked for."),
    order=40,
    slot=5,
    systems={
        "linux": On(_linux, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN,
                    Status.NOT_APPLICABLE),
        "macos": On(_macos, Status.PASS, Status.FAIL, Status.UNKNOWN),
        "windows": On(_windows, Status.PASS, Status.FAIL, Status.UNKNOWN),
    },
    commands=(
        SYSTEMCTL_SHOW,
        Command("firewall-cmd", "--state",
                why="asks the local firewalld over D-Bus; a read-only query polkit allows users"),
        Command("firewall-cmd", "--get-default-zone",
                why="asks the local firewalld over D-Bus; a read-only query polkit allows users"),
        Command(SOCKETFILTERFW, "--getglobalstate",
                why="reads the application firewall's state; only setting it needs root"),
        Command(SOCKETFILTERFW, "--getstealthmode",
                why="reads the application firewall's stealth mode; only setting it needs root"),
    ),
    files=(
        "/etc/ufw/ufw.conf",
        "/etc/default/ufw",
        FIREWALLD_CONF,
        "/etc/nftables.conf",
        "/etc/sysconfig/nftables.conf",
        "/etc/iptables/rules.v4",
        "/etc/sysconfig/iptables",
        ALF_PLIST,
    ),
    ps_facts=(FIREWALL_PRODUCTS,),
    demos={
        "windows11-bitlocker-keepass": "firewall/windows_all_on.json",
        "windows11-home-remote-support": "firewall/windows_third_party.json",
        "macos12-no-filevault": "firewall/macos_off.json",
        "macos15-encrypting-screen-sharing": "firewall/macos_on.json",
        "linux-ubuntu2004-unencrypted": "firewall/linux_none.json",
        "linux-kubuntu-well-kept": "firewall/linux_ufw_on.json",
        "windows10-unencrypted-telegram": "firewall/windows_all_on.json",
        "macos-filevault-signal": "firewall/macos_on.json",
        "linux-luks-pending-updates": "firewall/linux_ufw_disabled.json",
    },
)
