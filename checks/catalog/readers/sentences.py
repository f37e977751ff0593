"""What several checks say the same way: a list in a sentence (join_list, each item
translated, the separator too: Arabic has its own comma) and the `unknown` finding for a
setting that could not be read (unreadable). The sentences themselves live in each check.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from checks.engine.i18n import Message, msg
from checks.engine.model import Evidence, Finding, Status


def join_list(items: Sequence[str | Message]) -> str | Message:
    """A list for a sentence, each item translated where it is a Message; the separator is
    translatable too (Arabic uses its own comma)."""
    parts = list(items)
    if not parts:
        return ""
    out: str | Message = parts[-1]
    for item in reversed(parts[:-1]):
        # TRANSLATORS: joins two items of a list, e.g. "AnyDesk, Screen Sharing".
        out = msg("{first}, {rest}", first=item, rest=out)
    return out


def unreadable(reason: Message, how: Message, evidence: list[Evidence],
               data: dict[str, Any]) -> Finding:
    """`unknown` because a setting could not be read: ``reason`` says so, ``how`` how to look
    by hand; data["reason"] is "unreadable"."""
    return Finding(Status.UNKNOWN, reason, evidence=evidence, details=[how],
                   data={**data, "reason": "unreadable"})
