"""firewall: replay fixtures on Linux, macOS and Windows, and the pure parsers."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.catalog.firewall.rules import parse_iptables_save, parse_nft_config
from checks.catalog.firewall.socketfilterfw import parse_alf_state, parse_stealth
from checks.catalog.firewall.windows_values import decode_product_state
from tests.protections_support import assert_covered, case, cases, check_expected, replay

FOLDER = "firewall"


@pytest.mark.parametrize("path", cases(FOLDER), ids=lambda p: p.stem)
def test_fixture_replays_to_expected_verdict(path: Path) -> None:
    check_expected(path)


def test_every_os_has_pass_fail_unknown_and_garbage() -> None:
    assert_covered(FOLDER)


def test_alf_states() -> None:
    assert parse_alf_state("Firewall is enabled. (State = 1)\n") == 1
    assert parse_alf_state("Firewall is enabled. (State = 2)") == 2
    assert parse_alf_state("Firewall is disabled. (State = 0)") == 0
    assert parse_alf_state("Firewall is disabled.") == 0
    assert parse_alf_state("") is None
    assert parse_alf_state("(State = 7)") is None
    assert parse_alf_state("Firewall is enabledish") is None


def test_stealth() -> None:
    assert parse_stealth("Firewall stealth mode is on") is True
    assert parse_stealth("Stealth mode enabled") is True
    assert parse_stealth("Stealth mode disabled") is False
    assert parse_stealth("Firewall stealth mode is off") is False
    assert parse_stealth("???") is None


def test_security_center_product_state() -> None:
    assert decode_product_state(266256) is True  # 0x041010
    assert decode_product_state(262144) is False  # 0x040000
    assert decode_product_state(393472) is False  # 0x060100: off
    assert decode_product_state("266256") is None
    assert decode_product_state(True) is None


def test_nft_ruleset_that_accepts_everything_is_not_a_firewall() -> None:
    text = "flush ruleset\ntable inet filter {\n chain input {\n  type filter hook input " \
           "priority 0;\n }\n}\n"
    assert parse_nft_config(text) == "accept_all"
    assert parse_nft_config(text.replace("priority 0;", "priority 0; policy drop;")) == \
        "filtering"


def test_nft_only_the_input_hook_and_catch_all_drops_count() -> None:
    debian = ("flush ruleset\ntable inet filter {\n\tchain input {\n\t\ttype filter hook "
              "input priority filter;\n\t}\n\tchain forward {\n\t\ttype filter hook "
              "forward priority filter; policy drop;\n\t}\n}\n")
    assert parse_nft_config(debian) == "accept_all"  # the drop is for forwarded traffic
    invalid = debian.replace("priority filter;\n\t}", "priority filter;\n\t\tct state "
                             "invalid drop\n\t\ttcp dport { 22, 23 } reject\n\t}", 1)
    assert parse_nft_config(invalid) == "partial"
    arch = ("table inet filter {\n  chain input {\n    type filter hook input priority filter\n"
            "    ct state {established, related} accept\n    iifname lo accept\n"
            "    pkt_type host limit rate 5/second counter reject with icmpx type "
            "admin-prohibited\n    counter drop comment \"everything else\"\n  }\n}\n")
    assert parse_nft_config(arch) == "filtering"
    assert parse_nft_config("# only a comment mentioning table drop\n") is None
    assert parse_nft_config("random words") is None


def test_iptables_save() -> None:
    accept = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n"
    assert parse_iptables_save(accept) == "accept_all"
    assert parse_iptables_save(accept.replace(":INPUT ACCEPT", ":INPUT DROP")) == "filtering"
    # a rule that rejects one port leaves every other port open
    assert parse_iptables_save(accept.replace("COMMIT", "-A INPUT -p tcp --dport 22 -j REJECT"
                                                        "\nCOMMIT")) == "partial"
    # Red Hat's default: accept a few things, reject the rest
    rhel = accept.replace("COMMIT", "-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n"
                                    "-A INPUT -i lo -j ACCEPT\n-A INPUT -j REJECT "
                                    "--reject-with icmp-host-prohibited\nCOMMIT")
    assert parse_iptables_save(rhel) == "filtering"
    invalid_only = accept.replace("COMMIT", "[0:0] -A INPUT -m conntrack --ctstate INVALID "
                                            "-j DROP\nCOMMIT")
    assert parse_iptables_save(invalid_only) == "partial"
    assert parse_iptables_save("garbage") is None


def test_inactive_service_is_not_read_as_active() -> None:
    # ufw's unit says "active" even when ufw is disabled; ufw.conf decides.
    _snap, finding = replay(case(FOLDER, "linux_ufw_disabled"))
    assert finding.status.value == "fail"
    assert any("ENABLED=no" in e.line() for e in finding.evidence)


def test_polkit_refusal_is_shown_not_taken_for_off() -> None:
    _snap, finding = replay(case(FOLDER, "linux_firewalld_polkit"))
    assert finding.status.value == "pass"
    assert any("Authorization failed" in e.line() for e in finding.evidence)


def test_rules_in_a_chain_that_input_jumps_to_count() -> None:
    # A hand-made ruleset often accepts by policy and turns traffic away in a chain of its
    # own: it is a firewall, not "rules that let every incoming connection in".
    ipt = ("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
           ":MYIN - [0:0]\n-A INPUT -j MYIN\n-A MYIN -i lo -j ACCEPT\n"
           "-A MYIN -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A MYIN -j DROP\n"
           "COMMIT\n")
    assert parse_iptables_save(ipt) == "filtering"
    assert parse_iptables_save(ipt.replace("-A INPUT -j MYIN", "-A INPUT -i eth0 -j MYIN")) \
        == "partial"
    assert parse_iptables_save(ipt.replace("-A MYIN -j DROP\n", "")) == "accept_all"
    # a jump to a chain the file does not hold: not understood, never "accepts everything"
    assert parse_iptables_save(ipt.replace("-A INPUT -j MYIN", "-A INPUT -j ELSEWHERE")) is None
    nft = ("table inet filter {\n  chain my_input {\n    ct state established,related accept\n"
           "    iif lo accept\n    counter drop\n  }\n  chain input {\n    type filter hook "
           "input priority 0; policy accept;\n    jump my_input\n  }\n}\n")
    assert parse_nft_config(nft) == "filtering"
    assert parse_nft_config(nft.replace("    jump my_input", '    iifname "eth0" jump my_input')) \
        == "partial"
    assert parse_nft_config(nft.replace("    counter drop\n", "")) == "accept_all"
    assert parse_nft_config(nft.replace("jump my_input", "goto elsewhere")) is None
    # chains of another table are not the target of a jump
    other = nft.replace("table inet filter {\n  chain my_input", "table ip other {\n  chain "
                        "my_input").replace("  }\n  chain input", "  }\n}\ntable inet filter {"
                                            "\n  chain input")
    assert parse_nft_config(other) is None


def test_ufw_settings_left_behind_are_not_a_firewall() -> None:
    _snap, finding = replay(case(FOLDER, "linux_ufw_conf_left_over"))
    assert finding.status.value == "unknown"
    assert any("nothing loads ufw's rules" in e.line() for e in finding.evidence)
