"""Pure parsers for Linux firewall rulesets (text in, verdict out), used by the firewall
check for the files that nftables.service and the iptables services load at start-up.

Verdicts: "filtering" (incoming traffic nobody asked for is turned away), "partial" (only
some of it: one port, invalid packets), "accept_all" (nothing is turned away) or None (not
such a file, or rules this parser does not follow). Rules of the chains that the input
chain jumps to count as its own.
"""

from __future__ import annotations

import re


def _braced(body: str, keyword: str) -> list[tuple[str, str]]:
    """(head, inside) of the ``KEYWORD HEAD { ... }`` blocks of an nftables ruleset (braces
    of sets and maps inside are matched, not taken for the block's end)."""
    out: list[tuple[str, str]] = []
    for m in re.finditer(r"\b" + keyword + r"\s+([^{}\n]*?)\s*\{", body):
        depth, i = 1, m.end()
        while i < len(body) and depth:
            depth += {"{": 1, "}": -1}.get(body[i], 0)
            i += 1
        out.append((m.group(1).strip(), body[m.end():i - 1]))
    return out


def _nft_chains(body: str) -> list[tuple[str, str]]:
    """(name, body) of the chains of each table, a chain's name qualified by its table
    (a jump goes to a chain of the same table)."""
    out: list[tuple[str, str]] = []
    for table, inside in _braced(body, "table") or [("", body)]:
        for name, chain in _braced(inside, "chain"):
            out.append((f"{table}/{name.split()[-1] if name else ''}", chain))
    return out


# A statement that turns away whatever reaches it: no match before the verdict, only
# counting or logging ("counter drop", "log prefix \"x\" reject with icmpx ...").
_NFT_CATCH_ALL = re.compile(r"^(counter(\s+packets\s+\d+\s+bytes\s+\d+)?\s+|log\b[^;]*?\s+)*"
                            r"(drop|reject)\b")


def parse_nft_config(text: str) -> str | None:
    """An nftables ruleset file -> "filtering" (a chain on the input hook has a drop or
    reject policy, or a rule that drops or rejects everything that reaches it), "partial"
    (input rules turn away only some packets: one port, invalid ones), "accept_all"
    (nothing on the input hook turns anything away; drops in other chains such as forward
    do not count) or None (not a ruleset, or one whose input rules jump to a chain that is
    not in the file). Rules in chains that the input chain jumps to count as its own."""
    body = "\n".join(re.sub(r'"[^"\n]*"', '""', line).split("#", 1)[0]
                     for line in text.splitlines())
    if not re.search(r"\b(table|flush\s+ruleset)\b", body):
        return None
    chains = _nft_chains(body)
    by_name = dict(chains)
    verdicts: list[str | None] = []
    for name, chain in chains:
        if not re.search(r"\bhook\s+input\b", chain):
            continue
        if re.search(r"\bpolicy\s+(drop|reject)\b", chain):
            return "filtering"
        verdicts.append(_nft_chain_verdict(chain, name.split("/", 1)[0], by_name, 0))
    if "filtering" in verdicts:
        return "filtering"
    if None in verdicts:
        return None
    return "partial" if "partial" in verdicts else "accept_all"


def _nft_chain_verdict(chain: str, table: str, by_name: dict[str, str], depth: int
                       ) -> str | None:
    """"filtering", "partial" or "accept_all" for the statements of one chain, following
    its jumps; None when it jumps to a chain that is not in the file."""
    if depth > 8:
        return None
    some = False
    statements = [st.strip() for line in chain.splitlines() for st in line.split(";")]
    for st in statements:
        st = re.sub(r"\s+comment\s+\"\"\s*$", "", st)
        if _NFT_CATCH_ALL.match(st):
            return "filtering"
        jump = re.search(r"\b(jump|goto)\s+(\S+)\s*$", st)
        if jump:
            target = by_name.get(f"{table}/{jump.group(2)}")
            if target is None:
                return None
            inner = _nft_chain_verdict(target, table, by_name, depth + 1)
            if inner is None:
                return None
            if inner == "filtering" and st == jump.group(0):
                return "filtering"  # an unconditional jump to a chain that turns all away
            some = some or inner != "accept_all"
            continue
        if re.search(r"\b(drop|reject)\b", st):
            some = True
    return "partial" if some else "accept_all"


_IPT_BUILTIN_TARGETS = {"ACCEPT", "DROP", "REJECT", "RETURN", "LOG", "NFLOG", "ULOG",
                        "MARK", "CONNMARK", "TRACE", "AUDIT", "CT", "NOTRACK"}


def parse_iptables_save(text: str) -> str | None:
    """An ``iptables-save`` file (/etc/iptables/rules.v4, /etc/sysconfig/iptables) ->
    "filtering" (INPUT's policy is DROP, or INPUT has a rule that drops or rejects
    everything reaching it), "partial" (INPUT rules turn away only some packets: one port,
    invalid ones), "accept_all" or None (not such a file, or INPUT jumps to a chain that
    is not in it). Rules of the chains INPUT jumps to count as its own."""
    if "*filter" not in text or "COMMIT" not in text:
        return None
    policy = re.search(r"^:INPUT\s+(\w+)", text, re.M)
    if policy and policy.group(1).upper() in ("DROP", "REJECT"):
        return "filtering"
    filter_part = text.split("*filter", 1)[1].split("COMMIT", 1)[0]
    rules: dict[str, list[list[str]]] = {}
    for m in re.finditer(r"^(?:\[\d+:\d+\]\s+)?-A\s+(\S+)\s+(.*)$", filter_part, re.M):
        line = re.sub(r"-m\s+comment\s+--comment\s+(\"[^\"]*\"|\S+)", "", m.group(2))
        rules.setdefault(m.group(1), []).append(
            re.sub(r"--reject-with\s+\S+", "", line).split())
    chains = set(rules) | set(re.findall(r"^:(\S+)", filter_part, re.M))
    return _ipt_chain_verdict("INPUT", rules, chains, 0)


def _ipt_chain_verdict(name: str, rules: dict[str, list[list[str]]], chains: set[str],
                       depth: int) -> str | None:
    if depth > 8:
        return None
    some = False
    for rule in rules.get(name, []):
        if rule in (["-j", "DROP"], ["-j", "REJECT"]):
            return "filtering"
        if len(rule) < 2 or rule[-2] not in ("-j", "-g"):
            continue
        target = rule[-1]
        if target in ("DROP", "REJECT"):
            some = True
        elif target not in _IPT_BUILTIN_TARGETS:
            if target not in chains:
                return None
            inner = _ipt_chain_verdict(target, rules, chains, depth + 1)
            if inner is None:
                return None
            if inner == "filtering" and len(rule) == 2:
                return "filtering"  # an unconditional jump to a chain that turns all away
            some = some or inner != "accept_all"
    return "partial" if some else "accept_all"
