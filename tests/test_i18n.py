"""Translation: every message goes through gettext. The pseudo-locale ("qps") wraps every
translated string in ⟦…⟧, so a sentence that escaped translation shows up bare."""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from checks.engine.i18n import (
    PSEUDO_CLOSE,
    PSEUDO_OPEN,
    Message,
    Translator,
    isolate,
    msg,
    msg_n,
    pseudo,
    translator,
)
from checks.engine.model import Finding
from checks.engine.runner import run_scan
from checks.engine.snapshot import ReplayHost, Snapshot, SnapshotError
from checks.reports.report import report_html, report_text

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
FIXTURES = ROOT / "tests" / "fixtures"
FIELD = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)\}")
LEFTOVER = re.compile(r"\{[a-zA-Z_][a-zA-Z0-9_]*\}")


def _pot_ids() -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for pot in sorted(TRANSLATIONS.glob("*.pot")):
        with pot.open("rb") as fh:
            for m in read_po(fh):
                if not m.id:
                    continue
                if isinstance(m.id, (list, tuple)):
                    out.append((str(m.id[0]), str(m.id[1])))
                else:
                    out.append((str(m.id), None))
    return out


def _snapshots() -> list[Path]:
    found = []
    for path in sorted(FIXTURES.rglob("*.json")):
        try:
            head = json.loads(path.read_bytes())
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(head, dict) and head.get("format") == "checkup-snapshot":
            found.append(path)
    return found


def test_the_engine_template_exists_and_holds_the_engine_messages() -> None:
    ids = {i for i, _ in _pot_ids()}
    for wanted in ("Not recorded in this snapshot: the machine was recorded before this check "
                   "existed, or without it.", "Needs action", "{app} report"):
        assert wanted in ids


def test_pseudo_locale_renders_every_message_of_every_template() -> None:
    t = translator("qps")
    ids = _pot_ids()
    assert ids
    for singular, plural in ids:
        params = {name: f"<{name}>" for name in FIELD.findall(singular + (plural or ""))}
        if plural is None:
            out = t.render(Message(singular, params))
        else:
            params.pop("n", None)
            out = t.render(msg_n(singular, plural, 3, **params))
        assert out.startswith(PSEUDO_OPEN) and out.endswith(PSEUDO_CLOSE), singular
        assert not LEFTOVER.search(out), (singular, out)
        for value in params.values():
            assert value in out, (singular, out)


def test_pseudo_keeps_placeholders_and_markup() -> None:
    out = pseudo("Open {app} and press <b>Scan</b> &amp; wait")
    assert "{app}" in out and "<b>" in out and "&amp;" in out
    assert "Open" not in out  # the words themselves are changed


def _all_messages(f: Finding) -> list[Message]:
    return [f.summary, *f.details]


SNAPSHOTS = _snapshots()


def test_there_are_fixtures_to_render() -> None:
    assert len(SNAPSHOTS) >= 20


@pytest.mark.parametrize("path", SNAPSHOTS, ids=[str(p.relative_to(FIXTURES)) for p in SNAPSHOTS])
def test_every_finding_from_every_fixture_is_translated(path: Path) -> None:
    try:
        snap = Snapshot.load(path)
    except SnapshotError:
        pytest.skip("not a usable snapshot (a malformed-input fixture)")
    result = run_scan(ReplayHost(snap))
    qps, en = translator("qps"), translator("en")
    for f in result.findings:
        for m in _all_messages(f):
            out = qps.render(m)
            assert out.startswith(PSEUDO_OPEN) and out.endswith(PSEUDO_CLOSE), (f.check_id, out)
            assert not LEFTOVER.search(en.render(m)), (f.check_id, m.msgid, "missing parameter")
        assert qps.render(result.titles.get(f.check_id, f.check_id)).startswith(PSEUDO_OPEN)
    assert qps.render(result.context.describe()).startswith(PSEUDO_OPEN)
    text = report_text(result, "qps", width=100_000)  # one line per sentence
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or set(stripped) <= set("=-") or stripped.startswith(">"):
            continue  # blank lines, underlines and evidence (never translated)
        assert PSEUDO_OPEN in line, line
    html = report_html(result, "qps")
    assert html.count(PSEUDO_OPEN) >= len(result.findings)


def test_a_broken_translation_falls_back_to_english() -> None:
    class Broken(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return "Traducción rota {nonexistent!z}"

    t = Translator("es", Broken())
    assert t.render(msg("Hello {name}", name="Ana")) == "Hello Ana"


def test_parameters_are_isolated_in_right_to_left_languages() -> None:
    out = translator("ar").render(msg("Scanned system: {system}, {kind}", system="Debian 12",
                                      kind=msg("a container")))
    assert "\u2068\u200eDebian 12\u200e\u2069" in out


def test_isolate_keeps_the_isolates_adds_marks_and_is_idempotent() -> None:
    once = isolate("/etc/fstab")
    assert once == "\u2068\u200e/etc/fstab\u200e\u2069"
    assert isolate(once) == once
    assert isolate("") == ""


# An Arabic sentence with a left-to-right parameter, as the window shows it. Each fragment has
# no strong letter of its own at one end or at all, which is what Qt gets wrong without the marks.
_RTL_FRAGMENTS = (
    ("/etc/fstab", "/", "b"),
    ("10.0.19045", "1", "5"),
    ("+353 1 210 0489", "+", "9"),
    ("8 GB", "8", "B"),
)


def _qt_rtl_layout(text: str) -> tuple[object, object]:
    """A QTextDocument (for caret positions) and a QTextLayout (for glyphs) of one RTL line."""
    gui = pytest.importorskip("PySide6.QtGui")
    core = pytest.importorskip("PySide6.QtCore")
    widgets = pytest.importorskip("PySide6.QtWidgets")
    option = gui.QTextOption()
    option.setTextDirection(core.Qt.LayoutDirection.RightToLeft)
    doc = gui.QTextDocument()
    doc.setDefaultTextOption(option)
    doc.setPlainText(text)
    doc.setTextWidth(4000)
    doc.size()  # lays the document out
    layout = gui.QTextLayout(text, widgets.QLabel().font())
    layout.setTextOption(option)
    layout.beginLayout()
    layout.createLine().setLineWidth(4000)
    layout.endLayout()
    return doc, layout


def _glyph_xs(layout: object, char: str) -> list[float]:
    """Where the glyphs of one character are drawn, left to right (what the reader sees)."""
    xs = []
    for run in layout.glyphRuns():  # type: ignore[attr-defined]
        wanted = set(run.rawFont().glyphIndexesForString(char))
        pairs = zip(run.glyphIndexes(), run.positions(), strict=True)
        xs += [pos.x() for gi, pos in pairs if gi in wanted]
    return sorted(xs)


@pytest.mark.parametrize(("value", "first", "last"), _RTL_FRAGMENTS)
def test_arabic_parameter_reads_left_to_right_in_qt(qapp: object, value: str, first: str,
                                                     last: str) -> None:
    """The parameter of an Arabic message, laid out by Qt in a right-to-left line, is shown in
    its own left-to-right order, and the caret moves through it in that order."""
    text = translator("ar").render(msg("Report saved: {path}", path=value))
    assert text != "Report saved: " + isolate(value)  # really translated (right-to-left)
    doc, layout = _qt_rtl_layout(text)
    start = text.index(value)
    # what is drawn: the fragment's first character left of its last one
    first_x, last_x = _glyph_xs(layout, first), _glyph_xs(layout, last)
    assert first_x and last_x
    assert first_x[0] < last_x[-1], f"{value!r} is drawn reversed in {text!r}"
    # where the caret goes: from the fragment's left edge, through it, to its right edge
    line = doc.begin().layout().lineAt(0)  # type: ignore[attr-defined]
    xs = []
    for k in range(start, start + len(value) + 1):
        x = line.cursorToX(k)
        xs.append(x[0] if isinstance(x, tuple) else x)
    assert xs == sorted(xs) and xs[0] < xs[-1], f"{value!r}: caret positions {xs} in {text!r}"


def test_arabic_uses_six_plural_forms() -> None:
    po = TRANSLATIONS / "ar" / "engine.po"
    with po.open("rb") as fh:
        cat = read_po(fh, locale="ar")
    assert cat.num_plurals == 6
    t = translator("ar")
    forms = {t.render(msg_n("{n} protection in place", "{n} protections in place", n))
             .replace(str(n), "N") for n in (0, 1, 2, 3, 11, 100)}
    assert len(forms) >= 4  # zero, one, two, few, many, other: several distinct wordings


def test_spanish_and_arabic_engine_messages_are_complete() -> None:
    from tools import i18n

    problems = [p for p in i18n._problems() if "/engine.po" in p or "engine.pot" in p]
    assert problems == []


def test_every_message_in_the_code_is_extracted() -> None:
    """A msg("...") written where the extractor cannot see it (inside an f-string, say) would
    never be translated."""
    ids = {i for i, _ in _pot_ids()}
    call = re.compile(r"""\b(?:msg|N_|msg_n)\(\s*(["'])((?:(?!\1)[^\\\n]|\\.)+)\1\s*[,)]""")
    missing = []
    for path in sorted([*(ROOT / "checks").rglob("*.py"), *(ROOT / "desktop").rglob("*.py")]):
        for m in call.finditer(path.read_text(encoding="utf-8")):
            text = m.group(2).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            if text not in ids and text != "...":
                missing.append(f"{path.relative_to(ROOT)}: {text[:60]}")
    assert missing == []
