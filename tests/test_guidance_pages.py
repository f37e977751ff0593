"""The free-standing pages: "what Checkup cannot see" and the border checklist."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from checks.content.guidance import (
    GUIDANCE_LANGUAGES,
    GuidanceError,
    links_in,
    load_page,
    render_page_html,
    render_page_text,
)
from checks.engine.i18n import FSI, LRM, text_direction

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "resources" / "pages"
LANGS = tuple(GUIDANCE_LANGUAGES)
NAMES = ("cannot-see", "border-checklist")
_LEFTOVER = re.compile(r"\*\*|##|`|\[[^\]]*\]\(")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", LANGS)
def test_page_exists_in_every_language_and_renders_clean(name: str, lang: str) -> None:
    assert (PAGES / lang / f"{name}.md").is_file(), f"missing {lang}/{name}.md"
    page = load_page(name, lang)
    assert page.lang == lang and page.title and page.sections
    html_text = render_page_html(page, text_direction(lang))
    visible = re.sub(r"<[^>]+>", "", html_text)
    assert not _LEFTOVER.search(visible)
    assert "<script" not in html_text and "src=" not in html_text
    for part in re.split(r"<h2[^>]*>.*?</h2>", html_text.split("<body", 1)[1])[1:]:
        assert re.sub(r"<[^>]+>", "", part).strip()
    assert not _LEFTOVER.search(render_page_text(page))
    for block in [b for s in page.sections for b in s.blocks] + page.intro:
        for item in block.items:
            for link in links_in(item):
                kind, target = link.split(":", 1)
                folder = "pages" if kind == "page" else "guidance"
                assert (ROOT / "resources" / folder / "en" / f"{target}.md").is_file(), link


@pytest.mark.parametrize("lang", LANGS)
def test_helplines_are_dated_sourced_and_reachable(lang: str) -> None:
    page = load_page("cannot-see", lang)
    assert page.reviewed, "the contacts need the date they were last checked"
    reviewed = date.fromisoformat(page.reviewed)
    assert date(2025, 1, 1) <= reviewed <= date.today()
    assert len(page.sources) >= 4
    text = render_page_text(page)
    for contact in ("help@accessnow.org", "+353 1 210 0489", "digitalfirstaid.org",
                    "securitylab.amnesty.org", "digitaldefenders.org"):
        assert contact in text, f"{lang}: {contact} missing"
    assert page.reviewed in text, "the rendered page must show when contacts were checked"
    english = load_page("cannot-see", "en")
    assert page.reviewed == english.reviewed and len(page.sources) == len(english.sources)


@pytest.mark.parametrize("lang", LANGS)
def test_border_checklist_is_printable_boxes(lang: str) -> None:
    page = load_page("border-checklist", lang)
    boxes = [i for s in page.sections for b in s.blocks if b.kind == "checklist" for i in b.items]
    english = [i for s in load_page("border-checklist", "en").sections for b in s.blocks
               if b.kind == "checklist" for i in b.items]
    assert len(boxes) == len(english) >= 10
    assert "\u2610" in render_page_html(page)
    assert render_page_text(page).count("[ ]") == len(boxes)


def test_arabic_pages_isolate_addresses() -> None:
    html_text = render_page_html(load_page("cannot-see", "ar"), "rtl")
    assert f"{FSI}{LRM}help@accessnow.org{LRM}" in html_text
    assert 'dir="rtl"' in html_text


def test_page_fallback_and_errors(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "demo.md").write_text("# Demo\n\npage: demo\n\n## Part\n\nText.\n", "utf-8")
    page = load_page("demo", "ar", root=tmp_path)
    assert page.lang == "en" and page.fell_back
    (tmp_path / "en" / "bad.md").write_text("# Bad\n\npage: bad\n\n## Part\n\n", "utf-8")
    with pytest.raises(GuidanceError, match="is empty"):
        load_page("bad", "en", root=tmp_path)
    (tmp_path / "en" / "src.md").write_text(
        "# Src\n\npage: src\nsource: somewhere\n\n## Part\n\nText.\n", "utf-8")
    with pytest.raises(GuidanceError, match="needs a 'reviewed:' date"):
        load_page("src", "en", root=tmp_path)


def test_arabic_phone_number_and_paths_read_left_to_right_in_qt(qapp: object) -> None:
    """What a reader of the Arabic page sees in the window: numbers and paths not reversed."""
    widgets = pytest.importorskip("PySide6.QtWidgets")
    browser = widgets.QTextBrowser()
    browser.resize(900, 2000)
    browser.setHtml(render_page_html(load_page("cannot-see", "ar"), "rtl"))
    browser.show()
    widgets.QApplication.processEvents()
    checked = 0
    block = browser.document().begin()
    while block.isValid():
        text = block.text()
        for first, last in (("+353", "0489"), ("frontlinedefenders", "emergency-contact")):
            if first in text and last in text:
                layout = block.layout()
                i, j = text.index(first), text.index(last)
                line_i, line_j = layout.lineForTextPosition(i), layout.lineForTextPosition(j)
                if line_i.lineNumber() != line_j.lineNumber():
                    continue
                xi, xj = line_i.cursorToX(i), line_j.cursorToX(j)
                xi = xi[0] if isinstance(xi, tuple) else xi
                xj = xj[0] if isinstance(xj, tuple) else xj
                assert xi < xj, f"{first}…{last} is shown reversed in: {text!r}"
                checked += 1
        block = block.next()
    assert checked >= 2
