"""The self-assessment: answers become findings (yes -> pass, no -> fail with the question's
severity, not sure -> unknown) that are told apart from automatic ones, open guidance in every
shipped language, and are never written to disk: ``checkup questions`` asks in a terminal,
prints its findings and leaves no file behind."""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from checks.content import questions as qs
from checks.content.guidance import load_article
from checks.engine.i18n import PSEUDO_OPEN, translator
from checks.engine.model import Severity, Status

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "es", "ar")


def typed(*replies: str) -> Callable[[str], str]:
    """A terminal where the person types ``replies`` one by one, then ends the input."""
    left = iter(replies)

    def fake_input(prompt: str) -> str:
        try:
            return next(left)
        except StopIteration:
            raise EOFError from None

    return fake_input


def test_there_are_eight_to_twelve_questions_with_unique_ids() -> None:
    assert 8 <= len(qs.QUESTIONS) <= 12
    ids = [q.id for q in qs.QUESTIONS]
    assert len(set(ids)) == len(ids)
    wanted = {"email-2fa", "social-2fa", "phone-lock", "phone-updates", "backups",
              "recovery-key", "password-manager", "disappearing-messages"}
    assert wanted <= set(ids)
    assert set(qs.QUESTION_TITLES) == {q.check_id for q in qs.QUESTIONS}


def test_each_answer_becomes_a_finding() -> None:
    findings = qs.answers_to_findings({"email-2fa": "yes", "phone-lock": "no",
                                       "backups": "not_sure"})
    by_id = {f.check_id: f for f in findings}
    assert by_id["question-email-2fa"].status is Status.PASS
    no = by_id["question-phone-lock"]
    assert no.status is Status.FAIL and no.severity is Severity.HIGH
    assert by_id["question-backups"].status is Status.UNKNOWN
    for f in findings:
        assert f.json_data()["kind"] == "question" and qs.is_question_finding(f)
        assert f.guidance_id and f.evidence
    en = translator("en")
    assert en.render(no.summary).startswith("You said your phone has no strong lock")


def test_severity_of_a_no_follows_the_question() -> None:
    answers = {q.id: "no" for q in qs.QUESTIONS}
    for f, q in zip(qs.answers_to_findings(answers), qs.QUESTIONS, strict=True):
        assert f.severity is q.severity
    assert qs.question("disappearing-messages").severity is Severity.LOW  # type: ignore[union-attr]


def test_unanswered_unknown_and_invalid_answers_are_left_out() -> None:
    findings = qs.answers_to_findings({"email-2fa": "", "nonsense": "yes", "backups": "maybe",
                                       "phone-updates": "Not sure"})
    assert [f.check_id for f in findings] == ["question-phone-updates"]
    assert findings[0].status is Status.UNKNOWN


def test_findings_come_in_questionnaire_order() -> None:
    answers = {q.id: "yes" for q in reversed(qs.QUESTIONS)}
    assert [f.check_id for f in qs.answers_to_findings(answers)] == [
        q.check_id for q in qs.QUESTIONS]


@pytest.mark.parametrize("lang", LANGS)
def test_every_question_opens_guidance_in_every_language(lang: str) -> None:
    for q in qs.QUESTIONS:
        article = load_article(q.guidance, lang)
        assert not article.fell_back, (lang, q.guidance)
    sa = load_article("self-assessment", lang)
    ids = {sid for sid, _ in sa.self_checks}
    assert {q.id for q in qs.QUESTIONS if q.guidance == "self-assessment"} <= ids


def test_every_question_text_goes_through_translation() -> None:
    qps = translator("qps")
    for q in qs.QUESTIONS:
        for text in (q.title, q.text, q.help, q.yes, q.no, q.not_sure):
            assert qps.gettext(text).startswith(PSEUDO_OPEN), text


def test_run_cli_asks_prints_and_understands_typed_answers(tmp_path: Path) -> None:
    out = io.StringIO()
    code = qs.run_cli(argparse.Namespace(lang="en"), input_fn=typed("y", "2", "?", "", "what", "n"),
                      out=out)
    text = out.getvalue()
    assert code == 0
    assert "Your 4 answers, as findings:" in text
    assert "[Protected] Two-factor authentication on your email" in text
    assert "[Needs action] Two-factor authentication on social media" in text
    # "not sure" is the person's answer, not a check that could not run (as in the window)
    assert "[Not sure] Recovery email and phone number" in text
    assert "Could not check" not in text
    assert "Please answer" in text  # "what" was not understood and asked again
    assert "[Needs action] Phone updates" in text  # question 4 skipped, 5 answered "n"


def test_run_cli_prints_where_to_look_for_each_no_and_not_sure() -> None:
    """The terminal cannot open the guidance pane: a "no" or "not sure" prints the article's
    own advice for that question, in the reader's language, and a "yes" prints none."""
    out = io.StringIO()
    qs.run_cli(argparse.Namespace(lang="en"),
               input_fn=typed("1", "n", "3", "", "", "", "", "", "no"), out=out)
    text = " ".join(out.getvalue().split())
    assert "Signal: Settings > Account > Registration Lock" in text  # social-2fa, "no"
    assert "check the recovery email address and phone number" in text  # "not sure"
    assert "Every account should have its own long password" in text  # password-manager
    assert "**" not in text and "](guidance:" not in text  # no markup leaks
    assert "Google: Security > 2-Step Verification" not in text  # "yes": no advice
    assert 'What to do: see "Use a password manager" in the guidance.' in text

    out = io.StringIO()
    qs.run_cli(argparse.Namespace(lang="es"), input_fn=typed("3"), out=out)
    es = translator("es")
    assert "[" + es.gettext("Not sure") + "]" in out.getvalue()
    assert "Seguridad > Verificación en dos pasos" in out.getvalue()  # Spanish article


def test_run_cli_in_spanish_accepts_spanish_words() -> None:
    out = io.StringIO()
    qs.run_cli(argparse.Namespace(lang="es"), input_fn=typed("sí", "no"), out=out)
    text = out.getvalue()
    es = translator("es")
    assert es.gettext(qs.QUESTIONS[0].text) in text
    assert es.gettext(qs.QUESTIONS[0].text) != qs.QUESTIONS[0].text  # really translated
    assert "[" + es.gettext("Protected") + "]" in text


def _tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_checkup_questions_in_a_subprocess_writes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    work = tmp_path / "work"
    for d in (home, work):
        d.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "CHECKUP_"))}
    env.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
                "XDG_DATA_HOME": str(home / ".local" / "share"),
                "XDG_CACHE_HOME": str(home / ".cache"), "XDG_STATE_HOME": str(home / ".state"),
                "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8"})
    answers = "y\nn\n?\ny\nn\ny\n?\nn\ny\ny\n"
    proc = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "checks.cli", "questions", "--lang", "en"], input=answers,
        capture_output=True, text=True, cwd=work, env=env, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "Your 10 answers, as findings:" in proc.stdout
    assert proc.stdout.count("[Needs action]") == 3
    assert _tree(home) == [] and _tree(work) == [], "the questionnaire wrote a file"
