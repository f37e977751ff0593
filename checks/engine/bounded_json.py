"""JSON from files that may have been made by an adversary, read with bounds.

Python's ``json`` turns deep nesting into ``RecursionError`` (or, in a thread with a small
stack, worse), a number of more than 4 300 digits into a plain ``ValueError`` (Python 3.11's
limit on converting long integers), and reads any length of text. :func:`loads` refuses each
of these with :class:`JsonLimit`, a ``ValueError`` whose message is one clear English line;
each loader (snapshots, settings, summary files, data files) turns it into its own error.
It also refuses ``NaN`` and ``Infinity``, which are not JSON, and an object that names the
same field twice: Python would keep the last value silently while another reader (an editor,
a helpdesk's tool, a person) may show the first, so such a file could say two things at once.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

MAX_DEPTH = 64  # our formats nest at most five or six levels
MAX_NUMBER_CHARS = 40  # a 64-bit number has 20 digits; a float written by Python, about 24


class JsonLimit(ValueError):
    """The JSON is well formed or not, but beyond what a loader accepts; one clear line."""


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_CHARS:
        raise JsonLimit(f"it holds a number of {len(text)} digits, more than a Checkup file "
                        f"ever holds")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise JsonLimit(f"it holds a number written with {len(text)} characters, more than a "
                        f"Checkup file ever holds")
    return float(text)


def _constant(name: str) -> float:
    raise JsonLimit(f"it holds {name}, which is not a number JSON allows")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise JsonLimit(f"it names the field {key[:40]!r} twice in one object")
        out[key] = value
    return out


def loads(data: bytes | str, *, max_bytes: int, max_string: int,
          max_depth: int = MAX_DEPTH) -> Any:
    """Parse JSON within bounds. Raises JsonLimit (too large, too deep, a number or a text
    too long), ``json.JSONDecodeError`` (not JSON) or ``UnicodeDecodeError`` (not text); all
    three are ``ValueError``. An object naming a field twice is a JsonLimit too."""
    if len(data) > max_bytes:
        raise JsonLimit(f"it is larger than {max_bytes} bytes")
    try:
        value = json.loads(data, parse_int=_int, parse_float=_float, parse_constant=_constant,
                           object_pairs_hook=_object)
    except RecursionError:
        raise JsonLimit(f"it is nested more than {max_depth} levels deep") from None
    check_shape(value, max_string=max_string, max_depth=max_depth)
    return value


def check_shape(value: Any, *, max_string: int, max_depth: int = MAX_DEPTH) -> None:
    """Walk ``value`` without recursion: refuse nesting deeper than ``max_depth`` and texts
    (keys included) longer than ``max_string`` characters."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if len(item) > max_string:
                raise JsonLimit(f"it holds a text of {len(item)} characters, more than "
                                f"{max_string}")
            continue
        if not isinstance(item, (dict, list)):
            continue
        if depth > max_depth:
            raise JsonLimit(f"it is nested more than {max_depth} levels deep")
        if isinstance(item, dict):
            for k, v in item.items():
                if len(k) > max_string:
                    raise JsonLimit(f"it holds a name of {len(k)} characters, more than "
                                    f"{max_string}")
                stack.append((v, depth + 1))
        else:
            stack.extend((v, depth + 1) for v in item)


# Dates: a year far outside the life of the program is damage or an attack (datetime
# arithmetic on year 9999 or year 1 overflows), so loaders accept only this range.
MIN_YEAR, MAX_YEAR = 1980, 2200


def date_in_range(value: date | datetime) -> bool:
    return MIN_YEAR <= value.year <= MAX_YEAR
