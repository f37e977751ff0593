"""Questions only you can answer, in the window (issue 9, "Self-assessment").

A scan cannot see someone's email account, phone or backups. This module adds:

- a view (``QuestionnaireDialog``) with the questions of ``checks.content.questions.QUESTIONS``,
  each answered yes / no / not sure with radio buttons (keyboard: Tab, arrows, Space);
- a "Your answers" list under the scan's findings (``AnswersView``), apart from them, with
  its own summary line ("2 answers need your attention"): answers are not scan results,
  so the header's summary never counts them;
- ``Questionnaire``, the hook the main window creates once: the action (File menu,
  Ctrl+Shift+A) and the button beside the findings, the answers kept **in memory only**
  (never in settings, never on disk, unless the person saves a report), cleared by
  "Forget everything" and when the window closes.

API for the window: ``Questionnaire(window)``; ``.findings()`` (for reports), ``.clear()``,
``.title(check_id)``, ``.retranslate()``, ``.show_dialog()``, ``.answer(qid, answer)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checks.content.questions import (
    ANSWER_LABELS,
    ANSWERS,
    GUIDANCE,
    QUESTION_TITLES,
    QUESTIONS,
    Question,
    answers_to_findings,
    is_question_finding,
    normalise_answer,
)
from checks.engine.i18n import isolate
from checks.engine.model import Finding
from checks.reports.report import answers_headline
from desktop.findings_view import COL_STATUS, COL_TITLE, FindingsView, TitleFn
from desktop.icons import status_icon
from desktop.qt_i18n import _, current
from desktop.safe_text import tooltip
from desktop.status_text import finding_words

SHORTCUT = "Ctrl+Shift+A"


def answer_words(f: Finding) -> str:
    """The words for an answer's state: a "not sure" is said as such, not "could not check"
    (desktop/status_text.py, so the guidance pane says the same)."""
    return finding_words(f)


class AnswersView(FindingsView):
    """The findings made from the person's answers: a list of its own, never mixed with the
    scan's findings."""

    def __init__(self, title_for: TitleFn, parent: QWidget | None = None) -> None:
        super().__init__(title_for, parent)
        self.setObjectName("answersList")
        self.setStyleSheet("QTreeWidget#answersList::item { padding: 4px 2px; }")

    def _fill(self, item: QTreeWidgetItem, f: Finding) -> None:
        tr = current()
        words = answer_words(f)
        title = self._title_for(f.check_id)
        summary = tr.render(f.summary)
        item.setIcon(COL_STATUS, status_icon(f.status))
        item.setText(COL_STATUS, words)
        item.setText(COL_TITLE, title)
        item.setToolTip(COL_TITLE, tooltip(summary.strip().splitlines()[0]
                                           if summary.strip() else ""))
        item.setToolTip(COL_STATUS, tooltip(words))
        spoken = _("Your answer, {status}: {question}. {summary}").format(
            status=words, question=title, summary=summary)
        for col in (COL_STATUS, COL_TITLE):
            item.setData(col, Qt.ItemDataRole.AccessibleTextRole, spoken)
        item.setData(COL_TITLE, Qt.ItemDataRole.UserRole, f.check_id)

    def clear_current(self) -> None:
        self.blockSignals(True)
        try:
            self.clearSelection()
            self.setCurrentIndex(QModelIndex())
        finally:
            self.blockSignals(False)

    def retranslate(self) -> None:
        super().retranslate()
        self.setHeaderLabels([_("Your answer"), _("Question")])
        self.setAccessibleName(_("Your answers, most urgent first"))
        self.setAccessibleDescription(_(
            "Findings made from your own answers, not from the scan. Use the arrow keys to "
            "choose one; its explanation appears beside the list."))


class QuestionBox(QGroupBox):
    """One question: its text, where to look, and yes / no / not sure."""

    answered = Signal(str, str)  # question id, answer

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"question-{question.id}")
        self.text = QLabel(self)
        self.text.setObjectName("questionText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.help = QLabel(self)
        self.help.setObjectName("questionHelp")
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QRadioButton] = {}
        row = QHBoxLayout()
        row.setSpacing(24)
        for answer in ANSWERS:
            b = QRadioButton(self)
            b.setObjectName(f"answer-{question.id}-{answer}")
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.group.addButton(b)
            self.buttons[answer] = b
            row.addWidget(b)
        row.addStretch(1)
        self.group.buttonToggled.connect(self._on_toggled)
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(self.text)
        layout.addWidget(self.help)
        layout.addLayout(row)
        self.apply_fonts()
        self.retranslate()

    def apply_fonts(self, base: QFont | None = None) -> None:
        """The title in bold, the rest in the window's font (no italics: they render badly
        in Arabic script)."""
        plain = QFont(base if base is not None else self.font())
        plain.setBold(False)
        title = QFont(plain)
        title.setBold(True)
        self.setFont(title)
        for w in (self.text, self.help, *self.buttons.values()):
            w.setFont(plain)

    def _on_toggled(self, button: QAbstractButton, checked: bool) -> None:
        if not checked:
            return
        for answer, b in self.buttons.items():
            if b is button:
                self.answered.emit(self.question.id, answer)

    def answer(self) -> str | None:
        for answer, b in self.buttons.items():
            if b.isChecked():
                return answer
        return None

    def set_answer(self, answer: str | None) -> None:
        """Show an answer without emitting (None: unanswered)."""
        self.group.blockSignals(True)
        try:
            if answer in self.buttons:
                self.buttons[answer].setChecked(True)
            else:
                self.group.setExclusive(False)
                for b in self.buttons.values():
                    b.setChecked(False)
                self.group.setExclusive(True)
        finally:
            self.group.blockSignals(False)

    def retranslate(self) -> None:
        q = self.question
        title = _(q.title)
        self.setTitle(title)
        self.setAccessibleName(title)
        self.text.setText(_(q.text))
        self.help.setText(_(q.help))
        self.setAccessibleDescription(_(q.text))
        for answer, b in self.buttons.items():
            label = _(ANSWER_LABELS[answer])
            b.setText(label)
            # TRANSLATORS: what a screen reader says for an answer button, e.g.
            # "Yes: Phone screen lock".
            b.setAccessibleName(_("{answer}: {question}").format(answer=label, question=title))
            b.setAccessibleDescription(_(q.text))


class QuestionnaireDialog(QDialog):
    """The questions. Every change is applied at once to the answers kept in memory."""

    answered = Signal(str, str)
    clearRequested = Signal()

    def __init__(self, answers: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionnaireDialog")
        self.intro = QLabel(self)
        self.intro.setObjectName("questionnaireIntro")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.memory_note = QLabel(self)
        self.memory_note.setObjectName("questionnaireMemoryNote")
        self.memory_note.setWordWrap(True)
        self.memory_note.setTextFormat(Qt.TextFormat.PlainText)
        self.boxes: list[QuestionBox] = []
        inner = QWidget()
        inner.setObjectName("questionList")
        inner_layout = QVBoxLayout(inner)
        inner_layout.setSpacing(12)
        for q in QUESTIONS:
            box = QuestionBox(q, inner)
            box.set_answer(answers.get(q.id))
            box.answered.connect(self.answered)
            self.boxes.append(box)
            inner_layout.addWidget(box)
        inner_layout.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("questionScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(inner)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("clearAnswersButton")
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clearRequested)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("closeQuestionsButton")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.memory_note)
        layout.addLayout(buttons)
        chain: list[QWidget] = [b for box in self.boxes for b in box.buttons.values()]
        chain += [self.clear_button, self.close_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self.resize(760, 680)
        self.retranslate()

    def box(self, question_id: str) -> QuestionBox | None:
        return next((b for b in self.boxes if b.question.id == question_id), None)

    def show_answers(self, answers: Mapping[str, str]) -> None:
        for box in self.boxes:
            box.set_answer(answers.get(box.question.id))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Questions only you can answer"))
        self.intro.setText(_(
            "A scan cannot see your accounts, your phone or your backups. Answer these "
            "questions and your answers appear under the scan's findings, apart from them, "
            "each with guidance. Skip any question you prefer not to answer."))
        self.memory_note.setText(_(
            "Your answers stay in memory only. Nothing is saved unless you save a report, and "
            "they are forgotten when you close Checkup."))
        self.intro.setAccessibleName(self.intro.text())
        self.memory_note.setAccessibleName(self.memory_note.text())
        self.scroll_area.setAccessibleName(_("Questions"))
        self.clear_button.setText(_("Clear my answers"))
        self.clear_button.setAccessibleName(_("Clear my answers"))
        self.clear_button.setAccessibleDescription(_("Forget every answer given so far."))
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close the questions"))
        self.close_button.setAccessibleDescription(_("Your answers stay on screen until you "
                                                     "close Checkup."))
        for box in self.boxes:
            box.retranslate()


class Questionnaire(QObject):
    """The hook in the main window: the answers (memory only), the list under the findings,
    the action and the button that open the questions."""

    answersChanged = Signal()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._answers: dict[str, str] = {}
        self._findings: list[Finding] = []
        self.dialog: QuestionnaireDialog | None = None

        # The findings column: the scan's findings, then (apart) the answers, then the button.
        self.column = QWidget(window)
        self.column.setObjectName("findingsColumn")
        self.answers_box = QWidget(self.column)
        self.answers_box.setObjectName("answersBox")
        self.heading = QLabel(self.answers_box)
        self.heading.setObjectName("answersHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.summary = QLabel(self.answers_box)
        self.summary.setObjectName("answersSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.view = AnswersView(self.title, self.answers_box)
        self.view.findingSelected.connect(self._on_answer_selected)
        box_layout = QVBoxLayout(self.answers_box)
        box_layout.setContentsMargins(0, 6, 0, 0)
        box_layout.setSpacing(4)
        box_layout.addWidget(self.heading)
        box_layout.addWidget(self.summary)
        box_layout.addWidget(self.view, 1)
        self.button = QPushButton(self.column)
        self.button.setObjectName("questionsButton")
        self.button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.button.clicked.connect(lambda _c=False: self.show_dialog())
        splitter: QSplitter = window.splitter
        findings = window.findings
        index = splitter.indexOf(findings)
        self.inner = QSplitter(Qt.Orientation.Vertical, self.column)
        self.inner.setObjectName("findingsAnswersSplitter")
        self.inner.setChildrenCollapsible(False)
        col_layout = QVBoxLayout(self.column)
        col_layout.setContentsMargins(0, 0, 0, 0)
        col_layout.setSpacing(6)
        col_layout.addWidget(self.inner, 1)
        col_layout.addWidget(self.button)
        stretch = findings.sizePolicy().horizontalStretch()
        splitter.replaceWidget(max(index, 0), self.column)
        # keep the list's share of a wider window (else it all went to the guidance pane,
        # and with larger text the check names were cut short)
        splitter.setStretchFactor(max(index, 0), stretch)
        self.inner.addWidget(findings)
        self.inner.addWidget(self.answers_box)
        self.inner.setStretchFactor(0, 3)
        self.inner.setStretchFactor(1, 2)
        self.answers_box.hide()
        findings.findingSelected.connect(self._on_scan_finding_selected)

        self.action = QAction(window)
        self.action.setObjectName("questionsAction")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.triggered.connect(lambda _c=False: self.show_dialog())
        window.addAction(self.action)
        menu = window.file_menu
        actions = menu.actions()
        anchor = window.open_action
        menu.insertAction(anchor if anchor in actions else None, self.action)
        menu.insertSeparator(anchor if anchor in actions else None)
        privacy = getattr(window, "privacy", None)
        if privacy is not None and hasattr(privacy, "forgotten"):
            privacy.forgotten.connect(lambda _r: self.clear())
        self.apply_fonts()
        self.retranslate()

    # -- answers (memory only) -------------------------------------------------------------
    @property
    def answers(self) -> dict[str, str]:
        return dict(self._answers)

    def findings(self) -> list[Finding]:
        """The findings made from the answers, for the list and a saved report."""
        return list(self._findings)

    def answer(self, question_id: str, answer: str | None) -> None:
        """Record (or with None, withdraw) one answer."""
        value = normalise_answer(answer) if answer is not None else None
        if value is None:
            self._answers.pop(question_id, None)
        else:
            self._answers[question_id] = value
        if self.dialog is not None:
            box = self.dialog.box(question_id)
            if box is not None and box.answer() != value:
                box.set_answer(value)
        self._refresh()

    def clear(self) -> None:
        """Forget every answer (Forget everything, closing the window, Clear my answers)."""
        self._answers.clear()
        if self.dialog is not None:
            self.dialog.show_answers({})
        self._refresh()

    def _refresh(self) -> None:
        self._findings = answers_to_findings(self._answers)
        self.view.set_findings(self._findings)
        self.answers_box.setVisible(bool(self._findings))
        sizes = self.inner.sizes()
        if self._findings and len(sizes) == 2 and sizes[1] == 0:
            # A splitter may leave a widget it once held hidden at zero height: share it out.
            total = max(sum(sizes), 1)
            self.inner.setSizes([total * 3 // 5, total - total * 3 // 5])
        self._update_summary()
        pane = self.window.pane
        if pane.finding is not None and is_question_finding(pane.finding):
            current_answer = self.view.current_finding()
            self._show_in_pane(current_answer)
        self.answersChanged.emit()

    def _update_summary(self) -> None:
        tr = current()
        self.summary.setText(" · ".join(tr.render(m) for m in answers_headline(self._findings))
                             if self._findings else "")
        self.summary.setAccessibleName(self.summary.text())

    # -- titles, selection, guidance --------------------------------------------------------
    @staticmethod
    def title(check_id: str) -> str:
        t = QUESTION_TITLES.get(check_id)
        return _(t) if t is not None else check_id

    def _on_answer_selected(self, finding: Finding | None) -> None:
        if finding is None:
            return
        findings = self.window.findings
        findings.blockSignals(True)
        try:
            findings.clearSelection()
            findings.setCurrentIndex(QModelIndex())
        finally:
            findings.blockSignals(False)
        self._show_in_pane(finding)

    def _show_in_pane(self, finding: Finding | None) -> None:
        self.window._on_selected(finding)
        qid = finding.question_id if finding is not None else ""
        if finding is not None and (finding.guidance_id or "") == GUIDANCE and qid:
            self.window.pane.browser.scrollToAnchor(f"self-check-{qid}")

    def _on_scan_finding_selected(self, finding: Finding | None) -> None:
        if finding is not None:
            self.view.clear_current()

    # -- the view ---------------------------------------------------------------------------
    def show_dialog(self) -> QuestionnaireDialog:
        dlg = self.dialog
        if dlg is None:
            dlg = QuestionnaireDialog(self._answers, self.window)
            dlg.answered.connect(self.answer)
            dlg.clearRequested.connect(self.clear)
            dlg.destroyed.connect(lambda *_a: setattr(self, "dialog", None))
            self.window._track(dlg)
            self.dialog = dlg
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()
        return dlg

    def apply_fonts(self) -> None:
        base = QFont(self.window.font())
        bold = QFont(base)
        bold.setBold(True)
        self.heading.setFont(bold)
        self.view.apply_fonts()
        if self.dialog is not None:
            self.dialog.setFont(base)
            for box in self.dialog.boxes:
                box.apply_fonts(base)

    @staticmethod
    def _key() -> str:
        """The shortcut as the system writes it, isolated (left to right in Arabic text)."""
        return isolate(QKeySequence(SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText))

    def retranslate(self) -> None:
        self.action.setText(_("&Questions only you can answer…"))
        self.action.setToolTip(_("Questions about protections a scan cannot see ({key})")
                               .format(key=self._key()))
        self.button.setText(_("Questions only you can answer…"))
        self.button.setAccessibleName(_("Questions only you can answer"))
        self.button.setAccessibleDescription(_(
            "Answer a few questions about protections a scan cannot see, such as your email "
            "account and your phone. Your answers stay in memory only."))
        self.button.setToolTip(_("Questions about protections a scan cannot see ({key})")
                               .format(key=self._key()))
        self.heading.setText(_("Your answers (not scan results)"))
        self.heading.setAccessibleName(self.heading.text())
        self.view.retranslate()
        self._update_summary()
        if self.dialog is not None:
            self.dialog.retranslate()
