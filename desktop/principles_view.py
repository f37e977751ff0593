"""The Principles view: every principle Checkup's guidance rests on, in our own words, and
the checks (with this scan's findings) that rest on it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checks.engine.html_text import dir_attr, esc
from checks.engine.model import Finding
from desktop import guidance_source
from desktop.finding_html import aside
from desktop.qt_i18n import _, current
from desktop.status_text import finding_words

TitleFn = Callable[[str], str]


class PrinciplesDialog(QDialog):
    checkRequested = Signal(str)

    def __init__(self, findings: Sequence[Finding], title_for: TitleFn,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("principlesDialog")
        self._findings = {f.check_id: f for f in findings}
        self._title_for = title_for
        self.list = QListWidget(self)
        self.list.setObjectName("principlesList")
        self.text = QTextBrowser(self)
        self.text.setObjectName("principleText")
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._on_link)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.list)
        split.addWidget(self.text)
        split.setStretchFactor(1, 2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)
        self.list.currentItemChanged.connect(lambda *_a: self._show_current())
        self.resize(900, 600)
        self._entries = guidance_source.principles(current().lang)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Principles behind the advice"))
        self.list.setAccessibleName(_("Principles"))
        self.list.setAccessibleDescription(_("Choose a principle to read it and see the "
                                             "findings that rest on it."))
        self.text.setAccessibleName(_("The principle and the findings that rest on it"))
        self._entries = guidance_source.principles(current().lang)
        keep = self.current_id()
        self.list.clear()
        for p in self._entries:
            item = QListWidgetItem(f"{p.id} · {p.title}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
        if not self._entries:
            missing = _("The principles library is not available.")
            self.text.setHtml(f"<p>{esc(missing)}</p>")
        elif not keep or not self.select(keep):
            self.list.setCurrentRow(0)

    def current_id(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def select(self, principle_id: str) -> bool:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == principle_id:
                self.list.setCurrentItem(item)
                return True
        return False

    def _show_current(self) -> None:
        pid = self.current_id()
        entry = next((p for p in self._entries if p.id == pid), None)
        if entry is None:
            return
        tr = current()
        a = dir_attr(tr.rtl)
        parts = [f"<h2{a}>{esc(entry.title)}</h2>",
                 f"<p{a}>{aside(f'{esc(entry.source_title)} · {esc(entry.number)}', tr.rtl)}"
                 "</p>"]
        if entry.numbering_note:
            parts.append(f"<p{a}><small>{esc(entry.numbering_note)}</small></p>")
        parts.append(f"<p{a}>{esc(entry.paraphrase)}</p>")
        for_you = _("What this means for you")
        parts.append(f"<h3{a}>{esc(for_you)}</h3>")
        parts.append(f"<p{a}>{esc(entry.for_you)}</p>")
        resting = _("Findings that rest on it")
        parts.append(f"<h3{a}>{esc(resting)}</h3>")
        cited = guidance_source.citing(pid, tr.lang)
        if not cited:
            nothing = _("No check cites this principle yet.")
            parts.append(f"<p{a}>{esc(nothing)}</p>")
        else:
            items = []
            for cid in cited:
                f = self._findings.get(cid)
                state = (finding_words(f) if f is not None
                         else _("not part of this scan"))
                items.append(f'<li{a}><a href="guidance:{esc(cid)}">'
                             f"{esc(self._title_for(cid))}</a> — {esc(state)}</li>")
            parts.append(f"<ul{a}>{''.join(items)}</ul>")
        self.text.setHtml("".join(parts))

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "guidance":
            self.checkRequested.emit(url.path())
