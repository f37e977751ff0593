"""Presenter view: a demo machine on the projector, one finding at a time.

Full screen, very large text, white on black, with a yellow banner that names the demo
machine so nobody takes it for the trainer's own computer. The first slide gives the overview;
then one finding per slide, most urgent first, with what to do about it on the demo machine's
system (from the guidance): the fix steps for a problem, how to check by hand for what could
not be checked, why it matters for what is in place.

Keys (a presentation clicker sends the same): Right, Page Down, Space or Enter — next;
Left, Page Up or Backspace — previous; Home / End — first / last; Up / Down — scroll a long
slide; B or . — blank the screen; Escape — leave.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from checks.content.guidance import GuidanceError, content_lang, labels, load_article
from checks.content.handouts import inline_html
from checks.engine.html_text import dir_attr, esc
from checks.engine.model import Finding, Status, prioritised
from desktop.icons import status_pixmap
from desktop.qt_i18n import _, current, layout_direction
from desktop.status_text import finding_words, summary_line

BACKGROUND = "#000000"
FOREGROUND = "#ffffff"
# Light status colours that keep a high contrast on black (words and icon say it too).
STATUS_INK = {
    Status.FAIL: "#ff8a80",
    Status.ATTENTION: "#ffd54f",
    Status.ERROR: "#d1b3ff",
    Status.UNKNOWN: "#cfd8dc",
    Status.PASS: "#9be7a0",
    Status.NOT_APPLICABLE: "#e0e0e0",
}
ICON_URL = "presenter-status:{status}"
NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Return,
             Qt.Key.Key_Enter}
PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace}
BLANK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}
MAX_STEPS = 8


def _pick_variant(keys: Sequence[str], desktop_hint: str) -> str:
    """For Linux articles with per-desktop steps: the one that matches the machine's."""
    hint = desktop_hint.lower()
    for key in keys:
        variant = key.split("-", 1)[1] if "-" in key else ""
        if variant and variant in hint:
            return key
    return keys[0]


def slide_guidance(finding: Finding, os_family: str, lang: str, desktop_hint: str = "",
                   rtl: bool = False) -> str:
    """The part of the guidance a room needs for this finding, as HTML ('' without one)."""
    try:
        art = load_article(finding.guidance_id or finding.check_id, content_lang(lang))
    except GuidanceError:
        return ""
    lab = labels(art.lang)
    attr = dir_attr(rtl)
    out: list[str] = []

    def heading(text: str) -> None:
        out.append(f"<h2{attr}>{esc(text)}</h2>")

    def items(tag: str, texts: Sequence[str]) -> None:
        lis = "".join(f"<li{attr}>{inline_html(t, rtl)}</li>" for t in texts[:MAX_STEPS])
        out.append(f"<{tag}{attr}>{lis}</{tag}>")

    status = finding.status
    if status in (Status.FAIL, Status.ATTENTION):
        if status is Status.ATTENTION and art.states.get("attention"):
            out.append(f"<p{attr}>{inline_html(art.states['attention'][0], rtl)}</p>")
        fixes = art.fix_for(os_family)
        if fixes:
            key = _pick_variant(list(fixes), desktop_hint)
            fs = fixes[key]
            label = fs.label or lab.get(f"os.{os_family}", os_family)
            heading(f"{lab['fix']} — {label}")
            items("ol", fs.steps)
    elif status in (Status.UNKNOWN, Status.ERROR):
        if art.states.get("unknown"):
            out.append(f"<p{attr}>{inline_html(art.states['unknown'][0], rtl)}</p>")
        verify = art.verify_for(os_family)
        if verify:
            heading(lab["verify"])
            items("ol", next(iter(verify.values())))
    else:
        if art.why:
            heading(lab["why"])
            out.append(f"<p{attr}>{inline_html(art.why[0], rtl)}</p>")
    return "".join(out)


class PresenterView(QWidget):
    """The full-screen presentation of one scan of a demo machine."""

    slideChanged = Signal(int)
    closed = Signal()

    def __init__(self, findings: Sequence[Finding], os_family: str, machine_name: str,
                 title_for: Callable[[str], str], desktop_hint: str = "",
                 parent: QWidget | None = None,
                 about_data: Callable[[], str] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenterView")
        self.findings = prioritised(list(findings))
        self.os_family = os_family
        self.machine_name = machine_name  # a shipped scenario's name (a msgid)
        self.title_for = title_for
        self.desktop_hint = desktop_hint
        # the header's sentence on how old the facts were (checks/reports/data_age.py), in
        # the language shown
        self.about_data = about_data
        self.index = 0
        self.blanked = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
        pal.setColor(QPalette.ColorRole.WindowText, QColor(FOREGROUND))
        pal.setColor(QPalette.ColorRole.Base, QColor(BACKGROUND))
        pal.setColor(QPalette.ColorRole.Text, QColor(FOREGROUND))
        self.setPalette(pal)

        self.banner = QLabel(self)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setObjectName("presenterBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("#presenterBanner { background: #ffd21f; color: #000000;"
                                  " border: 4px solid #ffffff; padding: 8px 16px; }")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("presenterSlide")
        self.browser.setFrameShape(QFrame.Shape.NoFrame)
        self.browser.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setPalette(pal)
        self.browser.setStyleSheet(f"QTextBrowser {{ background: {BACKGROUND};"
                                   f" color: {FOREGROUND}; }}")
        self.browser.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.position = QLabel(self)
        self.position.setTextFormat(Qt.TextFormat.PlainText)
        self.position.setObjectName("presenterPosition")
        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setObjectName("presenterKeys")
        self.hint.setWordWrap(True)
        for lab in (self.position, self.hint):
            lab.setStyleSheet(f"color: {FOREGROUND};")
        footer = QHBoxLayout()
        footer.addWidget(self.position)
        footer.addStretch(1)
        footer.addWidget(self.hint, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.setSpacing(16)
        layout.addWidget(self.banner)
        layout.addWidget(self.browser, 1)
        layout.addLayout(footer)
        self.resize(1280, 720)
        self.retranslate()

    # -- navigation ------------------------------------------------------------------------
    def slide_count(self) -> int:
        return 1 + len(self.findings)

    def current_finding(self) -> Finding | None:
        return self.findings[self.index - 1] if self.index > 0 else None

    def go_to(self, index: int) -> None:
        index = max(0, min(index, self.slide_count() - 1))
        self.blanked = False
        if index != self.index:
            self.index = index
            self.show_slide()
            self.slideChanged.emit(index)
        else:
            self.show_slide()

    def next(self) -> None:
        self.go_to(self.index + 1)

    def previous(self) -> None:
        self.go_to(self.index - 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key in NEXT_KEYS:
            self.next()
        elif key in PREVIOUS_KEYS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(self.slide_count() - 1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            bar = self.browser.verticalScrollBar()
            step = bar.pageStep() // 3 or 40
            bar.setValue(bar.value() + (step if key == Qt.Key.Key_Down else -step))
        elif key in BLANK_KEYS:
            self.blanked = not self.blanked
            self.show_slide()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.closed.emit()
        super().closeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    # -- content ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setLayoutDirection(layout_direction())
        self.setWindowTitle(_("Checkup — presenter view"))
        self.banner.setText(_("Demo machine “{name}” — not this computer").format(
            name=_(self.machine_name)))
        self.banner.setAccessibleName(self.banner.text())
        self.hint.setText(_("→, Page Down or Space: next · ← or Page Up: previous · "
                            "↑ ↓: scroll · B: blank screen · Esc: leave"))
        self.setAccessibleName(_("Presenter view"))
        self.setAccessibleDescription(self.hint.text())
        self.browser.setAccessibleName(_("Current slide"))
        self.show_slide()

    def slide_html(self, index: int | None = None) -> str:
        index = self.index if index is None else index
        tr = current()
        rtl = tr.rtl
        attr = dir_attr(rtl)
        if self.blanked:
            return "<p></p>"
        if index == 0:
            rows = []
            for f in self.findings:
                cells = [f'<td><img src="{ICON_URL.format(status=f.status.value)}"/></td>',
                         f"<td{attr}>&nbsp;{esc(self.title_for(f.check_id))}&nbsp;</td>",
                         f'<td{attr} style="color:{STATUS_INK[f.status]}">&nbsp;&nbsp;'
                         f"{esc(finding_words(f))}</td>"]
                # Qt lays table cells out left to right: mirror them for right-to-left text
                rows.append("<tr>" + "".join(reversed(cells) if rtl else cells) + "</tr>")
            data = self.about_data() if self.about_data is not None else ""
            note = f'<p{attr}><small>{esc(data)}</small></p>' if data else ""
            return (f"<h1{attr}>{esc(_(self.machine_name))}</h1>"
                    f"<p{attr}><b>{esc(summary_line(self.findings))}</b></p>"
                    f'<table{attr} cellspacing="4">{"".join(rows)}</table>{note}')
        f = self.findings[index - 1]
        words = finding_words(f)
        guidance = slide_guidance(f, self.os_family, tr.lang, self.desktop_hint, rtl)
        return (f'<p{attr}><img src="{ICON_URL.format(status=f.status.value)}"/>&nbsp;'
                f'<b><span style="color:{STATUS_INK[f.status]}">{esc(words)}</span></b></p>'
                f"<h1{attr}>{esc(self.title_for(f.check_id))}</h1>"
                f"<p{attr}>{esc(tr.render(f.summary))}</p>"
                f"{guidance}")

    def show_slide(self) -> None:
        self.position.setText(_("{current} of {total}").format(
            current=self.index + 1, total=self.slide_count()))
        self.position.setAccessibleName(self.position.text())
        self._fit()

    def _fit(self) -> None:
        """Set the slide with the largest text that fits the screen (then allow scrolling)."""
        html_text = self.slide_html()
        height = max(200, self.browser.viewport().height())
        width = max(200, self.browser.viewport().width())
        largest = max(18, int(min(height / 11, width / 24)))
        smallest = max(14, int(height / 40))
        size = largest
        doc = self.browser.document()
        while True:
            self._set(doc, html_text, size)
            doc.setTextWidth(width)
            if doc.size().height() <= height or size <= smallest:
                break
            size = max(smallest, int(size * 0.9))
        self.browser.verticalScrollBar().setValue(0)
        self.font_px = size

    def _set(self, doc: QTextDocument, text: str, px: int) -> None:
        font = QFont(self.font())
        font.setPixelSize(px)
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet(
            f"body {{ color: {FOREGROUND}; }} h1 {{ font-size: {int(px * 1.5)}px; }}"
            f" h2 {{ font-size: {int(px * 1.15)}px; }} li {{ margin-bottom: {px // 4}px; }}")
        for status in Status:
            doc.addResource(QTextDocument.ResourceType.ImageResource.value,
                            QUrl(ICON_URL.format(status=status.value)),
                            status_pixmap(status, int(px * 1.2)).toImage())
        self.browser.setHtml(text)
        self.banner.setFont(self._banner_font(px))
        small = QFont(self.font())
        small.setPixelSize(max(12, px // 2))
        self.position.setFont(small)
        self.hint.setFont(small)

    def _banner_font(self, px: int) -> QFont:
        f = QFont(self.font())
        f.setBold(True)
        f.setPixelSize(max(16, int(px * 0.8)))
        return f

    def plain_text(self) -> str:
        return self.browser.toPlainText()
