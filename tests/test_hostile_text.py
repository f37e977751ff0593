"""Text from the machine stays text (DESIGN.md rule 8; issue 17, item 3).

One hostile snapshot (tests/hostile_support.py: SYNTHETIC, escape sequences, HTML links and an
image, bidi overrides, zero-width characters, NUL, C1, a byte that is not UTF-8, a forged
report line, in the snapshot's name, PRETTY_NAME, a root certificate's subject and file name
and a process name) is rendered through every output a person reads: the terminal report
(English and Arabic), JSON, the HTML page, the PDF report, ``open-report`` to a terminal, and
the window — list rows and tooltips, header, banner, guidance pane, error dialog, presenter
view and the protected-report viewer. Everywhere: no control character, no direction
override, no isolate of the adversary's that could close ours, no markup interpreted and no
link or image the program did not write.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from checks.engine.plain_text import Own, is_plain, json_text, plain, plain_value, terminal
from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture
from tests.hostile_support import (
    CERT_CN,
    LINK_TARGETS,
    MARK,
    PAYLOAD,
    hostile_version_snapshot,
    nested_snapshot,
    write_hostile,
)

FSI, PDI, LRM, RLM = "\u2068", "\u2069", "\u200e", "\u200f"
# Our own isolate (checks.engine.i18n.isolate / rtl_isolate) opens and closes with these pairs.
_OUR_ISOLATE = re.compile(f"{FSI}[{LRM}{RLM}]|[{LRM}{RLM}]{PDI}")
_NEVER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u180e\u200b\u2060-\u2064\u206a-\u206f"
                    "\ufeff\ufff9-\ufffb\u202a-\u202e\u2028\u2029\ud800-\udfff]")
_ISOLATES = re.compile("[\u2066-\u2069]")


def _near(text: str, m: re.Match[str]) -> str:
    return repr(text[max(0, m.start() - 40):m.end() + 40])


def assert_safe(text: str, where: str, *, lines: bool = True, translated: bool = False
                ) -> None:
    """No control (but line feed and tab), override, invisible character or lone
    surrogate; the only isolates are our own, around whole fragments. ``translated``: the
    text holds translations, whose translators may use isolates of their own; then only the
    payload must hold none (every isolate of the adversary's is escaped)."""
    bad = _NEVER.search(text)
    assert bad is None, f"{where}: raw U+{ord(bad.group()):04X} near {_near(text, bad)}"
    if not lines:
        assert "\n" not in text, f"{where}: a line break from machine text"
    if translated:
        for m in re.finditer(re.escape(MARK) + f"[^{LRM}{RLM}]*", text):
            stray = _ISOLATES.search(m.group())
            assert stray is None, f"{where}: an isolate in machine text: {m.group()[:80]!r}"
        return
    rest = _OUR_ISOLATE.sub("", text)
    stray = _ISOLATES.search(rest)
    assert stray is None, f"{where}: an isolate that is not ours: {_near(rest, stray)}"


def assert_no_forged_line(text: str, where: str) -> None:
    for line in text.splitlines():
        assert not re.match(r"\s*✔ Disk encryption: Protected", line), f"{where}: forged {line!r}"


def _refused_files(folder: Path) -> list[Path]:
    """Snapshots the loader must refuse; the nested one once loaders bound their nesting
    (issue 17, item 5: checks/engine/bounded_json.py)."""
    from checks.engine import snapshot

    files = [hostile_version_snapshot(folder)]
    if hasattr(snapshot, "bounded_loads"):
        files.append(nested_snapshot(folder))
    return files


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile(tmp_path_factory.mktemp("hostile"))


# -- the neutraliser --------------------------------------------------------------------------


def test_plain_escapes_every_kind_of_dangerous_character_visibly() -> None:
    out = plain(PAYLOAD)
    assert_safe(out, "plain", lines=False)
    for escape in ("<U+001B>", "<U+0007>", "<U+0000>", "<U+009B>", "<U+0085>", "<U+007F>",
                   "<U+000D>", "<U+000A>", "<U+202E>", "<U+2066>", "<U+2069>", "<U+200E>",
                   "<U+061C>", "<U+200B>", "<U+200C>", "<U+FEFF>", "<U+2028>", "<U+DCFF>"):
        assert escape in out
    assert out.startswith(MARK) and "[2J" in out  # the rest of the text stays readable
    assert plain("a\tb") == "a\tb"
    assert plain("one\ntwo", lines=True) == "one\ntwo"
    assert plain("one\r\ntwo", lines=True) == "one<U+000D>\ntwo"
    assert plain("\U000e0041") == "<U+E0041>"  # a tag character (invisible "A")


def test_plain_leaves_ordinary_text_and_the_programs_own_text_alone() -> None:
    for text in ("Debian GNU/Linux 13 (trixie)", "C:\\Users\\<user>\\Desktop", "قرص مشفّر",
                 "Müller – ✔ ✘ · «»", "10:00\u202fAM", ""):
        assert plain(text) is text and is_plain(text)
    persian = "می\u200cخواهم"  # a translation may need ZWNJ: Own keeps it
    assert plain(Own(persian)) == persian
    assert plain(persian) == "می<U+200C>خواهم"


def test_plain_is_fast_and_linear_on_a_megabyte() -> None:
    big = ("x" * 1000 + "\x1b") * 1000
    out = plain(big)
    assert out.count("<U+001B>") == 1000 and "\x1b" not in out


def test_terminal_keeps_lines_and_our_isolates_but_not_what_steers_a_terminal() -> None:
    report = f"line one\n\tتقرير {FSI}{LRM}Checkup{LRM}{PDI}\n"
    assert terminal(report) == report
    out = terminal("a\x1b[2Jb\rc\u202ed\x9be\udcff\u2028")
    assert out == "a<U+001B>[2Jb<U+000D>c<U+202E>d<U+009B>e<U+DCFF><U+2028>"


def test_json_text_escapes_losslessly() -> None:
    value = {"k\x85": ["\u202e\udcff\x7f\x1b", 1]}
    text = json_text(value)
    assert json.loads(text) == value
    assert _NEVER.search(text) is None
    assert plain_value(value) == {"k<U+0085>": ["<U+202E><U+DCFF><U+007F><U+001B>", 1]}


def test_an_adversarys_isolate_cannot_close_ours_in_arabic() -> None:
    from checks.engine.i18n import msg, translator

    out = translator("ar").render(msg("Scanned system: {system}, {kind}",
                                      system=f"{PDI}{RLM}\u202eX", kind="Y"))
    assert_safe(out, "render ar")
    assert f"{FSI}{LRM}<U+2069><U+200F><U+202E>X{LRM}{PDI}" in out


def test_evidence_is_neutralised_where_it_is_made() -> None:
    from checks.engine.model import Evidence

    ev = Evidence("/etc/\x1bx", "a\nb\u202e")
    assert ev.source == "/etc/<U+001B>x" and ev.text == "a<U+000A>b<U+202E>"


# -- the command line -------------------------------------------------------------------------


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from checks.cli import main

    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_terminal_report_carries_no_control_or_markup(hostile: Path, lang: str,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    code, out, err = _run(["scan", "--replay", str(hostile), "--lang", lang], capsys)
    assert code in (0, 1), err
    assert_safe(out, f"scan text {lang}")
    assert_safe(err, f"scan stderr {lang}")
    assert_no_forged_line(out, f"scan text {lang}")
    # the payload reached the report (snapshot name, system name, certificate, file name,
    # process name), escaped
    assert out.count(MARK) >= 5
    assert "<U+001B>[2J" in out and "<U+202E>" in out
    assert "signal-desktop<U+001F><U+0085>" in out


def test_json_report_holds_only_escaped_machine_text(hostile: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["scan", "--replay", str(hostile), "--json"], capsys)
    assert code in (0, 1), err
    assert_safe(out, "json text")
    data = json.loads(out)

    def strings(v: Any) -> Iterator[str]:
        if isinstance(v, str):
            yield v
        elif isinstance(v, dict):
            for k, x in v.items():
                yield k
                yield from strings(x)
        elif isinstance(v, list):
            for x in v:
                yield from strings(x)

    values = list(strings(data))
    for s in values:
        assert_safe(s, "json value")
    assert sum(MARK in s for s in values) >= 5
    assert any(s.startswith(f"Hostile {MARK} <U+001B>[2J") for s in values)  # scan.source.name


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_page_safe(page: str, where: str) -> None:
    parser = _Page()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag not in ("img", "script", "iframe", "object", "embed"), (where, tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, name)
            for target in LINK_TARGETS:
                assert target not in (value or ""), (where, tag, name, value)
        if tag == "a":
            assert not (attrs.get("href") or "").startswith(("javascript:", "file:")), where
    text = "".join(parser.text)
    assert_safe(text, where)
    assert MARK in text and '<a href="javascript:alert(1)">' in text  # shown as letters
    assert_no_forged_line(text, where)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_html_report_shows_markup_as_text_and_links_none(hostile: Path, tmp_path: Path,
                                                         lang: str,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    page = tmp_path / "report.html"
    code, _out, err = _run(["scan", "--replay", str(hostile), "--lang", lang, "--html",
                            str(page)], capsys)
    assert code in (0, 1), err
    assert_page_safe(page.read_text(encoding="utf-8"), f"html {lang}")


def test_unusable_hostile_snapshots_give_one_clean_line(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    for path in _refused_files(tmp_path):
        code, out, err = _run(["scan", "--replay", str(path)], capsys)
        assert code == 2 and out == ""
        assert len(err.strip().splitlines()) == 1
        assert_safe(err, f"stderr {path.name}")


def test_open_report_to_a_terminal_escapes_but_a_pipe_gets_the_exact_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import checks.privacy.report_crypto as crypto
    from checks.cli import main

    # A report as an older version (or anyone) could have written it: raw escapes inside,
    # also as HTML character references that become characters when shown as text.
    saved = ("<!DOCTYPE html><html><body><h1>Checkup report</h1><p>"
             f"{PAYLOAD}</p><p>&#27;[2J&#x202e;&#x85;</p></body></html>").encode(
                 "utf-8", "surrogatepass")
    protected = tmp_path / "report.html.age"
    protected.write_bytes(b"age-encryption.org/v1\n")
    monkeypatch.setattr(crypto, "read_encrypted", lambda _path, _pw: saved)

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    class Pipe(io.StringIO):
        def __init__(self) -> None:
            super().__init__()
            self._bytes = io.BytesIO()

        @property
        def buffer(self) -> io.BytesIO:  # what sys.stdout.buffer is: the bytes under the text
            return self._bytes

        def isatty(self) -> bool:
            return False

    tty = Tty()
    monkeypatch.setattr(sys, "stdin", io.StringIO("a passphrase\n"))
    monkeypatch.setattr(sys, "stdout", tty)
    assert main(["open-report", str(protected)]) == 0
    shown = tty.getvalue()
    assert MARK in shown and "<U+001B>[2J" in shown and "<U+202E>" in shown
    assert re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\ud800-\udfff]", shown) is None

    pipe = Pipe()
    monkeypatch.setattr(sys, "stdin", io.StringIO("a passphrase\n"))
    monkeypatch.setattr(sys, "stdout", pipe)
    assert main(["open-report", str(protected)]) == 0
    assert pipe.buffer.getvalue() == saved



def test_a_huge_value_reaches_every_report_escaped_and_whole(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    """The 1 MB organisation name of hostile_support's huge snapshot: the terminal, JSON and
    HTML reports are made, safe, and the payload around it is still escaped."""
    huge = write_hostile(tmp_path, huge=True)
    code, out, err = _run(["scan", "--replay", str(huge)], capsys)
    assert code in (0, 1), err
    assert_safe(out, "huge text")
    assert "A" * 2**20 in out and out.count(MARK) >= 5
    code, out, err = _run(["scan", "--replay", str(huge), "--json"], capsys)
    assert code in (0, 1), err
    assert_safe(out, "huge json")
    assert "A" * 2**20 in json.dumps(json.loads(out))
    page = tmp_path / "huge.html"
    code, _out, err = _run(["scan", "--replay", str(huge), "--html", str(page)], capsys)
    assert code in (0, 1), err
    assert_page_safe(page.read_text(encoding="utf-8"), "huge html")


def test_a_snapshot_saved_again_keeps_the_byte_that_is_not_utf8_visible(
        hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The lone surrogate (a byte that was not UTF-8, in the certificate's file name) is
    kept when the snapshot is written again (Snapshot.dump, as record writes it) and still
    reaches a replayed report as <U+DCFF>, never as U+FFFD."""
    from checks.engine.snapshot import Snapshot

    again = tmp_path / "again.json"
    Snapshot.load(hostile).dump(again)
    assert "\\udcff" in again.read_text(encoding="utf-8")
    for args in ([], ["--json"]):
        code, out, err = _run(["scan", "--replay", str(again), *args], capsys)
        assert code in (0, 1), err
        assert "<U+202E><U+DCFF>.crt" in out, args  # the certificate's file name
        assert "\ufffd.crt" not in out, args
        assert_safe(out, f"saved again {args}")

# -- PDF --------------------------------------------------------------------------------------


def test_pdf_report_text_is_escaped_and_links_none(qapp: Any, hostile: Path,
                                                   tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed (Debian: poppler-utils, "
                    "make sysdeps)")
    from checks.engine.registry import all_checks
    from checks.engine.runner import run_scan
    from checks.engine.snapshot import ReplayHost, Snapshot
    from desktop.privacy.report_export import format_by_key, write_report

    result = run_scan(ReplayHost(Snapshot.load(hostile)), all_checks(),
                      source={"kind": "snapshot", "name": Snapshot.load(hostile).name or ""})
    pdf = tmp_path / "report.pdf"
    write_report(result, format_by_key("pdf"), str(pdf), "en")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    flat = text.replace("\n", " ")
    assert MARK in flat and "<U+001B>" in flat
    assert_safe(text.replace("\x0c", "\n"), "pdf text")  # pdftotext ends pages with \f
    raw = pdf.read_bytes()
    for target in LINK_TARGETS:
        assert target.encode() not in raw
    if shutil.which("pdfinfo"):
        urls = subprocess.run(["pdfinfo", "-url", str(pdf)], capture_output=True,
                              text=True).stdout
        for target in LINK_TARGETS:
            assert target not in urls


# -- the window -------------------------------------------------------------------------------


def _document_links(doc: Any) -> tuple[list[str], list[str]]:
    """(anchor hrefs, image names) in a QTextDocument."""
    hrefs: list[str] = []
    images: list[str] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            fmt = frag.charFormat()
            if fmt.isAnchor() and fmt.anchorHref():
                hrefs.append(fmt.anchorHref())
            if fmt.isImageFormat():
                images.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return hrefs, images


_OWN_SCHEMES = ("principle:", "page:", "guidance:", "#", "https://", "http://")


def assert_document_safe(doc: Any, where: str, image_prefix: str, *,
                         translated: bool = False) -> None:
    hrefs, images = _document_links(doc)
    for href in hrefs:
        assert href.startswith(_OWN_SCHEMES), (where, href)
        for target in LINK_TARGETS:
            assert target not in href, (where, href)
    for name in images:
        assert name.startswith(image_prefix), (where, name)
    assert_safe(doc.toPlainText().replace("\u2029", "\n").replace("\u2028", "\n"), where,
                translated=translated)


def assert_browsers_follow_no_link(widget: Any) -> None:
    """Every text browser in ``widget`` leaves links to the program (setOpenLinks(False)):
    Qt itself follows none, local or external."""
    from PySide6.QtWidgets import QTextBrowser

    browsers = [widget] if isinstance(widget, QTextBrowser) else []
    browsers += widget.findChildren(QTextBrowser)
    assert browsers
    for b in browsers:
        assert not b.openLinks(), (type(widget).__name__, b.objectName())
        assert not b.openExternalLinks(), (type(widget).__name__, b.objectName())


@pytest.fixture
def hostile_window(desktop_env: Path, qtbot: Any, hostile: Path) -> Iterator[Any]:
    from desktop.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.scanFinished, timeout=20000):
        assert w.open_snapshot_file(hostile)
    yield w
    w.controller.shutdown()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_window_shows_hostile_text_as_plain_letters(hostile_window: Any, qtbot: Any,
                                                    lang: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QLabel

    from desktop.qt_i18n import set_language
    from tests.desktop_support import visible_texts

    w = hostile_window
    if lang != "en":
        set_language(lang)
        w.retranslate()
    seen = 0
    for i in range(w.findings.topLevelItemCount()):
        w.findings.setCurrentItem(w.findings.topLevelItem(i))
        qtbot.waitUntil(lambda i=i: w.pane.finding is w.findings.current_finding())
        assert_document_safe(w.pane.document(), f"pane row {i}", "status-icon:",
                             translated=lang != "en")
        seen += MARK in w.pane.plain_text()
        item = w.findings.topLevelItem(i)
        for col in range(w.findings.columnCount()):
            tip = item.toolTip(col)
            assert tip.startswith("<p>") and tip.endswith("</p>"), tip  # always rich, escaped
            doc = QTextDocument()
            doc.setHtml(tip)
            assert_document_safe(doc, f"tooltip {i}.{col}", "\x00no images",
                                 translated=lang != "en")
            assert "<a " not in tip and "<img" not in tip
    assert seen >= 3  # certificate, os-release evidence, messaging process
    for where, text in visible_texts(w):
        assert_safe(text.replace("\u2029", "\n"), where, translated=lang != "en")
    labels = [lab for lab in w.findChildren(QLabel) if MARK in lab.text()]
    assert labels, "the snapshot's name is shown in the header and the banner"
    for lab in labels:
        assert lab.textFormat() == Qt.TextFormat.PlainText, lab.objectName()
        assert not lab.openExternalLinks(), lab.objectName()
    assert_browsers_follow_no_link(w)
    assert MARK in w.windowTitle()


def test_error_dialog_puts_machine_text_in_plain_details_only(hostile_window: Any,
                                                              qtbot: Any,
                                                              tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    w = hostile_window
    with qtbot.waitSignal(w.errorShown, timeout=5000):
        w.show_error("The report could not be saved.", PAYLOAD)
    box = w.error_box
    assert box is not None
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.informativeText() == ""
    assert MARK in box.detailedText()
    assert_safe(box.detailedText(), "detailed text")
    box.close()
    for path in _refused_files(tmp_path):
        with qtbot.waitSignal(w.errorShown, timeout=5000):
            assert not w.open_snapshot_file(path)
        box = w.error_box
        assert box is not None and box.informativeText() == ""
        assert_safe(box.text() + box.detailedText(), f"error {path.name}")
        box.close()


def test_presenter_and_report_viewer_link_nothing_from_the_machine(hostile_window: Any,
                                                                   qtbot: Any) -> None:
    from checks.reports.report import report_html
    from desktop.privacy.privacy_actions import ReportViewer
    from desktop.workshop.presenter import PresenterView

    w = hostile_window
    result = w.result
    view = PresenterView(result.findings, result.platform.family,
                         "Linux laptop: encrypted disk, security updates waiting", w.title_for)
    qtbot.addWidget(view)
    text = ""
    for index in range(view.slide_count()):
        view.go_to(index)
        assert_document_safe(view.browser.document(), f"slide {index}", "presenter-status:")
        text += view.plain_text()
    assert CERT_CN.split(" ")[0] in text
    assert_browsers_follow_no_link(view)
    view.close()

    viewer = ReportViewer(report_html(result, "en").encode("utf-8"), f"{MARK}\x1b.html.age")
    qtbot.addWidget(viewer)
    assert_document_safe(viewer.browser.document(), "report viewer", "\x00no images")
    assert MARK in viewer.browser.toPlainText()
    assert_browsers_follow_no_link(viewer)
    assert_safe(viewer.windowTitle(), "viewer title")
    viewer.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("fragment", [False, True])
def test_a_broken_article_shown_in_the_pane_holds_machine_text_as_letters(
        lang: str, fragment: bool) -> None:
    """The pane places the broken-file notice as a fragment (issue 19 item 4): the parser's
    words, which may quote the damaged file, stay escaped text there as in the document."""
    from checks.content.guidance import GuidanceError
    from desktop.guidance_source import broken_html

    page = broken_html(GuidanceError(PAYLOAD), lang, fragment=fragment)
    assert ("<body" in page) is not fragment
    assert_page_safe(page, f"broken article {lang} fragment={fragment}")


def test_the_html_helpers_keep_machine_text_as_letters() -> None:
    """checks/engine/html_text.py, which every hand-built page escapes through."""
    from checks.engine.html_text import bdi_ltr, esc, isolated

    text = plain(PAYLOAD)
    for where, page in (("esc", f"<p>{esc(text)}</p>"), ("bdi_ltr", f"<p>{bdi_ltr(text)}</p>"),
                        ("isolated", f"<p>{isolated(text)}</p>")):
        assert_page_safe(page, where)
