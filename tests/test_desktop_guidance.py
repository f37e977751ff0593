"""Guidance in the window: the article for the finding's own OS, principle links to the
Principles view, the pages, PDF handouts, and a placeholder while an article is missing."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt, QUrl

import checks.content.guidance
from checks.content.guidance import GuidanceError
from desktop import guidance_source
from desktop.about import about_html
from desktop.principles_view import PrinciplesDialog
from tests.desktop_support import (  # noqa: F401 - fixtures
    desktop_env_fixture,
    scan_fixture,
    window_fixture,
)


class FakeGuidance:
    """Stands in for checks.content.guidance, so these tests do not depend on the articles' text."""

    def __init__(self, articles: tuple[str, ...] = ("demo-disk",),
                 pages: tuple[str, ...] = ("border-checklist", "cannot-see")) -> None:
        self.calls: list[tuple] = []
        self.articles = articles
        self.pages = pages

    def list_articles(self, lang: str) -> list[str]:
        return list(self.articles)

    def list_pages(self, lang: str) -> list[str]:
        return list(self.pages)

    def load_article(self, check_id: str, lang: str):
        if check_id not in self.articles:
            raise GuidanceError("no article")
        return SimpleNamespace(check_id=check_id, title="Disk encryption guide",
                               fix={"linux": 1, "windows": 2, "macos": 3},
                               principle_ids=lambda: ["wg-8"])

    def os_family_of(self, key: str) -> str:
        return key.split("-")[0]

    def render_article_html(self, art, os_family, all_os=False, lang_dir="ltr", *,
                            status=None, with_title=True, fragment=False):
        self.calls.append((art.check_id, os_family, all_os, lang_dir, status))
        systems = ["linux", "windows", "macos"] if all_os else [os_family]
        steps = "".join(f"<h3>Steps for {s}</h3>" for s in systems)
        title = "<h1>Disk encryption guide</h1>" if with_title else ""
        body = (f"{title}<h2>Why it matters</h2><p>A seized laptop.</p>"
                f'<h2>The principles</h2><ul><li><a href="principle:wg-8">wg-8</a></li></ul>'
                f"{steps}")
        return body if fragment else f"<html><body>{body}</body></html>"

    def load_page(self, name: str, lang: str):
        return SimpleNamespace(title={"cannot-see": "What Checkup cannot see",
                                      "border-checklist": "Before a border crossing"}[name])

    def render_page_html(self, page, lang_dir="ltr"):
        return f"<html><body><h1>{page.title}</h1><ul><li>☐ Shut down fully</li></ul></body></html>"



@pytest.fixture
def fake_guidance(monkeypatch):
    fake = FakeGuidance()
    monkeypatch.setattr(guidance_source, "g", fake)
    return fake


def test_pane_shows_the_article_for_the_scanned_system_first(qtbot, window, fake_guidance):
    scan_fixture(qtbot, window)
    window.findings.select_check("demo-disk")
    text = window.pane.plain_text()
    assert "Why it matters" in text and "A seized laptop." in text
    assert "Steps for linux" in text and "Steps for windows" not in text
    assert ("demo-disk", "linux", False, "ltr", "fail") in fake_guidance.calls
    assert window.pane.all_os.isEnabled()
    window.pane.all_os.setChecked(True)  # the other systems are one click away
    assert "Steps for windows" in window.pane.plain_text()
    assert window.pane.handout_button.isEnabled()


def test_missing_article_shows_a_placeholder(qtbot, window, fake_guidance):
    scan_fixture(qtbot, window)
    window.findings.select_check("demo-updates")
    assert "being written" in window.pane.plain_text()
    assert not window.pane.handout_button.isEnabled()


def test_principle_link_opens_the_principles_view_with_the_findings(qtbot, window,
                                                                     fake_guidance):
    scan_fixture(qtbot, window)
    window.findings.select_check("demo-disk")
    window.pane.browser.anchorClicked.emit(QUrl("principle:wg-8"))
    dlg = next(d for d in window._dialogs if isinstance(d, PrinciplesDialog))
    qtbot.waitExposed(dlg)
    entries = guidance_source.principles("en")
    if not entries:
        pytest.skip("the principles library is not available")
    assert dlg.list.count() == len(entries)  # every principle is listed
    assert dlg.current_id() == "wg-8"
    text = dlg.text.toPlainText()
    assert "What this means for you" in text
    assert "Findings that rest on it" in text
    assert "Disk encryption (test)" in text and "Needs action" in text
    # following a finding from the view selects it in the main list
    window.findings.select_check("demo-updates")
    dlg.text.anchorClicked.emit(QUrl("guidance:demo-disk"))
    assert window.findings.current_finding().check_id == "demo-disk"


def test_cannot_see_page_is_reachable_from_every_scan(qtbot, window, fake_guidance):
    scan_fixture(qtbot, window)
    assert window.header.cannot_see_button.isVisible()
    qtbot.mouseClick(window.header.cannot_see_button, Qt.MouseButton.LeftButton)
    dlg = window.show_page("cannot-see")
    assert "What Checkup cannot see" in dlg.text.toPlainText()
    window.pane.browser.anchorClicked.emit(QUrl("page:border-checklist"))
    border = window.show_page("border-checklist")
    assert "Shut down fully" in border.text.toPlainText()
    assert border.pdf_button.isEnabled()


def test_handout_and_page_export_as_pdf(qtbot, window, fake_guidance, tmp_path):
    scan_fixture(qtbot, window)
    window.findings.select_check("demo-disk")
    html = guidance_source.article_html("demo-disk", "en", "linux", with_title=True)
    out = window.write_pdf_to(str(tmp_path / "handout.pdf"), html, "Disk encryption")
    assert out and (tmp_path / "handout.pdf").read_bytes().startswith(b"%PDF-")
    page = guidance_source.page_html("border-checklist", "en")
    assert window.write_pdf_to(str(tmp_path / "border.pdf"), page, "Border")


def test_web_links_are_never_opened(qtbot, window, fake_guidance, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    window.pane.browser.anchorClicked.emit(QUrl("https://example.org/help"))
    assert opened == []
    assert "does not open web pages" in window.statusBar().currentMessage()
    assert "https://example.org/help" in window.statusBar().currentMessage()


def test_guidance_without_articles_or_pages_shows_placeholders(qtbot, window, monkeypatch):
    monkeypatch.setattr(guidance_source, "g", FakeGuidance(articles=(), pages=()))
    scan_fixture(qtbot, window)
    window.findings.select_check("demo-disk")
    assert "being written" in window.pane.plain_text()
    dlg = window.show_page("border-checklist")
    assert "being written" in dlg.text.toPlainText()
    assert not dlg.pdf_button.isEnabled()


@pytest.fixture
def guidance_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Articles and pages read from a folder of the test's own (the real ones elsewhere)."""
    real = checks.content.guidance._resource_path
    monkeypatch.setattr(checks.content.guidance, "_resource_path",
                        lambda *parts: tmp_path.joinpath(*parts)
                        if parts[:1] in (("guidance",), ("pages",)) else real(*parts))
    for part in ("guidance", "pages"):
        (tmp_path / part / "en").mkdir(parents=True)
    return tmp_path


BROKEN_ARTICLE = "# Disk encryption (test)\n\nThis file stops after its title.\n"


def test_a_broken_article_is_not_replaced_by_the_placeholder(qtbot, window, guidance_root,
                                                              caplog):
    (guidance_root / "guidance" / "en" / "demo-disk.md").write_text(BROKEN_ARTICLE,
                                                                    encoding="utf-8")
    scan_fixture(qtbot, window)
    with caplog.at_level(logging.ERROR, logger="desktop.guidance_source"):
        window.findings.select_check("demo-disk")
    text = window.pane.plain_text()
    assert "being written" not in text
    assert "This advice could not be shown" in text
    assert "demo-disk.md" in text  # the parser's own words: which file, what is wrong
    assert any("demo-disk" in r.getMessage() and r.levelno == logging.ERROR
               for r in caplog.records)
    # a check with no article at all still shows the designed placeholder
    window.findings.select_check("demo-updates")
    assert "being written" in window.pane.plain_text()


def test_broken_and_missing_guidance_are_told_apart(guidance_root, caplog):
    (guidance_root / "guidance" / "en" / "demo-disk.md").write_text(BROKEN_ARTICLE,
                                                                    encoding="utf-8")
    (guidance_root / "pages" / "en" / "cannot-see.md").write_bytes(b"\xff\xfe not text")
    with caplog.at_level(logging.ERROR, logger="desktop.guidance_source"):
        broken = guidance_source.article_html("demo-disk", "ar", "linux")
        page = guidance_source.page_html("cannot-see", "es")
    assert broken is not None and "demo-disk.md" in broken and 'dir="rtl"' in broken
    with pytest.raises(GuidanceError):  # what the window shows is the parser's own error
        checks.content.guidance.load_article("demo-disk", "en")
    assert page is not None and "not UTF-8" in page
    assert len([r for r in caplog.records if r.levelno == logging.ERROR]) == 2
    assert guidance_source.article_html("demo-updates", "en", "linux") is None
    assert guidance_source.page_html("border-checklist", "en") is None
    assert guidance_source.article_title("demo-disk", "en") is None
    assert guidance_source.article_covers_other_os("demo-disk", "en", "linux") is False


def test_a_broken_file_shown_in_place_of_advice_is_plain_text():
    html = guidance_source.broken_html(GuidanceError("x.md:3: <b>bad</b> \u202e"), "en")
    assert "&lt;b&gt;bad&lt;/b&gt;" in html and "<b>" not in html
    assert "\u202e" not in html and "&lt;U+202E&gt;" in html
    part = guidance_source.broken_html(GuidanceError("x.md:3: <b>bad</b>"), "ar", fragment=True)
    assert "<body" not in part and part.startswith('<h2 dir="rtl"')
    assert "&lt;b&gt;bad&lt;/b&gt;" in part and "<b>" not in part


def test_real_article_renders_for_a_real_check():
    html = guidance_source.article_html("disk-encryption", "en", "windows")
    if html is None:
        pytest.skip("no disk-encryption article in this tree yet")
    body = guidance_source.article_html("disk-encryption", "en", "windows", fragment=True)
    assert body is not None and body in html
    assert "principle:" in body and "<body" not in body


def test_about_says_version_data_dates_and_offline(window):
    from checks import __version__
    from checks.engine.datafile import bundled_data_files

    dlg = window.show_about()
    text = dlg.text.toPlainText()
    assert __version__ in text
    assert "never connects to the internet" in text
    for df in bundled_data_files():
        assert df.gathered.isoformat() in text
        assert df.name in text
    assert "never connects to the internet" in about_html()
