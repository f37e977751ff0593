"""When the support data and the machine disagree on an end date, the earlier one decides
(pure). The machine's own dates (``local_ends.py``: distro-info-data, os-release's
SUPPORT_END) are shown next to the data's in the evidence, and a sentence says when they
differ."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from checks.catalog.os_supported import messages as say
from checks.catalog.os_supported.data import Programme, SupportEntry
from checks.catalog.os_supported.local_ends import LocalEnd
from checks.engine.i18n import Message
from checks.engine.model import Evidence


def earliest(local: Sequence[LocalEnd]) -> LocalEnd | None:
    return min(local, key=lambda e: e.end, default=None)


def local_evidence(local: Sequence[LocalEnd]) -> list[Evidence]:
    return [Evidence(e.source, e.text) for e in local]


def _note(local: LocalEnd, data_end: str) -> Message:
    if local.kind == "os-release":
        return say.system_states_other_end(local.end.isoformat(), data_end)
    return say.distro_info_other_end(local.end.isoformat(), data_end)


def _programmes(entry: SupportEntry, local: Sequence[LocalEnd]
                ) -> tuple[tuple[Programme, ...], list[Message]]:
    """Each extended programme with the earlier of its ends (data, distro-info-data)."""
    out: list[Programme] = []
    notes: list[Message] = []
    for prog in entry.extended:
        stated = [e.programmes[prog.id] for e in local if prog.id in e.programmes]
        first = min(stated, default=None)
        if first is not None and first != prog.end:
            notes.append(say.distro_info_programme_end(prog.name, first.isoformat(),
                                                       prog.end.isoformat()))
        out.append(replace(prog, end=first) if first is not None and first < prog.end
                   else prog)
    return tuple(out), notes


def with_local_ends(entry: SupportEntry, local: Sequence[LocalEnd]
                    ) -> tuple[SupportEntry, list[Message]]:
    """``entry`` with the earliest end any source states (its own and its extended
    programmes'), and a sentence for each source that disagrees with the data (and one
    that the earlier date is used)."""
    programmes, prog_notes = _programmes(entry, local)
    entry = replace(entry, extended=programmes)
    first = earliest(local)
    if first is None:
        return entry, prog_notes
    own = entry.standard_end
    if own is None:
        return replace(entry, standard_end=first.end), [
            say.system_states_end(first.end.isoformat()), *prog_notes]
    notes = [*(_note(e, own.isoformat()) for e in local if e.end != own), *prog_notes]
    if notes:
        notes.append(say.earlier_date_decides())
    if first.end < own:
        return replace(entry, standard_end=first.end), notes
    return entry, notes
