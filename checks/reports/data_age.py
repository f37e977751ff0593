"""How old the facts a scan relied on are, for every header: reports (text, HTML, JSON), the
window and the presenter view.

Several verdicts rest on dated facts Checkup carries (which OS releases still get security
fixes, browsers' current versions, messengers' properties...). A person reading a report
months later, or a trainer whose copy came late on a USB stick, must see how old those facts
were when the scan ran: ``ScanResult.data`` (set by the runner from
``checks.engine.datafile.data_origin()``) says where they came from and their date; the age
counts from the moment the checks used (a replayed snapshot's recording time).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from checks.engine.datafile import STALE_AFTER_DAYS, DataOrigin
from checks.engine.i18n import Message, is_rtl, msg, msg_n, rtl_isolate
from checks.engine.plain_text import Own, plain
from checks.engine.runner import ScanResult


def format_day(day: date, lang: str) -> str:
    """A date as Babel writes it for ``lang`` ("23 November 2026"); ISO where Babel cannot."""
    try:
        from babel.dates import format_date

        text = str(format_date(day, "long", locale=lang.split("_")[0]))
        return rtl_isolate(text) if is_rtl(lang) else Own(text)
    except Exception:  # unknown locale (the pseudo-locale): ISO format
        return Own(day.isoformat())


def data_age_days(result: ScanResult) -> int | None:
    """Days between the data's date and the moment the checks ran (None without data)."""
    origin = result.data
    if origin is None or result.started is None:
        return None
    return origin.age_days(result.started)


def data_messages(result: ScanResult, lang: str) -> list[Message]:
    """The header's sentences about the data: its date and age, where it came from (a data
    pack is named), and a warning when it is older than the checks trust it."""
    origin = result.data
    if origin is None:
        return []
    day = format_day(origin.released, lang)
    age = data_age_days(result)
    out: list[Message] = []
    if age is None or age < 0:
        # a snapshot recorded before this Checkup's data was gathered
        out.append(msg("The dated facts Checkup relies on (support dates, current versions) "
                       "are from {date}.", date=day))
    else:
        # TRANSLATORS: {date} is a date such as "23 November 2026"
        out.append(msg_n("The dated facts Checkup relies on (support dates, current versions) "
                         "are from {date}: {n} day before this scan.",
                         "The dated facts Checkup relies on (support dates, current versions) "
                         "are from {date}: {n} days before this scan.", age, date=day))
    if origin.kind == "pack":
        # TRANSLATORS: a data pack is a signed file of newer facts a trainer can bring
        out.append(msg("They come from the data pack “{name}” (number {sequence}).",
                       name=plain(origin.label), sequence=origin.sequence or 0))
    if age is not None and age > STALE_AFTER_DAYS:
        out.append(msg("That is more than {n} days: findings that rest on these facts say "
                       "where they could not decide. A newer Checkup or data pack brings "
                       "them up to date.", n=STALE_AFTER_DAYS))
    return out


def data_json(result: ScanResult) -> dict[str, Any] | None:
    """The report's ``data`` object (docs/report-schema.md)."""
    origin: DataOrigin | None = result.data
    if origin is None:
        return None
    return {
        "kind": origin.kind,
        "released": origin.released.isoformat(),
        "sequence": origin.sequence,
        "pack": plain(origin.label) if origin.kind == "pack" else None,
        "age_days": data_age_days(result),
        "stale_after_days": STALE_AFTER_DAYS,
    }
