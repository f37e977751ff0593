"""The window's "Workshop" menu: everything a trainer needs to run a session.

Demo machines… · Presenter view · Share an anonymous summary… · Trainer's dashboard… ·
Print handouts…

The presenter view only ever shows a shipped demo machine: when something else is on screen
(this computer, or someone's recording), it first asks which demo machine to present.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from checks.reports.data_age import data_messages
from desktop.qt_i18n import _, current
from desktop.workshop.dashboard import TrainerDashboard
from desktop.workshop.handouts_dialog import HandoutsDialog
from desktop.workshop.presenter import PresenterView
from desktop.workshop.scenario_picker import ScenarioPicker
from desktop.workshop.scenarios import Scenario, list_scenarios
from desktop.workshop.share_summary import ShareSummaryDialog

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


class WorkshopMenu(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu = QMenu(window)
        self.menu.setObjectName("workshopMenu")
        self.demo_action = window.add_action("workshopDemoAction", self.choose_demo)
        self.presenter_action = window.add_action("presenterAction", self.start_presenter, "F11")
        self.share_action = window.add_action("shareSummaryAction", self.share_summary)
        self.dashboard_action = window.add_action("dashboardAction", self.show_dashboard)
        self.handouts_action = window.add_action("handoutsAction", self.show_handouts)
        self.menu.addAction(self.demo_action)
        self.menu.addAction(self.presenter_action)
        self.menu.addSeparator()
        self.menu.addAction(self.share_action)
        self.menu.addAction(self.dashboard_action)
        self.menu.addSeparator()
        self.menu.addAction(self.handouts_action)
        bar = window.menuBar()
        bar.insertMenu(window.help_menu.menuAction(), self.menu)
        self.picker: ScenarioPicker | None = None
        self.presenter: PresenterView | None = None
        self.share_dialog: ShareSummaryDialog | None = None
        self.dashboard: TrainerDashboard | None = None
        self.handouts: HandoutsDialog | None = None
        self._present_when_done = False
        window.controller.runningChanged.connect(lambda _r: self.update_actions())
        window.scanFinished.connect(self._on_scan_finished)
        self.update_actions()

    def update_actions(self) -> None:
        running = self.window.controller.running
        for act in (self.demo_action, self.presenter_action, self.share_action):
            act.setEnabled(not running)

    def retranslate(self) -> None:
        self.menu.setTitle(_("&Workshop"))
        self.demo_action.setText(_("&Demo machines…"))
        self.presenter_action.setText(_("&Presenter view"))
        self.share_action.setText(_("&Share an anonymous summary with my trainer…"))
        self.dashboard_action.setText(_("&Trainer's dashboard…"))
        self.handouts_action.setText(_("Print &handouts…"))
        for dlg in (self.picker, self.presenter, self.share_dialog, self.dashboard,
                    self.handouts):
            if dlg is not None:
                dlg.retranslate()

    # -- which demo machine is on screen -----------------------------------------------------
    def shown_scenario(self) -> Scenario | None:
        """The shipped demo machine whose results are on screen, if any."""
        result = self.window.result
        if result is None or result.source.get("kind") != "snapshot":
            return None
        if result.source.get("origin") != "synthetic":
            return None
        file = result.source.get("file", "")
        return next((s for s in list_scenarios() if Path(s.path).name == file), None)

    # -- demo machines -----------------------------------------------------------------------
    def choose_demo(self, present: bool = False) -> ScenarioPicker:
        if self.picker is not None:
            self.picker.close()
        picker = ScenarioPicker(self.window, present=present)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        shown = self.shown_scenario()
        if shown is not None:
            picker.select(shown.id)
        picker.accepted.connect(lambda p=picker, pr=present: self._picked(p, pr))
        picker.destroyed.connect(lambda *_a: setattr(self, "picker", None))
        self.picker = picker
        picker.open()
        return picker

    def _picked(self, picker: ScenarioPicker, present: bool) -> None:
        sc = picker.chosen()
        if sc is None:
            return
        self._present_when_done = present
        if not self.window.open_scenario(sc):
            self._present_when_done = False

    def _on_scan_finished(self, _result: object) -> None:
        if self._present_when_done:
            self._present_when_done = False
            self.start_presenter()

    # -- presenter ---------------------------------------------------------------------------
    def start_presenter(self) -> PresenterView | ScenarioPicker | None:
        if self.window.controller.running:
            return None
        scenario = self.shown_scenario()
        result = self.window.result
        if scenario is None or result is None:
            return self.choose_demo(present=True)
        if self.presenter is not None:
            self.presenter.close()
        view = PresenterView(result.findings, result.platform.family, scenario.name,
                             self.window.title_for,
                             desktop_hint=str(result.platform.env.get("XDG_CURRENT_DESKTOP", "")),
                             about_data=lambda: " ".join(
                                 current().render(m)
                                 for m in data_messages(result, current().lang)))
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        view.destroyed.connect(lambda *_a: setattr(self, "presenter", None))
        self.presenter = view
        view.showFullScreen()
        view.activateWindow()
        view.setFocus()
        return view

    # -- sharing -----------------------------------------------------------------------------
    def share_summary(self) -> ShareSummaryDialog | None:
        result = self.window.result
        if result is None or self.window.controller.running:
            box = QMessageBox(self.window)
            box.setObjectName("shareNeedsScan")
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle("Checkup")
            box.setText(_("Scan this computer first: the summary is made from the results "
                          "on screen."))
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            box.open()
            return None
        recorded = ""
        if result.source.get("kind") == "snapshot":
            scenario = self.shown_scenario()
            recorded = scenario.name if scenario is not None else str(
                result.source.get("name") or result.source.get("file") or "")
        if self.share_dialog is not None:
            self.share_dialog.close()
        dlg = ShareSummaryDialog(result, recorded, self.window)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dlg.destroyed.connect(lambda *_a: setattr(self, "share_dialog", None))
        self.share_dialog = dlg
        dlg.show()
        return dlg

    # -- trainer's tools ---------------------------------------------------------------------
    def show_dashboard(self) -> TrainerDashboard:
        # One dashboard per session, kept when closed so no typed code is lost by accident;
        # it lives in memory only.
        if self.dashboard is None:
            self.dashboard = TrainerDashboard(self.window)
        self._raise(self.dashboard)
        return self.dashboard

    def show_handouts(self) -> HandoutsDialog:
        if self.handouts is None:
            self.handouts = HandoutsDialog(self.window, base_font=self.window.font())
        self._raise(self.handouts)
        return self.handouts

    @staticmethod
    def _raise(w: QWidget) -> None:
        w.show()
        w.raise_()
        w.activateWindow()
