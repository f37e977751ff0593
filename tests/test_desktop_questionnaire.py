"""The questionnaire in the window: answers become findings shown apart from the scan's,
open their guidance, live in memory only (nothing written; forgotten by "Forget everything"
and on close), go into a saved report in a section of their own, are fully translated
(pseudo-locale, Arabic right to left) and named for screen readers. Also: a Windows 11 demo
machine is called Windows 11 in the header and in reports (it reports release "10")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton, QWidget

from checks.engine.model import Status
from checks.privacy import appdirs
from checks.reports.report import report_json, report_text, windows_name
from desktop.questionnaire import Questionnaire, QuestionnaireDialog
from tests.desktop_support import (  # noqa: F401 - fixtures
    desktop_env_fixture,
    scan_fixture,
    strip_data,
    untranslated_remainder,
    visible_texts,
    window_fixture,
)
from tests.test_desktop_a11y import _nameless

ROOT = Path(__file__).resolve().parent.parent
WINDOWS_11 = ROOT / "resources" / "scenarios" / "windows11-bitlocker-keepass.json"
ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """HOME and the XDG folders in a temporary place (Forget everything looks there)."""
    dirs = {}
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                 "XDG_STATE_HOME"):
        d = tmp_path / "home-dirs" / name.lower()
        d.mkdir(parents=True)
        monkeypatch.setenv(name, str(d))
        dirs[name] = d
    return dirs


def _open(qtbot, window) -> QuestionnaireDialog:
    window.questionnaire.action.trigger()
    dlg = window.questionnaire.dialog
    assert dlg is not None
    qtbot.waitExposed(dlg)
    return dlg


def _click(qtbot, dlg: QuestionnaireDialog, qid: str, answer: str) -> None:
    box = dlg.box(qid)
    assert box is not None
    button = box.buttons[answer]
    dlg.scroll_area.ensureWidgetVisible(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: button.isChecked(), timeout=2000)


def _answer_three(qtbot, window) -> QuestionnaireDialog:
    dlg = _open(qtbot, window)
    with qtbot.waitSignal(window.questionnaire.answersChanged, timeout=2000):
        _click(qtbot, dlg, "email-2fa", "no")
    _click(qtbot, dlg, "phone-lock", "yes")
    _click(qtbot, dlg, "backups", "not_sure")
    qtbot.waitUntil(lambda: len(window.questionnaire.findings()) == 3, timeout=2000)
    return dlg


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


# -- reaching it ----------------------------------------------------------------------------

def test_the_questions_are_reachable_from_menu_button_and_shortcut(qtbot, window):
    q = window.questionnaire
    assert q.action in window.file_menu.actions()
    assert q.action.shortcut().toString() == "Ctrl+Shift+A"
    assert q.button.isVisible() and q.button.text() == "Questions only you can answer…"
    q.button.click()
    qtbot.waitUntil(lambda: q.dialog is not None and q.dialog.isVisible(), timeout=2000)
    assert q.dialog.windowTitle() == "Questions only you can answer"
    assert len(q.dialog.boxes) == 10
    assert q.dialog.box("email-2fa").text.text().startswith(
        "Is two-factor authentication")
    assert all(b.answer() is None for b in q.dialog.boxes)


def test_answers_can_be_given_by_keyboard(qtbot, window):
    dlg = _open(qtbot, window)
    first = dlg.box("email-2fa").buttons["yes"]  # type: ignore[union-attr]
    dlg.activateWindow()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus, timeout=2000)
    qtbot.keyClick(first, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.questionnaire.answers == {"email-2fa": "yes"}, timeout=2000)
    # arrows move between the answers of one question (and choose), as radio buttons do
    qtbot.keyClick(first, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.questionnaire.answers == {"email-2fa": "no"}, timeout=2000)
    # Tab leaves the question for the next one: each question is one tab stop
    focused = QApplication.focusWidget()
    assert focused is dlg.box("email-2fa").buttons["no"]  # type: ignore[union-attr]
    qtbot.keyClick(focused, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not focused, timeout=2000)
    nxt = QApplication.focusWidget()
    assert isinstance(nxt, QRadioButton)
    assert nxt.objectName().startswith("answer-social-2fa-"), nxt.objectName()
    for box in dlg.boxes:
        assert any(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in box.buttons.values())


# -- findings apart ---------------------------------------------------------------------------

def test_answers_become_findings_shown_apart_from_the_scan(qtbot, window):
    scan_fixture(qtbot, window)
    scan_ids = window.findings.check_ids()
    header = window.header.summary.text()
    assert not window.questionnaire.answers_box.isVisible()
    _answer_three(qtbot, window)
    q = window.questionnaire
    assert q.answers_box.isVisible()
    assert q.view.height() > 3 * q.view.fontMetrics().height()  # rows can be seen
    assert q.heading.text() == "Your answers (not scan results)"
    by_id = {f.check_id: f for f in q.view.findings()}
    assert by_id["question-email-2fa"].status is Status.FAIL
    assert by_id["question-phone-lock"].status is Status.PASS
    assert by_id["question-backups"].status is Status.UNKNOWN
    # most urgent first, with words: a "not sure" is said as such
    assert q.view.row_texts() == [
        ("Needs action · high priority", "Two-factor authentication on your email"),
        ("Not sure", "Backups"),
        ("Protected", "Phone screen lock"),
    ]
    assert q.summary.text() == ("1 answer needs action · 1 answer says a protection "
                                "is in place · 1 answer was “not sure”")
    # the scan's list and summary are untouched: answers are not scan results
    assert window.findings.check_ids() == scan_ids
    assert not any(c.startswith("question-") for c in window.findings.check_ids())
    assert window.header.summary.text() == header
    # changing an answer changes its finding
    _click(qtbot, q.dialog, "email-2fa", "yes")
    qtbot.waitUntil(lambda: q.view.row_texts()[0][0] == "Not sure", timeout=2000)


def test_an_answer_opens_its_guidance(qtbot, window):
    scan_fixture(qtbot, window)
    window.findings.select_check("demo-disk")
    _answer_three(qtbot, window)
    _click(qtbot, window.questionnaire.dialog, "password-manager", "no")
    view = window.questionnaire.view
    with qtbot.waitSignal(view.findingSelected, timeout=2000):
        assert view.select_check("question-email-2fa")
    pane = window.pane
    assert pane.finding is not None and pane.finding.check_id == "question-email-2fa"
    assert window.findings.current_finding() is None  # one selection at a time
    view.select_check("question-backups")
    qtbot.waitUntil(lambda: "Not sure" in pane.plain_text(), timeout=2000)
    assert "Could not check" not in pane.plain_text()
    view.select_check("question-email-2fa")
    qtbot.waitUntil(lambda: "off for your email" in pane.plain_text(), timeout=2000)
    text = pane.plain_text()
    assert "Two-factor authentication on your email" in text
    assert "You said two-factor authentication is off for your email" in text
    assert "Questions only you can answer" in text  # the self-assessment article's self-checks
    assert pane.handout_button.isEnabled()
    view.select_check("question-password-manager")
    qtbot.waitUntil(lambda: pane.finding is not None
                    and pane.finding.check_id == "question-password-manager", timeout=2000)
    assert pane.has_article()
    # back to a scan finding: the answer is deselected
    window.findings.select_check("demo-disk")
    qtbot.waitUntil(lambda: pane.finding is not None and pane.finding.check_id == "demo-disk",
                    timeout=2000)
    assert view.current_finding() is None


# -- memory only --------------------------------------------------------------------------------

def test_answering_and_closing_writes_nothing(qtbot, desktop_env, _private_home, tmp_path):
    from desktop.main_window import MainWindow
    from tests.desktop_support import demo_checks

    w = MainWindow(checks_provider=demo_checks)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    before = _files(tmp_path)
    _answer_three(qtbot, w)
    assert w.questionnaire.dialog is not None
    w.questionnaire.dialog.close()
    w.close()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=2000)
    assert _files(tmp_path) == before
    assert w.questionnaire.answers == {} and w.questionnaire.findings() == []
    for p in tmp_path.rglob("*"):
        if p.is_file():
            assert b"email-2fa" not in p.read_bytes(), p


def test_forget_everything_clears_the_answers(qtbot, window, monkeypatch):
    dlg = _answer_three(qtbot, window)
    window.questionnaire.view.select_first()
    assert window.pane.finding is not None
    monkeypatch.setattr(appdirs, "_memory_reason", None)
    try:
        window.privacy.forget_action.trigger()
        forget = window.privacy.last_forget
        qtbot.waitExposed(forget)
        forget.forget_button.click()
    finally:
        appdirs.hold_in_memory(None)
    qtbot.waitUntil(lambda: window.questionnaire.answers == {}, timeout=2000)
    assert window.questionnaire.findings() == []
    assert not window.questionnaire.answers_box.isVisible()
    assert all(b.answer() is None for b in dlg.boxes)
    assert window.pane.finding is None


def test_clear_my_answers_in_the_view(qtbot, window):
    dlg = _answer_three(qtbot, window)
    dlg.clear_button.click()
    qtbot.waitUntil(lambda: window.questionnaire.findings() == [], timeout=2000)
    assert all(b.answer() is None for b in dlg.boxes)


# -- reports --------------------------------------------------------------------------------------

def test_a_saved_report_has_the_answers_in_their_own_section(qtbot, window, tmp_path):
    scan_fixture(qtbot, window)
    _answer_three(qtbot, window)
    html_path = window.write_report_to(str(tmp_path / "r.html"), "html")
    json_path = window.write_report_to(str(tmp_path / "r.json"), "json")
    assert html_path and json_path
    html = Path(html_path).read_text(encoding="utf-8")
    main, answers = html.split('<section class="answers" id="your-answers">')
    assert "Your answers (3)" in answers
    assert "Checkup cannot verify them" in answers
    assert "You said two-factor authentication is off for your email" in answers
    assert "Two-factor authentication on your email" in answers
    assert "question-" not in main
    data = json.loads(Path(json_path).read_text(encoding="utf-8"))
    assert [a["check_id"] for a in data["answers"]] == [
        "question-email-2fa", "question-backups", "question-phone-lock"]
    assert {a["kind"] for a in data["answers"]} == {"question"}
    assert data["answers"][0]["title"] == "Two-factor authentication on your email"
    assert data["answers"][0]["severity"] == "high"
    assert {f["kind"] for f in data["findings"]} == {"check"}
    assert not any(f["check_id"].startswith("question-") for f in data["findings"])
    assert sum(data["summary"]["counts"].values()) == len(data["findings"])
    assert data["summary"]["answers"]["counts"]["fail"] == 1
    assert data["summary"]["answers"]["headline"][0] == "1 answer needs action"


def test_a_protected_report_carries_the_answers_too(qtbot, window):
    from desktop.privacy.privacy_actions import report_bytes

    result = scan_fixture(qtbot, window)
    _answer_three(qtbot, window)
    plain = report_bytes(result, "json", "en", window.questionnaire.findings())
    assert len(json.loads(plain)["answers"]) == 3


def test_text_report_and_answers_mixed_into_a_result_are_kept_apart(qtbot, window):
    from dataclasses import replace

    from checks.content.questions import answers_to_findings

    result = scan_fixture(qtbot, window)
    mixed = replace(result, findings=[*result.findings,
                                      *answers_to_findings({"phone-lock": "no"})])
    data = report_json(mixed)
    assert [a["check_id"] for a in data["answers"]] == ["question-phone-lock"]
    assert len(data["findings"]) == len(result.findings)
    text = report_text(result, answers=answers_to_findings({"backups": "yes"}))
    body, answers = text.split("Your answers (1)")
    assert "Backups" in answers and "You said you have a recent backup." in answers
    assert "Backups" not in body


# -- languages and accessibility ------------------------------------------------------------------

def _walk(window, dlg) -> list[tuple[str, str]]:
    texts = [t for t in visible_texts(dlg)]
    col = window.questionnaire.column
    texts += [(w, t) for w, t in visible_texts(window)
              if any(w.startswith(n) for n in ("answers", "questions"))]
    texts += [(f"{col.objectName()}/{w}", t) for w, t in visible_texts(col)
              if not w.startswith("findingsList")]
    act = window.questionnaire.action
    texts += [("questionsAction.text", act.text()), ("questionsAction.toolTip", act.toolTip())]
    return texts


def test_pseudo_locale_leaves_no_untranslated_string_in_the_questions(qtbot, window):
    window.apply_language("qps", save=False)
    dlg = _answer_three(qtbot, window)
    texts = _walk(window, dlg)
    assert len(texts) > 60
    problems = [(w, t) for w, t in texts if re.search(r"[^\W\d_]", untranslated_remainder(t))]
    assert problems == []
    window.questionnaire.view.select_first()
    assert "⟦" in window.pane.plain_text()


def test_arabic_questions_are_right_to_left_and_translated(qtbot, window):
    dlg = _open(qtbot, window)
    window.apply_language("ar", save=False)
    _answer_three(qtbot, window)
    assert dlg.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.questionnaire.column.layoutDirection() == Qt.LayoutDirection.RightToLeft
    texts = _walk(window, dlg)
    problems = [(w, t) for w, t in texts
                if re.search(r"[A-Za-z]", strip_data(t)) and not ARABIC.search(t)]
    assert problems == []
    assert dlg.windowTitle() == "أسئلة لا يجيب عنها غيرك"
    assert dlg.box("phone-lock").buttons["yes"].text() == "نعم"  # type: ignore[union-attr]
    assert not re.search(r"[A-Za-z]", window.questionnaire.summary.text())


def test_every_interactive_widget_in_the_questions_has_a_name(qtbot, window):
    dlg = _answer_three(qtbot, window)
    assert _nameless(dlg) == []
    assert _nameless(window) == []
    names = [b.accessibleName() for box in dlg.boxes for b in box.buttons.values()]
    assert len(set(names)) == len(names) == 30
    assert "No: Two-factor authentication on your email" in names
    for w in (window.questionnaire.button, window.questionnaire.view, dlg.clear_button,
              dlg.close_button):
        assert w.accessibleName() and w.accessibleDescription(), w.objectName()


def test_screenshots_english_and_arabic(qtbot, window):
    """Not an assertion of looks: saves /tmp/questionnaire-*.png to look at."""
    scan_fixture(qtbot, window)
    for lang in ("en", "ar"):
        window.apply_language(lang, save=False)
        dlg = _answer_three(qtbot, window) if lang == "en" else window.questionnaire.dialog
        window.questionnaire.view.select_first()
        for widget, name in ((dlg, "view"), (window, "window")):
            assert isinstance(widget, QWidget)
            assert widget.grab().save(f"/tmp/questionnaire-{name}-{lang}.png")


# -- the scanned system --------------------------------------------------------------------------

def test_windows_11_is_named_by_its_build_number() -> None:
    assert windows_name("10", "10.0.26100") == "Windows 11 (10.0.26100)"
    assert windows_name("11", "10.0.22631") == "Windows 11 (10.0.22631)"
    assert windows_name("10", "10.0.22000") == "Windows 11 (10.0.22000)"
    assert windows_name("10", "10.0.19045") == "Windows 10 (10.0.19045)"
    assert windows_name("2022Server", "10.0.20348") == "Windows 2022Server (10.0.20348)"
    assert windows_name("10", "") == "Windows 10"


def test_a_windows_11_machine_is_called_windows_11(qtbot, window):
    result = scan_fixture(qtbot, window, WINDOWS_11)
    assert result.platform.release == "10" and result.platform.version == "10.0.26100"
    line = window.header.source.text()
    assert "Scanned system: Windows 11 (10.0.26100)" in line, line
    assert "Windows 10" not in line
    assert report_json(result)["platform"]["os_name"] == "Windows 11 (10.0.26100)"
    assert "Windows 11 (10.0.26100)" in report_text(result)


def test_title_for_a_question_is_its_title(window) -> None:
    assert window.title_for("question-backups") == "Backups"
    assert Questionnaire.title("question-phone-lock") == "Phone screen lock"
