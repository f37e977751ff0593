"""Choosing a demo machine: the shipped scenarios grouped by operating system, each with its
one-line description, so a trainer picks "a weak Windows laptop" without reading file names.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.qt_i18n import _
from desktop.workshop.scenarios import FAMILY_ORDER, Scenario, list_scenarios

OS_NAMES = {"windows": "Windows", "macos": "macOS", "linux": "Linux"}
ROLE = Qt.ItemDataRole.UserRole


class ScenarioPicker(QDialog):
    """``exec()`` then ``chosen()``; ``present`` words the button for the presenter view."""

    def __init__(self, parent: QWidget | None = None, *, present: bool = False,
                 scenarios: Sequence[Scenario] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioPicker")
        self.present = present
        self.scenarios = list(scenarios) if scenarios is not None else list_scenarios()
        self.intro = QLabel(self)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setObjectName("scenarioIntro")
        self.intro.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("scenarioTree")
        self.tree.setColumnCount(1)
        self.tree.setUniformRowHeights(False)
        self.tree.itemActivated.connect(lambda item, _c: self._activated(item))
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.intro.setBuddy(self.tree)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("scenarioButtons")
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("scenarioOpen")
        self.open_button.setDefault(True)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self._fill()
        self.retranslate()
        self.resize(820, 520)

    def _fill(self) -> None:
        self.tree.clear()
        first: QTreeWidgetItem | None = None
        for family in (*FAMILY_ORDER, *sorted({s.family for s in self.scenarios}
                                              - set(FAMILY_ORDER))):
            group = [s for s in self.scenarios if s.family == family]
            if not group:
                continue
            head = QTreeWidgetItem([OS_NAMES.get(family, family)])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.tree.addTopLevelItem(head)
            for sc in group:
                item = QTreeWidgetItem([""])
                item.setData(0, ROLE, sc.id)
                head.addChild(item)
                first = first or item
            head.setExpanded(True)
        if first is not None:
            self.tree.setCurrentItem(first)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Demo machines"))
        self.intro.setText(_(
            "Recorded machines for demonstrations, grouped by system. Showing one never "
            "shows anything about this computer, and a banner names the machine on screen."))
        self.tree.setHeaderLabels([_("Demo machine")])
        self.tree.header().setAccessibleName(_("Column headings"))
        self.tree.setAccessibleName(_("Demo machines"))
        self.tree.setAccessibleDescription(
            _("Choose a machine with the arrow keys, then press Enter."))
        for item in self._items():
            sc = self._scenario(item)
            if sc is None:
                continue
            # the name, and under it the one-line description
            desc = _(sc.description) if sc.description else ""
            item.setText(0, f"{_(sc.name)}\n{desc}" if desc else _(sc.name))
            item.setToolTip(0, desc)
        text = _("Present it") if self.present else _("Show it")
        self.open_button.setText(text)
        self.open_button.setAccessibleName(text)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        cancel.setAccessibleName(_("Cancel"))
        self._update_buttons()

    def _heads(self) -> list[QTreeWidgetItem]:
        heads = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [h for h in heads if h is not None]

    def _items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        for head in self._heads():
            kids = (head.child(j) for j in range(head.childCount()))
            out.extend(k for k in kids if k is not None)
        return out

    def _scenario(self, item: QTreeWidgetItem | None) -> Scenario | None:
        if item is None:
            return None
        sid = item.data(0, ROLE)
        return next((s for s in self.scenarios if s.id == sid), None)

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.chosen() is not None)

    def _activated(self, item: QTreeWidgetItem) -> None:
        if self._scenario(item) is not None:
            self.accept()

    def chosen(self) -> Scenario | None:
        return self._scenario(self.tree.currentItem())

    def select(self, scenario_id: str) -> bool:
        for item in self._items():
            if item.data(0, ROLE) == scenario_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def groups(self) -> list[tuple[str, list[str]]]:
        """(OS heading, [scenario names]) as shown."""
        out: list[tuple[str, list[str]]] = []
        for head in self._heads():
            kids = (head.child(j) for j in range(head.childCount()))
            out.append((head.text(0), [k.text(0).split("\n")[0] for k in kids if k is not None]))
        return out
