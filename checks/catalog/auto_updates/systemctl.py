"""``systemctl is-enabled UNIT...`` (pure): one unit-file state word per unit, the words
systemctl(1) lists."""

from __future__ import annotations


def parse_is_enabled(text: str) -> list[str]:
    """``systemctl is-enabled UNIT...`` prints one state word per unit ("enabled",
    "disabled", "masked", "static", ...); these words are systemd's API, not prose."""
    return [w.strip() for w in text.splitlines() if w.strip()]


ENABLED_STATES = frozenset({"enabled", "enabled-runtime", "static", "alias", "indirect"})
# Every word ``systemctl is-enabled`` can print (systemctl(1)); anything else is not its answer.
UNIT_FILE_STATES = ENABLED_STATES | frozenset({
    "linked", "linked-runtime", "masked", "masked-runtime", "disabled", "generated",
    "transient", "bad", "not-found"})
