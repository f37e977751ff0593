"""Checkup's main window: scan, understand, act.

Header (summary, the Scan button, progress and Cancel) · banner when a recorded machine is
shown · the prioritised findings beside the guidance pane. Scans run in a worker thread
(scan_worker.py). Nothing about findings is written anywhere unless the person saves a
report or a handout through a file dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from checks.engine.host import Host, LiveHost
from checks.engine.i18n import isolate
from checks.engine.model import Finding
from checks.engine.plain_text import plain
from checks.engine.registry import Check, all_checks
from checks.engine.runner import ScanResult
from checks.engine.snapshot import ReplayHost, Snapshot, SnapshotError
from checks.reports.data_age import data_messages
from checks.reports.report import format_when, machine_line, source_message
from desktop import guidance_source
from desktop.about import AboutDialog
from desktop.banner import RecordedBanner
from desktop.data_pack_actions import DataPackActions
from desktop.findings_view import FindingsView
from desktop.guidance_pane import GuidancePane
from desktop.header import ScanHeader
from desktop.icons import app_icon
from desktop.notice import NoticeBar
from desktop.page_view import PageDialog
from desktop.pdf import html_to_pdf
from desktop.principles_view import PrinciplesDialog
from desktop.privacy.file_dialogs import ask_open_path, ask_save_path
from desktop.privacy.privacy_actions import PrivacyActions
from desktop.privacy.report_export import (
    FORMATS,
    format_for,
    suggested_name,
    with_suffix,
    write_report,
)
from desktop.qt_i18n import _, current, language_choices, own_direction, set_language
from desktop.questionnaire import Questionnaire
from desktop.scan_worker import ScanController
from desktop.settings import LARGER_TEXT_FACTOR, Settings, SettingsProblem, save_settings
from desktop.status_text import summary_line
from desktop.workshop.scenarios import Scenario, list_scenarios
from desktop.workshop.workshop_menu import WorkshopMenu

ChecksProvider = Callable[[], Sequence[Check]]
HostFactory = Callable[[], Host]

@dataclass(frozen=True)
class Recorded:
    """What the banner says about a recorded machine on screen."""

    name: str
    when: str
    synthetic: bool
    translate_name: bool  # a shipped scenario (its name is a msgid), not someone's data


class MainWindow(QMainWindow):
    scanFinished = Signal(object)  # the ScanResult now shown
    errorShown = Signal(str)

    def __init__(self, settings: Settings | None = None,
                 settings_problem: SettingsProblem | None = None, *,
                 checks_provider: ChecksProvider = all_checks,
                 live_host_factory: HostFactory = LiveHost,
                 base_font: QFont | None = None,
                 persist_settings: bool = True) -> None:
        super().__init__()
        self.setObjectName("checkupMainWindow")
        self.settings = settings or Settings()
        self._persist = persist_settings
        self._checks_provider = checks_provider
        self._live_host_factory = live_host_factory
        app = QApplication.instance()
        self._base_font = QFont(base_font) if base_font is not None else (
            QFont(QApplication.font()) if app is not None else QFont())
        self._result: ScanResult | None = None
        self._recorded: Recorded | None = None
        self._pending_recorded: Recorded | None = None
        self._partial: list[Finding] = []
        self._started: list[str] = []
        self._ended: set[str] = set()
        self._scan_family: str | None = None
        self._dialogs: list[QWidget] = []
        self.last_error = ""
        self.error_box: QMessageBox | None = None

        self.setWindowIcon(app_icon())
        self.controller = ScanController(self, checks_provider)
        self.controller.checkStarted.connect(self._on_check_started)
        self.controller.progressed.connect(self._on_progress)
        self.controller.finished.connect(self._on_finished)
        self.controller.failed.connect(self._on_failed)
        self.controller.runningChanged.connect(lambda _r: self._update_actions())
        if app is not None:  # quitting with a scan under way: stop it cleanly first
            app.aboutToQuit.connect(self.controller.shutdown)

        self.notice = NoticeBar(self)
        self.banner = RecordedBanner(self)
        self.banner.closeRequested.connect(self.close_recording)
        self.header = ScanHeader(self)
        self.header.scanRequested.connect(self.start_live_scan)
        self.header.cancelRequested.connect(self.cancel_scan)
        self.header.saveRequested.connect(self.save_report)
        self.header.cannotSeeRequested.connect(
            lambda: self.show_page(guidance_source.CANNOT_SEE))
        self.findings = FindingsView(self.title_for, self)
        self.findings.findingSelected.connect(self._on_selected)
        self.pane = GuidancePane(self)
        self.pane.principleRequested.connect(self.show_principles)
        self.pane.pageRequested.connect(self.show_page)
        self.pane.guidanceRequested.connect(self._select_check)
        self.pane.externalLinkClicked.connect(self._on_external_link)
        self.pane.handoutRequested.connect(self.save_handout)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.findings)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)

        central = QWidget(self)
        central.setObjectName("central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.notice)
        layout.addWidget(self.banner)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_menus()
        self.privacy = PrivacyActions(self)  # protected reports, forget, what the OS records
        self.questionnaire = Questionnaire(self)  # questions only you can answer (memory only)
        self.data_packs = DataPackActions(self)  # File › Use newer data… (signed data packs)
        self._last_scan: tuple[HostFactory, str | None, dict[str, str], Recorded | None] | None \
            = None
        self._set_tab_order()
        if settings_problem:
            self.notice.show_notice(lambda: _(
                "Your saved settings could not be read, so Checkup started with its default "
                "settings. Choose your language and text size again if needed."))
        self.apply_text_size(self.settings.larger_text, save=False)
        self.retranslate()
        self.resize(1180, 760)
        self.splitter.setSizes([470, 690])
        self._update_actions()

    # -- actions and menus -------------------------------------------------------------------
    def add_action(self, name: str, slot: Callable[[], object],
                   shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                   ) -> QAction:
        """A window action (its shortcut works anywhere in the window); the menus and the
        workshop and privacy parts build theirs with it."""
        act = QAction(self)
        act.setObjectName(name)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        self.scan_action = self.add_action("scanAction", self.start_live_scan, "F5")
        self.cancel_action = self.add_action("cancelAction", self.cancel_scan, "Esc")
        self.open_action = self.add_action("openAction", self.open_snapshot_dialog,
                                           QKeySequence.StandardKey.Open)
        self.save_action = self.add_action("saveAction", self.save_report,
                                           QKeySequence.StandardKey.Save)
        self.quit_action = self.add_action("quitAction", self.close, "Ctrl+Q")
        self.larger_action = self.add_action("largerTextAction",
                                             lambda: self.apply_text_size(
                                                 self.larger_action.isChecked()), "Ctrl++")
        self.larger_action.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.larger_action.setCheckable(True)
        self.larger_action.setChecked(self.settings.larger_text)
        self.principles_action = self.add_action("principlesAction",
                                                 lambda: self.show_principles())
        self.cannot_see_action = self.add_action(
            "cannotSeeAction", lambda: self.show_page(guidance_source.CANNOT_SEE))
        self.border_action = self.add_action(
            "borderAction", lambda: self.show_page(guidance_source.BORDER_CHECKLIST))
        self.about_action = self.add_action("aboutAction", self.show_about, "F1")
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in language_choices():
            act = QAction(name, self)
            act.setObjectName(f"language-{code}")
            act.setCheckable(True)
            act.triggered.connect(lambda _c=False, c=code: self.apply_language(c))
            self.language_group.addAction(act)
            self.language_actions[code] = act

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.setObjectName("menuBar")
        self.file_menu = QMenu(self)
        self.file_menu.setObjectName("fileMenu")
        self.scenario_menu = QMenu(self)
        self.scenario_menu.setObjectName("scenarioMenu")
        self.view_menu = QMenu(self)
        self.view_menu.setObjectName("viewMenu")
        self.language_menu = QMenu(self)
        self.language_menu.setObjectName("languageMenu")
        self.help_menu = QMenu(self)
        self.help_menu.setObjectName("helpMenu")
        self.file_menu.addAction(self.scan_action)
        self.file_menu.addAction(self.cancel_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.open_action)
        self.file_menu.addMenu(self.scenario_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.save_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        for act in self.language_actions.values():
            self.language_menu.addAction(act)
        self.view_menu.addMenu(self.language_menu)
        self.view_menu.addAction(self.larger_action)
        self.help_menu.addAction(self.principles_action)
        self.help_menu.addAction(self.cannot_see_action)
        self.help_menu.addAction(self.border_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        bar.addMenu(self.file_menu)
        bar.addMenu(self.view_menu)
        bar.addMenu(self.help_menu)
        self._scenarios: list[Scenario] = list_scenarios()
        self._scenario_actions: list[tuple[QAction, Scenario]] = []
        for sc in self._scenarios:
            act = QAction(self)
            act.setObjectName(f"scenario-{sc.id}")
            act.triggered.connect(lambda _c=False, s=sc: self.open_scenario(s))
            self.scenario_menu.addAction(act)
            self._scenario_actions.append((act, sc))
        self.workshop = WorkshopMenu(self)  # demo, presenter, summaries, handouts

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.notice.dismiss,
            self.banner.close_button,
            self.header.scan_button,
            self.header.cancel_button,
            self.header.save_button,
            self.header.cannot_see_button,
            self.findings,
            self.questionnaire.view,
            self.questionnaire.button,
            self.pane.all_os,
            self.pane.handout_button,
            self.pane.browser,
        ]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def _update_actions(self) -> None:
        running = self.controller.running
        has_result = self._result is not None
        self.scan_action.setEnabled(not running)
        self.cancel_action.setEnabled(running)
        self.open_action.setEnabled(not running)
        self.scenario_menu.setEnabled(not running and bool(self._scenarios))
        self.save_action.setEnabled(has_result and not running)
        self.data_packs.update_actions(running)
        self.header.save_button.setEnabled(has_result and not running)

    # -- language, text size -----------------------------------------------------------------
    def apply_language(self, lang: str, save: bool = True) -> None:
        set_language(lang)
        if save:
            self.settings.language = current().lang
            self._save_settings()
        self.retranslate()

    def apply_text_size(self, larger: bool, save: bool = True) -> None:
        """Scale the whole window (for projectors): every font follows the application font."""
        self.settings.larger_text = larger
        font = QFont(self._base_font)
        size = self._base_font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * (LARGER_TEXT_FACTOR if larger else 1.0))
        else:
            font.setPixelSize(int(self._base_font.pixelSize() *
                                  (LARGER_TEXT_FACTOR if larger else 1.0)))
        QApplication.setFont(font)
        self.setFont(font)
        # Fonts do not propagate into widgets that have a style sheet: set them there.
        for w in self.findChildren(QWidget):
            if w.styleSheet():
                for sub in (w, *w.findChildren(QWidget)):
                    sub.setFont(font)
        for part in (self.header, self.banner, self.findings):
            part.setFont(font)
            part.apply_fonts()
        self.pane.setFont(font)
        self.pane.refresh()
        self.questionnaire.apply_fonts()
        if self.larger_action.isChecked() != larger:
            self.larger_action.setChecked(larger)
        if save:
            self._save_settings()

    def _save_settings(self) -> None:
        if self._persist:
            save_settings(self.settings, on_problem=self._settings_not_saved)

    def _settings_not_saved(self, exc: OSError) -> None:
        """One line in the status bar: the window carries on with the settings in memory."""
        reason = str(getattr(exc, "detail", "") or exc.strerror or exc)
        self.statusBar().showMessage(
            _("Your settings could not be saved ({reason}); they apply until Checkup "
              "closes.").format(reason=isolate(plain(reason))), 15000)

    def retranslate(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.scenario_menu.setTitle(_("Show a &demo machine"))
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.menuBar().setAccessibleName(_("Menu bar"))
        self.scan_action.setText(_("&Scan this computer"))
        self.cancel_action.setText(_("&Cancel the scan"))
        self.open_action.setText(_("&Open a recorded machine…"))
        self.save_action.setText(_("Save a &report…"))
        self.quit_action.setText(_("&Quit"))
        self.larger_action.setText(_("Larger &text"))
        self.principles_action.setText(_("&Principles behind the advice"))
        self.cannot_see_action.setText(_("What Checkup &cannot see"))
        self.border_action.setText(_("Before a &border crossing"))
        self.about_action.setText(_("&About Checkup"))
        for code, act in self.language_actions.items():
            act.setChecked(code == current().lang)
        for act, sc in self._scenario_actions:
            act.setText(_(sc.name))
            act.setToolTip(_(sc.description) if sc.description else "")
            act.setStatusTip(_(sc.description) if sc.description else "")
        self.privacy.retranslate()
        self.data_packs.retranslate()
        self.questionnaire.retranslate()
        self.notice.retranslate()
        self.workshop.retranslate()
        self.banner.retranslate()
        self.header.retranslate()
        if self._result is not None and not self.controller.running:
            self.header.set_result(*self._result_texts(self._result))
        self.findings.retranslate()
        self.pane.set_title(self._selected_title())
        self.pane.retranslate()
        for dlg in list(self._dialogs):
            retr = getattr(dlg, "retranslate", None)
            if retr is not None:
                retr()
        self._update_title()

    def _update_title(self) -> None:
        if self._recorded is not None or self._pending_recorded is not None:
            rec = self._recorded or self._pending_recorded
            assert rec is not None
            name = _(rec.name) if rec.translate_name else isolate(plain(rec.name))
            self.setWindowTitle(_("Checkup — recorded machine: {name}").format(name=name))
        else:
            self.setWindowTitle("Checkup")

    # -- titles ------------------------------------------------------------------------------
    def title_for(self, check_id: str) -> str:
        for c in self._checks_provider():
            if c.id == check_id:
                return _(c.title)
        return Questionnaire.title(check_id)

    def _selected_title(self) -> str:
        f = self.pane.finding
        return self.title_for(f.check_id) if f is not None else ""

    # -- scanning ----------------------------------------------------------------------------
    @property
    def result(self) -> ScanResult | None:
        return self._result

    def start_live_scan(self) -> bool:
        try:
            family = self._live_host_factory().platform.family
        except Exception:
            family = None
        return self._begin_scan(self._live_host_factory, family, {"kind": "live"}, None)

    def open_snapshot_dialog(self) -> None:
        path = ask_open_path(self, _("Open a recorded machine"),
                             [_("Checkup snapshots (*.json)"), _("All files (*)")])
        if path:
            self.open_snapshot_file(path)

    def open_snapshot_file(self, path: str | Path) -> bool:
        """Replay a snapshot file. A malformed file: an error, and nothing else changes."""
        if self.controller.running:
            return False
        try:
            snap = Snapshot.load(path)
        except SnapshotError as exc:
            self.show_error(_("This file cannot be opened as a recorded machine. Nothing "
                              "else was changed."), str(exc))
            return False
        name = snap.name or Path(path).name
        return self._begin_replay(snap, Recorded(
            name=name, when=format_when(snap.recorded_at, current().lang),
            synthetic=snap.meta.get("origin") == "synthetic", translate_name=False),
            file=Path(path).name)

    def open_scenario(self, scenario: Scenario | str) -> bool:
        if isinstance(scenario, str):
            found = next((s for s in self._scenarios if s.id == scenario), None)
            if found is None:
                return False
            scenario = found
        if self.controller.running:
            return False
        try:
            snap = Snapshot.load(scenario.path)
        except SnapshotError as exc:
            self.show_error(_("This demo machine cannot be opened. Nothing else was changed."),
                            str(exc))
            return False
        return self._begin_replay(snap, Recorded(
            name=scenario.name, when=format_when(snap.recorded_at, current().lang),
            synthetic=True, translate_name=True), file=scenario.path.name)

    def _begin_replay(self, snap: Snapshot, recorded: Recorded, file: str) -> bool:
        host = ReplayHost(snap)
        source = {"kind": "snapshot", "name": recorded.name, "file": file,
                  "origin": str(snap.meta.get("origin") or "recorded"),
                  "recorded_at_text": recorded.when}
        return self._begin_scan(lambda: host, snap.platform.family, source, recorded)

    def _begin_scan(self, factory: HostFactory, family: str | None, source: dict[str, str],
                    recorded: Recorded | None) -> bool:
        if self.controller.running:
            return False
        self._last_scan = (factory, family, source, recorded)
        self._pending_recorded = recorded
        self._recorded = None
        self._result = None
        self._partial = []
        self._started = []
        self._ended = set()
        self._scan_family = family
        self.findings.set_findings([], keep_selection=False)
        self.pane.set_welcome(False)
        self.pane.show_finding(None)
        if recorded is not None:
            self.banner.show_for(recorded.name, recorded.when, recorded.synthetic,
                                 recorded.translate_name)
        else:
            self.banner.hide()
        self._update_title()
        if not self.controller.start(factory, family, source):
            return False
        self.header.set_scanning(self.controller.total)
        self._update_actions()
        return True

    def rescan(self) -> bool:
        """Scan again what was scanned last (this computer when nothing was yet): after the
        data changed (desktop/data_pack_actions.py)."""
        if self._last_scan is None:
            return self.start_live_scan()
        return self._begin_scan(*self._last_scan)

    def cancel_scan(self) -> None:
        if self.controller.running:
            self.controller.cancel()
            self.header.running.setText(_("Stopping…"))

    def _running_title(self) -> str:
        for cid in self._started:
            if cid not in self._ended:
                return self.title_for(cid)
        return ""

    def _on_check_started(self, check_id: str) -> None:
        if check_id not in self._started:
            self._started.append(check_id)
        self.header.set_progress(len(self._ended), self.controller.total, self._running_title())

    def _on_progress(self, done: int, total: int, finding: Finding) -> None:
        self._ended.add(finding.check_id)
        self._partial = [f for f in self._partial if f.check_id != finding.check_id]
        self._partial.append(finding)
        self.findings.set_findings(self._partial)
        self.header.set_progress(done, total, self._running_title())

    def _shown_result(self, result: ScanResult) -> ScanResult:
        """The result with a demo machine's name in the window's language."""
        rec = self._recorded or self._pending_recorded
        source = dict(result.source)
        if rec is not None and rec.translate_name and source.get("name"):
            source["name"] = own_direction(_(rec.name))
        if source.get("recorded_at_text"):
            source["recorded_at_text"] = own_direction(str(source["recorded_at_text"]))
        return replace(result, source=source) if source != result.source else result

    def _result_texts(self, result: ScanResult) -> tuple[str, str]:
        tr = current()
        result = self._shown_result(result)
        when = own_direction(format_when(result.started, tr.lang))
        source = tr.render(source_message(result, when))
        machine = tr.render(machine_line(result))
        about_data = " ".join(tr.render(m) for m in data_messages(result, tr.lang))
        # the data's age on a line of its own: the machine line ends without a full stop
        line = f"{source} {machine}" + (f"\n{about_data}" if about_data else "")
        if result.cancelled:
            cancelled = _("The scan was cancelled before every check finished.")
            line = f"{cancelled} {line}"
        return summary_line(result.findings), line

    def _on_finished(self, result: ScanResult) -> None:
        self._result = result
        self._recorded = self._pending_recorded
        self._pending_recorded = None
        self._scan_family = result.platform.family
        self.findings.set_findings(result.findings)
        if self.findings.current_finding() is None:
            self.findings.select_first()
        self.header.set_result(*self._result_texts(result))
        self._update_title()
        self._update_actions()
        self.scanFinished.emit(result)

    def _on_failed(self, message: str) -> None:
        self._pending_recorded = None
        self.pane.set_welcome(True)
        self.banner.hide()
        self.header.set_idle()
        self._update_title()
        self._update_actions()
        self.show_error(_("The scan could not run. Nothing was changed."), message)

    def close_recording(self) -> None:
        """Stop showing a recorded machine: back to this computer, with nothing shown."""
        if self.controller.running:
            self.controller.cancel()
            return
        self._recorded = self._pending_recorded = None
        self._result = None
        self._partial = []
        self.findings.set_findings([], keep_selection=False)
        self.pane.set_welcome(True)
        self.pane.show_finding(None)
        self.banner.hide()
        self.header.set_idle()
        self._update_title()
        self._update_actions()
        self.header.scan_button.setFocus()

    # -- selection and guidance ----------------------------------------------------------------
    def _on_selected(self, finding: Finding | None) -> None:
        title = self.title_for(finding.check_id) if finding is not None else ""
        self.pane.show_finding(finding, title, self._scan_family)

    def _select_check(self, check_id: str) -> None:
        if not self.findings.select_check(check_id):
            self.statusBar().showMessage(
                _("That check is not part of the results on screen."), 8000)

    def _on_external_link(self, url: str) -> None:
        self.statusBar().showMessage(
            _("Checkup does not open web pages. The address is: {address}").format(
                address=isolate(plain(url))), 20000)

    def show_principles(self, principle_id: str = "") -> PrinciplesDialog:
        dlg = next((d for d in self._dialogs if isinstance(d, PrinciplesDialog)), None)
        if dlg is None:
            findings = self._result.findings if self._result is not None else self._partial
            dlg = PrinciplesDialog(findings, self.title_for, self)
            dlg.checkRequested.connect(self._select_check)
            self._track(dlg)
        if principle_id:
            dlg.select(principle_id)
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()
        return dlg

    def show_page(self, name: str) -> PageDialog:
        dlg = next((d for d in self._dialogs
                    if isinstance(d, PageDialog) and d.name == name), None)
        if dlg is None:
            dlg = PageDialog(name, self)
            dlg.pdfRequested.connect(self.save_page_pdf)
            self._track(dlg)
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()
        return dlg

    def show_about(self) -> AboutDialog:
        dlg = next((d for d in self._dialogs if isinstance(d, AboutDialog)), None)
        if dlg is None:
            dlg = AboutDialog(self)
            self._track(dlg)
        dlg.show()
        dlg.raise_()
        return dlg

    def _track(self, dlg: QWidget) -> None:
        self._dialogs.append(dlg)
        dlg.destroyed.connect(lambda *_a, d=dlg: self._dialogs.remove(d)
                              if d in self._dialogs else None)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

    # -- saving (always the person's explicit choice) -----------------------------------------
    def save_report(self) -> str | None:
        if self._result is None or self.controller.running:
            return None
        filters = [_(f.label) for f in FORMATS]
        path, chosen = ask_save_path(self, _("Save a report"), filters,
                                     suggested_name(self._result, FORMATS[0]),
                                     suffixes=[f.suffix.lstrip(".") for f in FORMATS])
        if not path:
            return None
        fmt = format_for(path, chosen)
        full = with_suffix(path, fmt)
        # a name with the extension added here is one the dialog never asked to replace
        return self.write_report_to(full, fmt.key, confirmed=full == path)

    def write_report_to(self, path: str, fmt_key: str, *, confirmed: bool = True
                        ) -> str | None:
        from desktop.privacy.report_export import format_by_key

        if self._result is None:
            return None
        try:
            write_report(self._shown_result(self._result), format_by_key(fmt_key), path,
                         current().lang, answers=self.questionnaire.findings(),
                         confirmed=confirmed)
        except OSError as exc:
            from desktop.safe_save import problem_line

            self.show_error(_("The report could not be saved.") + " " + problem_line(exc),
                            str(exc))
            return None
        self.statusBar().showMessage(
            _("Report saved: {path}").format(path=isolate(plain(path))), 15000)
        return path

    def save_handout(self) -> str | None:
        f = self.pane.finding
        if f is None:
            return None
        html = guidance_source.article_html(f.guidance_id or f.check_id, current().lang,
                                            self._scan_family,
                                            all_os=self.pane.all_os.isChecked(),
                                            status=f.status.value, with_title=True)
        if html is None:
            return None
        path, _chosen = ask_save_path(self, _("Save a handout"), [_("PDF document (*.pdf)")],
                                      f"checkup-{f.check_id}.pdf", suffixes=["pdf"])
        if not path:
            return None
        return self.write_pdf_to(path, html, self.title_for(f.check_id))

    def save_page_pdf(self, name: str) -> str | None:
        html = guidance_source.page_html(name, current().lang)
        if html is None:
            return None
        path, _chosen = ask_save_path(self, _("Save as PDF"), [_("PDF document (*.pdf)")],
                                      f"checkup-{name}.pdf", suffixes=["pdf"])
        if not path:
            return None
        return self.write_pdf_to(path, html, guidance_source.page_title(name, current().lang)
                                 or name)

    def write_pdf_to(self, path: str, html: str, title: str) -> str | None:
        try:
            html_to_pdf(html, path, title=title, base_font=self._base_font)
        except OSError as exc:
            from desktop.safe_save import problem_line

            self.show_error(_("The PDF could not be saved.") + " " + problem_line(exc), str(exc))
            return None
        self.statusBar().showMessage(_("Saved: {path}").format(path=isolate(plain(path))),
                                     15000)
        return path

    # -- errors ------------------------------------------------------------------------------
    def show_error(self, text: str, detail: str = "") -> None:
        """A clear message that does not block the event loop (window-modal)."""
        self.last_error = text
        box = QMessageBox(self)
        box.setObjectName("errorBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Checkup")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        if detail:  # machine text (an error from a file or the system): plain details only
            box.setDetailedText(plain(detail, lines=True))
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.error_box = box
        box.open()
        self.errorShown.emit(text)

    # -- lifecycle ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.controller.shutdown()
        self.questionnaire.clear()  # answers live in memory only, and not beyond the window
        super().closeEvent(event)
