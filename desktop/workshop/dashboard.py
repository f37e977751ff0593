"""The trainer's dashboard: how the group is doing, without anyone's personal data.

The trainer loads the summary files participants saved (several at once, e.g. from a USB
stick) or types the codes they show; a handheld scanner that types what it reads works in the
code field too. Per check, a bar shows how many participants have it in place, have something to look at,
needing action, not checkable, and the rest. Duplicates (the same random code, whether from a
file or a code) count once. A summary that is damaged, from a newer Checkup or holding any
field outside the allowed set is refused with a line naming it; the others load.

With fewer than five participants no per-system figures are shown, and a system with fewer
than five participants is never shown on its own, so nobody's results can be singled out;
nor can they by subtraction (everyone minus the systems shown is nobody or five or more).
Everything stays in memory; the chart is written only when the trainer exports it (PNG, PDF).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from checks.engine.i18n import isolate
from checks.engine.model import Status
from checks.engine.plain_text import plain
from checks.engine.registry import get_check
from checks.reports.report import STATUS_LABELS
from checks.workshop.summary import CATEGORIES, MAX_FILE_BYTES, Collection
from desktop.privacy.file_dialogs import ask_open_paths, ask_save_path
from desktop.qt_i18n import _, current, ngettext
from desktop.workshop.bar_chart import BarChart, ChartData, ChartRow, chart_image, write_chart_pdf

OS_NAMES = {"windows": "Windows", "macos": "macOS", "linux": "Linux", "other": ""}
CODE_SOURCE = "\x00code:"  # marks a typed code's source; shown as "typed code N"


def _os_name(os: str) -> str:
    return OS_NAMES.get(os) or _("another system")


def legend_words() -> dict[str, str]:
    return {
        "pass": _(STATUS_LABELS[Status.PASS]),
        "attention": _(STATUS_LABELS[Status.ATTENTION]),
        "fail": _(STATUS_LABELS[Status.FAIL]),
        "unknown": _(STATUS_LABELS[Status.UNKNOWN]),
        "other": _("Does not apply, check failed, or not in the summary"),
    }


def check_label(check_id: str) -> str:
    c = get_check(check_id)
    if c is not None:
        return _(c.title)
    return _("{id} (not known to this version of Checkup)").format(id=isolate(plain(check_id)))


class TrainerDashboard(QDialog):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainerDashboard")
        self.setModal(False)
        self.collection = Collection()
        self._codes_typed = 0
        self._last_message = ""

        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("dashboardHeading")
        self.intro = QLabel(self)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setObjectName("dashboardIntro")
        self.intro.setWordWrap(True)
        self.load_button = QPushButton(self)
        self.load_button.setObjectName("dashboardLoad")
        self.load_button.clicked.connect(self.load_dialog)
        self.code_label = QLabel(self)
        self.code_label.setTextFormat(Qt.TextFormat.PlainText)
        self.code_label.setObjectName("dashboardCodeLabel")
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("dashboardCode")
        self.code_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.code_edit.returnPressed.connect(self._add_typed)
        self.code_label.setBuddy(self.code_edit)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("dashboardAddCode")
        self.add_button.clicked.connect(self._add_typed)
        self.message = QLabel(self)
        self.message.setObjectName("dashboardMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setObjectName("dashboardCount")
        self.count_label.setWordWrap(True)
        self.problems_label = QLabel(self)
        self.problems_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_label.setObjectName("dashboardProblemsLabel")
        self.problems = QListWidget(self)
        self.problems.setObjectName("dashboardProblems")
        self.problems.setWordWrap(True)
        self.problems.setMaximumHeight(self.fontMetrics().height() * 5)
        self.problems_label.setBuddy(self.problems)
        self.os_label = QLabel(self)
        self.os_label.setTextFormat(Qt.TextFormat.PlainText)
        self.os_label.setObjectName("dashboardOsLabel")
        self.os_label.setWordWrap(True)
        self.os_choice = QComboBox(self)
        self.os_choice.setObjectName("dashboardOsChoice")
        self.os_choice.currentIndexChanged.connect(lambda _i: self._refresh_chart())
        self.chart = BarChart(self)
        self.chart_area = QScrollArea(self)
        self.chart_area.setObjectName("dashboardChartArea")
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setWidget(self.chart)
        self.png_button = QPushButton(self)
        self.png_button.setObjectName("dashboardPng")
        self.png_button.clicked.connect(self.save_png_dialog)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("dashboardPdf")
        self.pdf_button.clicked.connect(self.save_pdf_dialog)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("dashboardClear")
        self.clear_button.clicked.connect(self.clear)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("dashboardClose")
        self.close_button.clicked.connect(self.close)

        inputs = QHBoxLayout()
        inputs.addWidget(self.load_button)
        inputs.addSpacing(16)
        inputs.addWidget(self.code_label)
        inputs.addWidget(self.code_edit, 1)
        inputs.addWidget(self.add_button)
        os_row = QHBoxLayout()
        os_row.addWidget(self.os_label, 1)
        os_row.addWidget(self.os_choice)
        actions = QHBoxLayout()
        actions.addWidget(self.png_button)
        actions.addWidget(self.pdf_button)
        actions.addStretch(1)
        actions.addWidget(self.clear_button)
        actions.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(inputs)
        layout.addWidget(self.message)
        layout.addWidget(self.count_label)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems)
        layout.addLayout(os_row)
        layout.addWidget(self.chart_area, 1)
        layout.addLayout(actions)
        # Enter belongs to the code field (a scanner ends each code with it): no button of
        # this dialog may take it as its default.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.apply_fonts()
        self.retranslate()
        self.resize(1000, 760)

    def apply_fonts(self) -> None:
        f = QFont(self.font())
        f.setBold(True)
        f.setPointSizeF(max(f.pointSizeF(), 9.0) * 1.3)
        self.heading.setFont(f)

    # -- loading ---------------------------------------------------------------------------
    def load_dialog(self) -> int:
        paths = ask_open_paths(self, _("Load summary files"),
                               [_("Checkup summaries (*.json)"), _("All files (*)")])
        return self.load_files(paths) if paths else 0

    def load_files(self, paths: list[str] | list[Path]) -> int:
        """Load each file; returns how many new participants were added."""
        added = 0
        for path in paths:
            name = Path(path).name
            try:
                with open(path, "rb") as fh:
                    data = fh.read(MAX_FILE_BYTES + 1)
            except OSError as exc:
                from checks.engine.i18n import msg
                from checks.workshop.summary import Rejected

                self.collection.rejected.append(Rejected(name, msg(
                    "The file could not be read ({reason}).", reason=exc.strerror or str(exc))))
                continue
            if self.collection.add_file(name, data):
                added += 1
        self._after_load(added)
        return added

    def add_code(self, text: str) -> bool:
        """Add a typed (or scanned) code; False when refused or already in."""
        if not text.strip():
            return False
        self._codes_typed += 1
        source = f"{CODE_SOURCE}{self._codes_typed}"
        before_rejected = len(self.collection.rejected)
        ok = self.collection.add_code(source, text)
        if ok:
            self._last_message = _("Code added.")
            self.code_edit.clear()
        elif len(self.collection.rejected) > before_rejected:
            reason = current().render(self.collection.rejected[-1].reason)
            self._last_message = _("This code was not added: {reason}").format(reason=reason)
        else:
            self._last_message = _("This summary is already in: it counts once.")
            self.code_edit.clear()
        self._after_load(1 if ok else 0, keep_message=True)
        return ok

    def _add_typed(self) -> None:
        self.add_code(self.code_edit.text())

    def _after_load(self, added: int, keep_message: bool = False) -> None:
        if not keep_message:
            self._last_message = ngettext("{n} participant added.", "{n} participants added.",
                                          added).format(n=added)
        self.retranslate()
        self.changed.emit()

    def clear(self) -> None:
        self.collection.clear()
        self._codes_typed = 0
        self._last_message = ""
        self.retranslate()
        self.changed.emit()

    # -- what is shown ---------------------------------------------------------------------
    def source_name(self, source: str) -> str:
        if source.startswith(CODE_SOURCE):
            return _("typed code {n}").format(n=source[len(CODE_SOURCE):])
        return isolate(plain(source))

    def problem_texts(self) -> list[str]:
        tr = current()
        return [_("{source}: {reason}").format(source=self.source_name(r.source),
                                                reason=tr.render(r.reason))
                for r in self.collection.rejected]

    def chosen_os(self) -> str | None:
        data = self.os_choice.currentData()
        return str(data) if data else None

    def chart_data(self, os: str | None = None, *, for_export: bool = False) -> ChartData:
        c = self.collection
        group = [s for s in c.participants if os is None or s.os == os]
        n = len(group)
        counts = c.counts(os)
        rows = [ChartRow(check_label(cid), counts[cid]) for cid in c.check_ids()]
        if os is None:
            title = _("How the group is doing")
        else:
            title = _("How the group is doing: {system}").format(system=_os_name(os))
        subtitle = ngettext("{n} participant", "{n} participants", n).format(n=n)
        notes: list[str] = []
        if for_export:
            notes.append(_("Made from anonymous summaries: they hold no names and no details "
                           "of anyone's computer."))
            if c.duplicates:
                notes.append(ngettext("{n} summary was loaded twice and counted once.",
                                      "{n} summaries were loaded twice and counted once.",
                                      len(c.duplicates)).format(n=len(c.duplicates)))
            if c.rejected:
                notes.append(ngettext("{n} summary could not be used.",
                                      "{n} summaries could not be used.",
                                      len(c.rejected)).format(n=len(c.rejected)))
        return ChartData(title=title, subtitle=subtitle, rows=rows, total=n,
                         legend=legend_words(), rtl=current().rtl, notes=notes)

    def _refresh_chart(self) -> None:
        if len(self.collection):
            self.chart.set_data(self.chart_data(self.chosen_os()))
        else:
            self.chart.set_data(None)
        has = bool(len(self.collection))
        self.png_button.setEnabled(has)
        self.pdf_button.setEnabled(has)
        self.clear_button.setEnabled(has or bool(self.collection.rejected))

    def _fill_os_choice(self) -> None:
        c = self.collection
        wanted = self.chosen_os()
        self.os_choice.blockSignals(True)
        self.os_choice.clear()
        self.os_choice.addItem(_("Everyone"), "")
        by_os = c.by_os()
        for os in c.os_groups_shown():
            self.os_choice.addItem(_("{system} ({n})").format(system=_os_name(os),
                                                             n=by_os[os]), os)
        idx = self.os_choice.findData(wanted or "")
        self.os_choice.setCurrentIndex(max(0, idx))
        self.os_choice.blockSignals(False)
        self.os_choice.setEnabled(self.os_choice.count() > 1)

    def _os_text(self) -> str:
        c = self.collection
        if not len(c):
            return ""
        if not c.per_os_allowed:
            return _("Figures for each system appear from five participants on, so that "
                     "nobody's results can be singled out.")
        by_os = c.by_os()
        parts = " · ".join(isolate(_("{system}: {n}").format(system=_os_name(os), n=n))
                           if current().rtl else _("{system}: {n}").format(system=_os_name(os), n=n)
                           for os, n in by_os.items())
        shown = c.os_groups_shown()
        small = [os for os, n in by_os.items() if n < 5]
        held = [os for os, n in by_os.items() if n >= 5 and os not in shown]
        text = _("Participants by system: {list}.").format(list=parts)
        if small:
            text += " " + _("Not shown on their own (fewer than five): {systems}.").format(
                systems=", ".join(_os_name(os) for os in small))
        if held:
            text += " " + _("Also not shown on their own, because the smaller group's "
                            "results could then be worked out by subtraction: "
                            "{systems}.").format(systems=", ".join(_os_name(os) for os in held))
        return text

    def retranslate(self) -> None:
        self.setWindowTitle(_("Trainer's dashboard"))
        self.heading.setText(_("Trainer's dashboard"))
        self.intro.setText(_(
            "Load the anonymous summaries your participants saved, or type the codes they "
            "show you. Everything stays in this window: nothing is saved unless you export "
            "the chart."))
        self.load_button.setText(_("Load summary files…"))
        self.load_button.setAccessibleName(_("Load summary files…"))
        self.load_button.setAccessibleDescription(
            _("Choose one or more summary files, for example from a USB stick."))
        self.code_label.setText(_("Code:"))
        self.code_edit.setAccessibleName(_("Code of a summary"))
        self.code_edit.setAccessibleDescription(
            _("Type the code a participant reads out, then press Enter. Spaces and dashes do "
              "not matter."))
        self.code_edit.setPlaceholderText("ABCD-EFGH-…")
        self.add_button.setText(_("Add code"))
        self.add_button.setAccessibleName(_("Add code"))
        self.problems_label.setText(_("These could not be used:"))
        self.problems.setAccessibleName(_("Summaries that could not be used"))
        self.os_choice.setAccessibleName(_("Show the figures for"))
        self.chart.setAccessibleName(_("Bar chart of the group's results"))
        self.chart_area.setAccessibleName(_("Bar chart of the group's results"))
        self.png_button.setText(_("Save chart as PNG…"))
        self.png_button.setAccessibleName(_("Save chart as PNG…"))
        self.pdf_button.setText(_("Save as PDF for the workshop report…"))
        self.pdf_button.setAccessibleName(_("Save as PDF for the workshop report…"))
        self.clear_button.setText(_("Start again"))
        self.clear_button.setAccessibleName(_("Start again"))
        self.clear_button.setAccessibleDescription(_("Forget every summary loaded so far."))
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close"))
        c = self.collection
        n = len(c)
        count = ngettext("{n} participant", "{n} participants", n).format(n=n)
        extras = []
        if c.duplicates:
            extras.append(ngettext("{n} duplicate counted once", "{n} duplicates counted once",
                                   len(c.duplicates)).format(n=len(c.duplicates)))
        if c.rejected:
            extras.append(ngettext("{n} not used", "{n} not used",
                                   len(c.rejected)).format(n=len(c.rejected)))
        self.count_label.setText(" · ".join([count, *extras]))
        self.message.setText(self._last_message)
        self.message.setVisible(bool(self._last_message))
        self.problems.clear()
        self.problems.addItems(self.problem_texts())
        self.problems.setVisible(bool(c.rejected))
        self.problems_label.setVisible(bool(c.rejected))
        self.os_label.setText(self._os_text())
        self._fill_os_choice()
        self.os_choice.setVisible(c.per_os_allowed)
        self._refresh_chart()

    # -- export (explicit, through the history-free file dialog) ---------------------------
    def save_png_dialog(self) -> str | None:
        path, _chosen = ask_save_path(self, _("Save chart as PNG"), [_("PNG image (*.png)")],
                                      "checkup-workshop-chart.png", suffixes=["png"])
        return self.export_png(path) if path else None

    def save_pdf_dialog(self) -> str | None:
        path, _chosen = ask_save_path(self, _("Save as PDF"), [_("PDF document (*.pdf)")],
                                      "checkup-workshop-report.pdf", suffixes=["pdf"])
        return self.export_pdf(path) if path else None

    def export_png(self, path: str) -> str | None:
        from desktop.safe_save import png_bytes, problem_line, save_chosen

        img = chart_image(self.chart_data(self.chosen_os(), for_export=True), self.font())
        try:
            save_chosen(path, png_bytes(img))
        except OSError as exc:
            self._last_message = (_("The image could not be saved.") + " "
                                  + isolate(plain(problem_line(exc))))
            self.retranslate()
            return None
        self._last_message = _("Saved: {path}").format(path=isolate(plain(path)))
        self.retranslate()
        return path

    def export_pdf(self, path: str) -> str | None:
        pages = [self.chart_data(None, for_export=True)]
        pages += [self.chart_data(os, for_export=True) for os in self.collection.os_groups_shown()]
        try:
            write_chart_pdf(path, pages, self.font(), title=_("How the group is doing"))
        except OSError as exc:
            from desktop.safe_save import problem_line

            self._last_message = (_("The PDF could not be saved.") + " "
                                  + isolate(plain(problem_line(exc))))
            self.retranslate()
            return None
        self._last_message = _("Saved: {path}").format(path=isolate(plain(path)))
        self.retranslate()
        return path

    def counts(self, os: str | None = None) -> dict[str, dict[str, int]]:
        return self.collection.counts(os)


__all__ = ["TrainerDashboard", "CATEGORIES"]
