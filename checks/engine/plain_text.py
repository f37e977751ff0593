"""Machine text made safe to show: every character that could steer a terminal, reorder or
hide text, or break a line becomes a visible escape ``<U+XXXX>``.

Text from the machine — names, paths, certificate subjects, tool output, everything inside a
snapshot — may have been chosen by an adversary (DESIGN.md, rule 8). ``plain`` is applied
where such text enters a sentence or an evidence line, *before* the program adds its own
direction isolates (``checks.engine.i18n.isolate``): an adversary's PDI then shows as ``<U+2069>``
and cannot close ours. It is never applied to translations (Persian needs U+200C inside its
words) nor to text the program wrote itself; ``Own`` marks such a text when it travels as a
message parameter.

What is escaped (one convention, ``<U+`` four to six hex digits ``>``, the same in every
sink):

- C0 controls U+0000–U+001F (escape sequences start with U+001B, a carriage return
  overwrites a line), DEL U+007F and C1 controls U+0080–U+009F (U+009B is a one-character
  CSI for some terminals). The tab stays: every sink shows it as space. A line feed stays
  only with ``lines=True`` (a block of text the program shows as several lines: a tool's
  multi-line message in a dialog's details, a saved report written to a terminal); in a
  sentence, an evidence line or a name it is escaped, so that machine text cannot forge a
  line of the report.
- Direction controls: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069.
- Invisible characters: U+00AD, U+180E, U+200B–U+200D, U+2060–U+2064, U+206A–U+206F,
  U+FEFF, U+FFF9–U+FFFB, the tag characters U+E0001 and U+E0020–U+E007F, and the blank
  fillers U+115F, U+1160, U+3164, U+FFA0 (letters that draw nothing).
- Line and paragraph separators U+2028, U+2029 (Qt breaks lines on them).
- Lone surrogates U+D800–U+DFFF (not text at all; U+DC80–U+DCFF are how Python keeps a
  byte that was not UTF-8, so ``<U+DC80>`` stands for the byte 0x80).

``terminal`` is for text this program already made safe once (a saved report) on its way to
a terminal: it escapes what steers a terminal — controls, lone surrogates and the bidi
*overrides and embeddings* — but keeps line feeds, and keeps the isolates and marks that
reports in Arabic carry around their left-to-right fragments.

No user-visible sentence lives here: this module has no translation part of its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["Own", "plain", "plain_value", "terminal", "json_text", "is_plain"]

# Characters that never reach a person as they are (see the module notes).
_RANGES = (
    (0x0000, 0x0008), (0x000A, 0x001F),  # C0 controls except the tab
    (0x007F, 0x009F),  # DEL, C1 controls
    (0x00AD, 0x00AD), (0x061C, 0x061C), (0x115F, 0x1160), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0x3164, 0x3164), (0xD800, 0xDFFF), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0),
    (0xFFF9, 0xFFFB), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)


def _char_class(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    parts = []
    for low, high in ranges:
        parts.append(f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}")
    return re.compile("[" + "".join(parts) + "]")


_UNSAFE = _char_class(_RANGES)
_UNSAFE_KEEP_LF = _char_class(((0x0000, 0x0008), (0x000B, 0x001F)) + _RANGES[2:])
# What steers a terminal (``terminal``): controls but tab and line feed, DEL, C1, the bidi
# overrides and embeddings, the line/paragraph separators, lone surrogates.
_TERMINAL = _char_class(((0x0000, 0x0008), (0x000B, 0x001F), (0x007F, 0x009F),
                         (0x2028, 0x202E), (0xD800, 0xDFFF)))


def _escape(m: re.Match[str]) -> str:
    return f"<U+{ord(m.group(0)):04X}>"


class Own(str):
    """A text the program wrote itself (a date Babel formatted, a list of translated names),
    passed as a message parameter: ``Translator.render`` does not escape it. Never wrap
    machine text in it."""

    __slots__ = ()


def plain(text: str, *, lines: bool = False) -> str:
    """``text`` with every control, direction, invisible and separator character (module
    notes) replaced by ``<U+XXXX>``; line feeds kept when ``lines``. Text without any such
    character is returned as it is (the same object)."""
    if isinstance(text, Own):
        return text
    pattern = _UNSAFE_KEEP_LF if lines else _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape, text)


def is_plain(text: str, *, lines: bool = False) -> bool:
    """Whether ``text`` holds no character ``plain`` would escape."""
    return (_UNSAFE_KEEP_LF if lines else _UNSAFE).search(text) is None


def terminal(text: str) -> str:
    """A text the program made safe before (a saved report), for a terminal: controls
    (tab and line feed apart), lone surrogates, bidi overrides/embeddings and line/paragraph
    separators escaped; isolates and marks kept."""
    if _TERMINAL.search(text) is None:
        return text
    return _TERMINAL.sub(_escape, text)


def plain_value(value: Any) -> Any:
    """``plain`` over every string (keys too) in a JSON-like value; anything else as it is."""
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, Mapping):
        return {plain(k) if isinstance(k, str) else k: plain_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_value(v) for v in value]
    return value


# In JSON text, what json.dumps(ensure_ascii=False) leaves as it is but a terminal must not
# receive: DEL, C1, lone surrogates (which would also stop the text from being encoded),
# bidi overrides and embeddings, line/paragraph separators. Written as \\uXXXX escapes, the
# document still decodes to exactly the same values.
_JSON_UNSAFE = _char_class(((0x007F, 0x009F), (0x2028, 0x202E), (0xD800, 0xDFFF)))


def json_text(value: Any, **dumps_options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, ...)`` with the characters above written as
    ``\\uXXXX`` escapes (JSON already escapes the C0 controls)."""
    text = json.dumps(value, ensure_ascii=False, **dumps_options)
    if _JSON_UNSAFE.search(text) is None:
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
