"""Reading the machine for the secure-messaging check: the shared installed-apps inventory,
matched against each messenger's signature for this system, and Signal Desktop's config.json
(field names only). No verdicts here."""

from __future__ import annotations

from collections.abc import Sequence

from checks.catalog.messaging.facts import Found, Messenger, Seen, SignalKey
from checks.catalog.messaging.signal_config import parse_signal_config, signal_config_paths
from checks.catalog.readers import apps
from checks.engine.host import Host
from checks.engine.registry import Scan


def read_signal_keys(host: Host) -> list[SignalKey]:
    out: list[SignalKey] = []
    family = host.platform.family
    for path in signal_config_paths(host.platform):
        text = host.read_text(path)
        if text is None:
            continue
        state, enc, plain, backend = parse_signal_config(text)
        del text  # the key's value is never kept
        readable: bool | None = None
        mode: int | None = None
        if family in ("linux", "macos"):
            st = host.stat(path)
            if st is not None:
                mode = st.mode
                readable = st.world_readable or st.group_readable
        out.append(SignalKey(path, state, enc, plain, backend, readable, mode))
    return out


def gather(scan: Scan, messengers: Sequence[Messenger]) -> Seen:
    family = scan.family
    inventory = apps.app_inventory(scan)
    relevant = [m for m in messengers if m.applies_to(family)]
    sigs = {m.id: m.signature(family) for m in relevant}
    matches = apps.match_apps(inventory, sigs, read_text=scan.host.read_text)
    found = [Found(m, matches[m.id]) for m in relevant if m.id in matches]
    return Seen(family, inventory, found, read_signal_keys(scan.host))
