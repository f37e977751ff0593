"""File › Use newer data…: a signed data pack (checks/engine/datapack.py) in the window.

The person picks a file (desktop/privacy/file_dialogs.py: no recent-files trace), Checkup
verifies it and says what it holds, and offers the two choices of the command line: use it
now (until the window closes, nothing kept: ``checkup scan --data``) or keep it for later
scans too (``checkup data keep``). A refused pack is one line in the error box and changes
nothing. Either choice scans again, with the same machine as the last scan.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from checks.engine import datapack
from checks.engine.datapack import DataPack, PackRefused
from checks.privacy import kept_pack
from checks.privacy.pack_cli import describe
from desktop.privacy.file_dialogs import ask_open_path
from desktop.qt_i18n import _, current


class DataPackActions(QObject):
    """Adds File › Use newer data… to a MainWindow; ``retranslate()`` follows the language."""

    applied = Signal(object)  # the DataPack now in use
    refused = Signal(str)  # the one line shown

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.action = window.add_action("useNewerDataAction", self.choose)
        actions = window.file_menu.actions()
        at = actions.index(window.open_action) + 1
        window.file_menu.insertAction(actions[at] if at < len(actions) else None, self.action)
        self.box: QMessageBox | None = None
        self._choice: dict[QAbstractButton, str] = {}

    def retranslate(self) -> None:
        self.action.setText(_("Use &newer data…"))

    def update_actions(self, running: bool) -> None:
        self.action.setEnabled(not running)

    def choose(self) -> None:
        path = ask_open_path(self.window, _("Use newer data"),
                             [_("Checkup data packs (*.json)"), _("All files (*)")])
        if path:
            self.offer(path)

    def offer(self, path: str | Path) -> QMessageBox | None:
        """Verify ``path`` and ask what to do with it (window-modal); None when refused."""
        if self.window.controller.running:
            return None
        try:
            pack = kept_pack.verified_newer(path)
        except PackRefused as exc:
            self._refuse(exc)
            return None
        box = QMessageBox(self.window)
        box.setObjectName("dataPackBox")
        box.setWindowTitle("Checkup")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the file name is text from outside
        box.setText("\n".join(current().render(line) for line in describe(pack)))
        box.setInformativeText(_("Use the newer data until Checkup closes, or keep it for "
                                 "later scans too (Forget everything removes it). Checkup "
                                 "scans again with it."))
        now = box.addButton(_("&Use it now"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(_("&Keep it"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        self._choice = {now: "now", keep: "keep"}
        box.buttonClicked.connect(lambda button: self._chosen(pack, Path(path), button))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.box = box
        box.open()
        return box

    def _chosen(self, pack: DataPack, path: Path, button: QAbstractButton) -> None:
        choice = self._choice.get(button)
        self._choice = {}
        if choice is None:
            return
        if choice == "keep":
            try:
                pack, _where = kept_pack.keep(path)
            except PackRefused as exc:
                self._refuse(exc)
                return
        datapack.use(pack)
        self.applied.emit(pack)
        self.window.rescan()

    def _refuse(self, exc: PackRefused) -> None:
        line = current().render(exc.message)
        self.window.show_error(line)
        self.refused.emit(line)
