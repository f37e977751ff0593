"""Guidance in the window: the article for the finding's own OS, principle links to the
Principles view, the pages, PDF handouts, and a placeholder while an article is missing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt, QUrl

from desktop import guidance_source
from desktop.about import about_html
from desktop.principles_view import PrinciplesDialog
from tests.desktop_support import (  # noqa: F401 - fixtures
    desktop_env_fixture,
    scan_fixture,
    window_fixture,
)


class FakeGuidance:
    """Stands in for checks.guidance, so these tests do not depend on the articles' text."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def load_article(self, check_id: str, lang: str):  # type: ignore[no-untyped-def]
        if check_id != "demo-disk":
            raise ValueError("no article")
        return SimpleNamespace(check_id=check_id, title="Disk encryption guide",
                               fix={"linux": 1, "windows": 2, "macos": 3})

    def os_family_of(self, key: str) -> str:
        return key.split("-")[0]

    def render_article_html(self, art, os_family, all_os=False, lang_dir="ltr", *,  # type: ignore[no-untyped-def]
                            status=None, with_title=True):
        self.calls.append((art.check_id, os_family, all_os, lang_dir, status))
        systems = ["linux", "windows", "macos"] if all_os else [os_family]
        steps = "".join(f"<h3>Steps for {s}</h3>" for s in systems)
        title = "<h1>Disk encryption guide</h1>" if with_title else ""
        return (f"<html><body>{title}<h2>Why it matters</h2><p>A seized laptop.</p>"
                f'<h2>The principles</h2><ul><li><a href="principle:wg-8">wg-8</a></li></ul>'
                f"{steps}</body></html>")

    def load_page(self, name: str, lang: str):  # type: ignore[no-untyped-def]
        return SimpleNamespace(title={"cannot-see": "What Checkup cannot see",
                                      "border-checklist": "Before a border crossing"}[name])

    def render_page_html(self, page, lang_dir="ltr"):  # type: ignore[no-untyped-def]
        return f"<html><body><h1>{page.title}</h1><ul><li>☐ Shut down fully</li></ul></body></html>"

    def articles_citing(self, pid: str, lang: str) -> list[str]:
        return ["demo-disk"] if pid == "wg-8" else []


@pytest.fixture
def fake_guidance(monkeypatch):  # type: ignore[no-untyped-def]
    fake = FakeGuidance()
    monkeypatch.setattr(guidance_source, "_guidance", lambda: fake)
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


def test_guidance_without_the_module_degrades_to_placeholders(qtbot, window, monkeypatch):
    monkeypatch.setattr(guidance_source, "_guidance", lambda: None)
    scan_fixture(qtbot, window)
    window.findings.select_check("demo-disk")
    assert "being written" in window.pane.plain_text()
    dlg = window.show_page("border-checklist")
    assert "being written" in dlg.text.toPlainText()
    assert not dlg.pdf_button.isEnabled()


def test_real_article_renders_for_a_real_check():
    html = guidance_source.article_html("disk-encryption", "en", "windows")
    if html is None:
        pytest.skip("no disk-encryption article in this tree yet")
    body = guidance_source.body_of(html)
    assert "principle:" in body and "<body" not in body


def test_about_says_version_data_dates_and_offline(window):
    from checks import __version__
    from checks.datafile import bundled_data_files

    dlg = window.show_about()
    text = dlg.text.toPlainText()
    assert __version__ in text
    assert "never connects to the internet" in text
    for df in bundled_data_files():
        assert df.gathered.isoformat() in text
        assert df.name in text
    assert "never connects to the internet" in about_html()
