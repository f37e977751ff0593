"""Workshop handouts: a page (more when the checks outgrow it) per operating system and
language, listing every check, what to look for and where the fix is, built from the registry
and the guidance."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks.content.guidance import load_article
from checks.content.handouts import OS_ORDER, build_handout, handout_html
from checks.engine.i18n import LANGUAGES
from checks.engine.registry import all_checks
from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("os_family", OS_ORDER)
def test_each_handout_lists_every_check_with_what_to_look_for_and_the_fix(os_family, lang):
    h = build_handout(os_family, lang)
    ids = [r.check_id for r in h.rows]
    assert ids == [c.id for c in all_checks() if c.applies_to(os_family)]
    for row in h.rows:
        assert row.title and row.where
        art = load_article(row.check_id, lang)
        steps = next(iter(art.verify_for(os_family).values()))
        assert row.look_for and row.look_for[0] == steps[0]  # the guidance's own words
        assert row.fix_title == art.title
    assert h.direction == ("rtl" if lang == "ar" else "ltr")
    html = handout_html(h)
    assert html.count("\u2610") == len(h.rows)  # a box to tick per check
    if lang != "en":
        english = build_handout(os_family, "en")
        assert h.title != english.title and h.columns != english.columns
        assert [r.title for r in h.rows] != [r.title for r in english.rows]


def test_handout_html_is_plain_rich_text_with_no_links_out():
    html = handout_html(build_handout("linux", "en"))
    assert "<a " not in html and "http" not in html and "<script" not in html
    assert "<code>lsblk -o NAME,TYPE,FSTYPE,MOUNTPOINTS</code>" in html
    assert "Checkup › Disk encryption › How to fix it" in html


def test_arabic_handout_isolates_left_to_right_fragments():
    html = handout_html(build_handout("windows", "ar"))
    assert 'dir="rtl"' in html
    assert re.search("\u2068\u200e?[A-Za-z]", html)


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


def test_pdf_has_a_page_per_system_and_language(qtbot, desktop_env, tmp_path):
    from desktop.workshop.handouts_dialog import HandoutsDialog, write_handouts_pdf

    dlg = HandoutsDialog()
    qtbot.addWidget(dlg)
    for box in dlg.lang_checks.values():
        box.setChecked(True)
    assert len(dlg.selection()) == 9
    assert dlg.preview_choice.count() == 9
    out = dlg.write_pdf(str(tmp_path / "handouts.pdf"))
    # each handout starts on a page of its own: as many pages as the handouts alone take (one
    # each with today's checks; more once the checks outgrow a page)
    alone = []
    for n, h in enumerate(dlg.handouts()):
        sizes = write_handouts_pdf(str(tmp_path / f"alone{n}.pdf"), [h])
        assert sizes[0] >= 6.5, (h.os_family, h.lang, sizes)  # still readable on paper
        alone.append(_pages(tmp_path / f"alone{n}.pdf"))
    assert out is not None and _pages(Path(out)) == sum(alone)
    if len(all_checks()) <= 16:
        assert alone == [1] * 9
    dlg.os_checks["macos"].setChecked(False)
    dlg.lang_checks["es"].setChecked(False)
    assert dlg.selection() == [("windows", "en"), ("linux", "en"), ("windows", "ar"),
                               ("linux", "ar")]
    dlg.write_pdf(str(tmp_path / "two.pdf"))
    assert _pages(tmp_path / "two.pdf") == sum(alone[i] for i in (0, 2, 6, 8))
    for box in dlg.os_checks.values():
        box.setChecked(False)
    assert not dlg.pdf_button.isEnabled() and not dlg.print_button.isEnabled()


def test_a_longer_checklist_goes_on_over_pages_never_below_readable_size(qtbot, desktop_env,
                                                                          tmp_path):
    """More checks than one page holds at the smallest readable size: the checklist goes on
    over a second page (nothing cut off, no line split between pages), and the next handout
    still starts on a page of its own."""
    import dataclasses
    import shutil
    import subprocess

    from desktop.workshop.handouts_dialog import MIN_POINTS, write_handouts_pdf

    linux = build_handout("linux", "en")
    rows = tuple(dataclasses.replace(r, title=f"{r.title} {n}")
                 for n in range(3) for r in linux.rows)
    long = dataclasses.replace(linux, rows=rows)
    out = tmp_path / "long.pdf"
    sizes = write_handouts_pdf(str(out), [long, build_handout("windows", "en")])
    assert sizes[0] == MIN_POINTS and sizes[0] >= 6.5
    pages = _pages(out)
    assert pages >= 3, pages  # two or more for the long one, one for Windows
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed (Debian: poppler-utils, make sysdeps)")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], check=True,
                          capture_output=True, text=True).stdout
    by_page = text.split("\f")
    last = rows[-1].title
    assert " ".join(by_page[pages - 2].split()).count(long.footer.split()[0]) >= 1
    assert last in " ".join(text.split())  # the last row is there, not cut off
    assert "Windows" in by_page[pages - 1]  # the next handout on a page of its own
    assert "Windows" not in by_page[0]
