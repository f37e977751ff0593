"""The pane beside the list: the selected finding, its evidence and its guidance.

Links inside the text are handled by the window, never opened in a browser:
``principle:<id>`` opens the Principles view, ``page:<name>`` a page ("what Checkup cannot
see", the border checklist), ``guidance:<id>`` another check's finding. Web addresses are
not opened: Checkup never connects to the internet.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checks.engine.model import Finding, Status
from desktop import guidance_source
from desktop.finding_html import STATUS_IMAGE, empty_html, finding_html, welcome_html
from desktop.icons import status_pixmap
from desktop.qt_i18n import _, current


class GuidanceBrowser(QTextBrowser):
    """A text browser whose only images are our status icons, added to the document.

    (Overriding ``loadResource`` is avoided on purpose: with PySide6 6.12 any Python
    override of it corrupts reference counts and crashes the process later.)"""

    def set_html_with_icons(self, html: str) -> None:
        doc = self.document()
        size = max(16, int(self.fontMetrics().height() * 1.6))
        ratio = self.devicePixelRatioF()
        for status in Status:
            doc.addResource(QTextDocument.ResourceType.ImageResource.value,
                            QUrl(STATUS_IMAGE.format(status=status.value)),
                            status_pixmap(status, size, ratio).toImage())
        self.setHtml(html)


class GuidancePane(QWidget):
    principleRequested = Signal(str)
    pageRequested = Signal(str)
    guidanceRequested = Signal(str)
    externalLinkClicked = Signal(str)
    handoutRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidancePane")
        self.browser = GuidanceBrowser(self)
        self.browser.setObjectName("guidanceText")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        self.all_os = QCheckBox(self)
        self.all_os.setObjectName("allSystems")
        self.all_os.toggled.connect(lambda _checked: self.refresh())
        self.handout_button = QPushButton(self)
        self.handout_button.setObjectName("handoutButton")
        self.handout_button.clicked.connect(self.handoutRequested)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.all_os)
        bar.addStretch(1)
        bar.addWidget(self.handout_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        self._finding: Finding | None = None
        self._title = ""
        self._os_family: str | None = None
        self._welcome = True  # nothing scanned yet: say what Checkup does
        self.retranslate()

    # -- content ---------------------------------------------------------------------------
    @property
    def finding(self) -> Finding | None:
        return self._finding

    def show_finding(self, finding: Finding | None, title: str = "",
                     os_family: str | None = None) -> None:
        self._finding, self._title, self._os_family = finding, title, os_family
        self.refresh()

    def set_welcome(self, welcome: bool) -> None:
        """With no results on screen, explain what Checkup does instead of a finding."""
        self._welcome = welcome
        self.refresh()

    def set_title(self, title: str) -> None:
        """The selected check's title (after a language switch); does not redraw."""
        self._title = title

    def has_article(self) -> bool:
        f = self._finding
        return f is not None and guidance_source.article_html(
            f.guidance_id or f.check_id, current().lang, self._os_family) is not None

    def refresh(self) -> None:
        f = self._finding
        if f is None:
            html = welcome_html() if self._welcome else empty_html()
        else:
            html = finding_html(f, self._title, self._os_family, all_os=self.all_os.isChecked())
        self.browser.set_html_with_icons(html)
        has_article = self.has_article()
        self.handout_button.setEnabled(has_article)
        self.all_os.setEnabled(f is not None and guidance_source.article_covers_other_os(
            f.guidance_id or f.check_id, current().lang, self._os_family))
        self.handout_button.setVisible(f is not None)
        self.all_os.setVisible(f is not None)

    def plain_text(self) -> str:
        return self.browser.toPlainText()

    def document(self) -> QTextDocument:
        return self.browser.document()

    def _on_link(self, url: QUrl) -> None:
        scheme = url.scheme()
        target = url.path() or url.toString().split(":", 1)[-1]
        if scheme == "principle":
            self.principleRequested.emit(target)
        elif scheme == "page":
            self.pageRequested.emit(target)
        elif scheme == "guidance":
            self.guidanceRequested.emit(target)
        elif not scheme and url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())
        else:
            self.externalLinkClicked.emit(url.toString())

    def retranslate(self) -> None:
        self.all_os.setText(_("Show the steps for every system"))
        self.all_os.setAccessibleName(_("Show the steps for every system"))
        self.all_os.setAccessibleDescription(
            _("Normally only the steps for the system that was scanned are shown."))
        self.handout_button.setText(_("Save as a PDF handout…"))
        self.handout_button.setAccessibleName(_("Save this guidance as a PDF handout"))
        self.handout_button.setAccessibleDescription(
            _("Write this guidance to a PDF file you choose, to print or share."))
        self.browser.setAccessibleName(_("Explanation and guidance"))
        self.browser.setAccessibleDescription(
            _("What was found, the facts it rests on, and how to fix it. Links open "
              "principles and help pages inside Checkup."))
        self.refresh()
