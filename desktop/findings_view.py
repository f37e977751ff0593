"""The findings as a prioritised list: what needs action first, each with an icon *and* words."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from checks.engine.model import Finding, prioritised
from desktop.icons import status_icon
from desktop.qt_i18n import _, current
from desktop.safe_text import tooltip
from desktop.status_text import finding_words

TitleFn = Callable[[str], str]  # check id -> translated title

COL_STATUS, COL_TITLE = 0, 1
ROLE_INDEX = Qt.ItemDataRole.UserRole + 1


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


class FindingsView(QTreeWidget):
    findingSelected = Signal(object)  # Finding | None

    def __init__(self, title_for: TitleFn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsList")
        self._title_for = title_for
        self._findings: list[Finding] = []
        self.setColumnCount(2)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)
        self.setStyleSheet("QTreeWidget#findingsList::item { padding: 4px 2px; }")
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        self.setWordWrap(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionsMovable(False)
        self.currentItemChanged.connect(self._on_current)
        self.apply_fonts()
        self.retranslate()

    def apply_fonts(self) -> None:
        self.header().setFont(self.font())
        h = self.fontMetrics().height()
        self.setIconSize(QSize(int(h * 1.3), int(h * 1.3)))

    # -- content ---------------------------------------------------------------------------
    def findings(self) -> list[Finding]:
        return list(self._findings)

    def set_findings(self, findings: Sequence[Finding], keep_selection: bool = True) -> None:
        """Show findings in priority order, keeping the selected check selected."""
        selected = self.current_finding()
        keep = selected.check_id if (keep_selection and selected is not None) else None
        self._findings = prioritised(findings)
        self.blockSignals(True)
        try:
            self.clear()
            restore: QTreeWidgetItem | None = None
            for i, f in enumerate(self._findings):
                item = QTreeWidgetItem(self)
                item.setData(COL_STATUS, ROLE_INDEX, i)
                self._fill(item, f)
                if keep is not None and f.check_id == keep:
                    restore = item
            if restore is not None:
                self.setCurrentItem(restore)
        finally:
            self.blockSignals(False)
        if keep is not None and restore is None:
            self.findingSelected.emit(None)

    def _fill(self, item: QTreeWidgetItem, f: Finding) -> None:
        tr = current()
        words = finding_words(f)
        title = self._title_for(f.check_id)
        summary = tr.render(f.summary)
        item.setIcon(COL_STATUS, status_icon(f.status))
        item.setText(COL_STATUS, words)
        item.setText(COL_TITLE, title)
        item.setToolTip(COL_TITLE, tooltip(_first_line(summary)))
        item.setToolTip(COL_STATUS, tooltip(words))
        # What a screen reader says for the row: status, check and what was found.
        spoken = _("{status}: {check}. {summary}").format(status=words, check=title,
                                                          summary=summary)
        for col in (COL_STATUS, COL_TITLE):
            item.setData(col, Qt.ItemDataRole.AccessibleTextRole, spoken)
        item.setData(COL_TITLE, Qt.ItemDataRole.UserRole, f.check_id)

    def current_finding(self) -> Finding | None:
        item = self.currentItem()
        if item is None:
            return None
        idx = item.data(COL_STATUS, ROLE_INDEX)
        if isinstance(idx, int) and 0 <= idx < len(self._findings):
            return self._findings[idx]
        return None

    def select_check(self, check_id: str) -> bool:
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item is not None and item.data(COL_TITLE, Qt.ItemDataRole.UserRole) == check_id:
                self.setCurrentItem(item)
                return True
        return False

    def select_first(self) -> None:
        first = self.topLevelItem(0) if self.topLevelItemCount() else None
        if first is not None:
            self.setCurrentItem(first)

    def row_texts(self) -> list[tuple[str, str]]:
        out = []
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item is not None:
                out.append((item.text(COL_STATUS), item.text(COL_TITLE)))
        return out

    def check_ids(self) -> list[str]:
        return [f.check_id for f in self._findings]

    def _on_current(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        self.findingSelected.emit(self.current_finding() if item is not None else None)

    def retranslate(self) -> None:
        self.setHeaderLabels([_("Status"), _("Check")])
        self.header().setAccessibleName(_("Column headings"))
        self.setAccessibleName(_("Findings, most urgent first"))
        self.setAccessibleDescription(
            _("Use the arrow keys to choose a finding; its explanation appears beside the list."))
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item is None:
                continue
            idx = item.data(COL_STATUS, ROLE_INDEX)
            if isinstance(idx, int) and 0 <= idx < len(self._findings):
                self._fill(item, self._findings[idx])
