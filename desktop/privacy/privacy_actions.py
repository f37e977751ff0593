"""The window's "leave no trace" actions, kept out of main_window.py (two hooks there):

- File ▸ Save a protected report… (age format, passphrase; only ciphertext is written),
- File ▸ Open a protected report… (asks for the passphrase, shows the report in a viewer,
  nothing decrypted is written unless the person saves an unprotected copy),
- File ▸ Forget everything… (desktop/privacy/forget_dialog.py),
- Help ▸ What your computer may record anyway (resources/pages/<lang>/os-records.md),
- a notice when settings can only be kept in memory (portable mode on a read-only place).
"""

from __future__ import annotations

import json
from typing import Any

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checks.engine.i18n import isolate
from checks.privacy.appdirs import Mode, settings_location
from checks.privacy.report_crypto import (
    ReportCryptoError,
    kind_of,
    protected_name,
    read_encrypted,
    write_encrypted,
)
from checks.reports.report import report_html, report_json
from desktop.os_records_page import OS_RECORDS
from desktop.privacy.file_dialogs import ask_open_path, ask_save_path
from desktop.privacy.forget_dialog import ForgetDialog
from desktop.privacy.passphrase_dialog import PassphraseDialog
from desktop.qt_i18n import _, current
from desktop.safe_text import machine


def pdf_bytes(html: str, title: str = "Checkup") -> bytes:
    """A PDF of ``html`` made in memory (nothing is written to disk)."""
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setTitle(title)
    writer.setCreator("Checkup")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(16, 16, 16, 16), QPageLayout.Unit.Millimeter))
    doc = QTextDocument()
    font = QFont()
    font.setPointSizeF(10.5)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    doc.print_(writer)
    shiboken6.delete(writer)  # finishes the PDF
    buf.close()
    return bytes(data.data())


def report_bytes(result: Any, fmt_key: str, lang: str, answers: Any = ()) -> bytes:
    """The report in one format, in memory (the person's answers in their own section)."""
    if fmt_key == "json":
        return (json.dumps(report_json(result, lang, answers=answers), indent=2,
                           ensure_ascii=False) + "\n").encode("utf-8")
    html = report_html(result, lang, answers=answers)
    if fmt_key == "pdf":
        return pdf_bytes(html)
    return html.encode("utf-8")


class ReportViewer(QDialog):
    """A decrypted report, shown from memory."""

    def __init__(self, plaintext: bytes, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("protectedReportViewer")
        self._plain = plaintext
        self.kind = kind_of(plaintext)
        self.name = name
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("protectedReportText")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.note = QLabel(self)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.save_copy = QPushButton(self)
        self.save_copy.setObjectName("saveUnprotectedCopy")
        self.save_copy.clicked.connect(self.save_unprotected_copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.save_copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(900, 700)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Protected report: {name}").format(
            name=isolate(machine(self.name))))
        self.save_copy.setText(_("Save an &unprotected copy…"))
        self.note.setText(_("This report is shown from memory; nothing decrypted was saved."))
        text = self._plain.decode("utf-8", "replace") if self.kind != "pdf" else ""
        if self.kind == "html":
            self.browser.setHtml(text)
        elif self.kind == "pdf":
            self.browser.setPlainText(_(
                "This protected report is a PDF, which Checkup cannot show. Save an "
                "unprotected copy to open it in a PDF reader, and delete the copy when you "
                "no longer need it."))
        else:
            self.browser.setPlainText(text)
        self.browser.setAccessibleName(self.windowTitle())

    def save_unprotected_copy(self) -> str | None:
        suffix = {"html": "html", "pdf": "pdf", "json": "json"}.get(self.kind, "txt")
        base = self.name[:-4] if self.name.endswith(".age") else self.name
        path, _chosen = ask_save_path(self, _("Save an unprotected copy"),
                                      [_("All files (*)")], base, suffixes=[suffix])
        if not path:
            return None
        from desktop.safe_save import problem_line, save_chosen

        try:
            save_chosen(path, self._plain)
        except OSError as exc:
            self.note.setText(_("The copy could not be saved: {reason}").format(
                reason=isolate(machine(problem_line(exc)))))
            return None
        return path


class PrivacyActions(QObject):
    """Adds the actions to a MainWindow's menus; ``retranslate()`` follows the language."""

    forgotten = Signal(object)  # the ForgetResult, once the person chose to forget everything

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.save_protected_action = window.add_action("saveProtectedAction", self.save_protected)
        self.open_protected_action = window.add_action("openProtectedAction", self.open_protected)
        self.forget_action = window.add_action("forgetAction", self.forget)
        self.os_records_action = window.add_action("osRecordsAction", self.show_os_records)
        self._insert(window.file_menu, window.save_action, self.save_protected_action, after=True)
        self._insert(window.file_menu, window.open_action, self.open_protected_action,
                     after=True)
        self._insert(window.file_menu, window.quit_action, self.forget_action, after=False)
        self._insert(window.help_menu, window.cannot_see_action, self.os_records_action,
                     after=True)
        window.scanFinished.connect(lambda _r: self.update_actions())
        window.controller.runningChanged.connect(lambda _r: self.update_actions())
        self.viewers: list[ReportViewer] = []
        self.last_forget: ForgetDialog | None = None
        self.update_actions()
        loc = settings_location()
        if loc.mode is Mode.MEMORY and loc.portable_base is not None:
            window.notice.show_notice(lambda: _(
                "Checkup cannot save its settings next to itself here (the folder cannot be "
                "written), so your choices last only until you close it."))

    @staticmethod
    def _insert(menu: Any, anchor: QAction, action: QAction, after: bool) -> None:
        actions = menu.actions()
        if anchor in actions:
            i = actions.index(anchor) + (1 if after else 0)
            menu.insertAction(actions[i] if i < len(actions) else None, action)
        else:
            menu.addAction(action)

    def retranslate(self) -> None:
        self.save_protected_action.setText(_("Save a &protected report…"))
        self.open_protected_action.setText(_("Open a p&rotected report…"))
        self.forget_action.setText(_("&Forget everything…"))
        self.os_records_action.setText(_("What your computer may &record anyway"))

    def update_actions(self) -> None:
        running = self.window.controller.running
        self.save_protected_action.setEnabled(self.window.result is not None and not running)

    # -- saving -----------------------------------------------------------------------------
    def save_protected(self) -> str | None:
        if self.window.result is None:
            return None
        dlg = PassphraseDialog(self.window, new=True)
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return None
            passphrase, fmt = dlg.passphrase(), dlg.format_key()
        finally:
            dlg.clear()
            dlg.deleteLater()
        from desktop.privacy.report_export import format_by_key, suggested_name

        name = protected_name(suggested_name(self.window.result, format_by_key(fmt)))
        path, _chosen = ask_save_path(self.window, _("Save a protected report"),
                                      [_("Protected reports (*.age)")], name, suffixes=["age"])
        if not path:
            return None
        return self.write_protected_to(path, fmt, passphrase)

    def write_protected_to(self, path: str, fmt: str, passphrase: str) -> str | None:
        """Encrypt the shown report in memory and write only the ciphertext to ``path``."""
        result = self.window.result
        if result is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            q = getattr(self.window, "questionnaire", None)
            plain = report_bytes(self.window._shown_result(result), fmt, current().lang,
                                 q.findings() if q is not None else ())
            # the person chose the name in the save dialog, which asked before replacing
            write_encrypted(path, plain, passphrase, force=True, replace_link=True)
        except ReportCryptoError as exc:
            self.window.show_error(current().render(exc.message), exc.detail)
            return None
        except OSError as exc:
            from desktop.safe_save import problem_line

            self.window.show_error(_("The report could not be saved.") + " "
                                   + problem_line(exc), str(exc))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.window.statusBar().showMessage(
            _("Protected report saved: {path}").format(path=isolate(machine(path))), 15000)
        return path

    # -- opening ----------------------------------------------------------------------------
    def open_protected(self) -> ReportViewer | None:
        path = ask_open_path(self.window, _("Open a protected report"),
                             [_("Protected reports (*.age)"), _("All files (*)")])
        if not path:
            return None
        dlg = PassphraseDialog(self.window, new=False)
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return None
            passphrase = dlg.passphrase()
        finally:
            dlg.clear()
            dlg.deleteLater()
        return self.open_protected_file(path, passphrase)

    def open_protected_file(self, path: str, passphrase: str) -> ReportViewer | None:
        """Decrypt in memory and show; a wrong passphrase or a changed file: an error only."""
        from pathlib import Path

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            plain = read_encrypted(path, passphrase)
        except ReportCryptoError as exc:
            QApplication.restoreOverrideCursor()
            self.window.show_error(current().render(exc.message), exc.detail)
            return None
        QApplication.restoreOverrideCursor()
        viewer = ReportViewer(plain, Path(path).name, self.window)
        self.window._track(viewer)
        viewer.show()
        self.viewers.append(viewer)
        return viewer

    # -- forgetting, and what the OS keeps --------------------------------------------------
    def forget(self) -> ForgetDialog:
        dlg = ForgetDialog(self.window)
        dlg.forgotten.connect(self.forgotten)
        self.window._track(dlg)
        dlg.open()
        self.last_forget = dlg
        return dlg

    def show_os_records(self) -> Any:
        return self.window.show_page(OS_RECORDS)
