"""The self-assessment: questions only the person can answer.

Some of the most important protections cannot be seen from the laptop: two-factor
authentication on email and social accounts, a phone's lock and updates, backups and where
they are kept, where a disk's recovery key is stored, a password manager, disappearing
messages. These questions ask, and each answer becomes a Finding with guidance like any other:

    yes      -> pass
    no       -> fail, with the question's severity
    not sure -> unknown

Findings from answers are told apart from the automatic ones by their check id (prefix
``question-``) and their ``origin`` (``Origin.QUESTION``; the question and the answer are
``Finding.question_id`` and ``Finding.answer``). Answers live in memory only: nothing here
writes a file, and nothing is kept unless the person saves a report.

API used by the window::

    QUESTIONS                       # Question(id, title, text, help, severity, guidance, ...)
    answers_to_findings({"email-2fa": "yes", ...}) -> list[Finding]
    QUESTION_TITLES                 # check id -> N_() title, for reports and lists

and by ``checkup questions`` (registered below; listed in ``checks.cli.COMMAND_MODULES``):
``run_cli(args, t)`` asks in the terminal, prints the findings and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from checks.engine.i18n import LANGUAGES, N_, PSEUDO, Translator, msg, msg_n, translator
from checks.engine.model import Answer, Evidence, Finding, Origin, Severity, Status

YES, NO, NOT_SURE = Answer.YES.value, Answer.NO.value, Answer.NOT_SURE.value
ANSWERS = (YES, NO, NOT_SURE)
ANSWER_LABELS: dict[str, str] = {YES: N_("Yes"), NO: N_("No"), NOT_SURE: N_("Not sure")}
CHECK_PREFIX = "question-"
GUIDANCE = "self-assessment"


@dataclass(frozen=True)
class Question:
    id: str
    title: str  # N_() short title, shown in lists
    text: str  # N_() the question
    help: str  # N_() where to look, in plain words
    severity: Severity  # of a "no"
    yes: str  # N_() summary for "yes"
    no: str  # N_() summary for "no"
    not_sure: str  # N_() summary for "not sure"
    guidance: str = GUIDANCE  # the guidance article a finding opens

    @property
    def check_id(self) -> str:
        return CHECK_PREFIX + self.id


QUESTIONS: tuple[Question, ...] = (
    Question(
        "email-2fa", N_("Two-factor authentication on your email"),
        N_("Is two-factor authentication (a code from an app or a security key, as well as "
           "your password) turned on for your main email account?"),
        N_("Look in your email account's security settings, under 2-Step Verification or "
           "two-factor authentication."),
        Severity.HIGH,
        N_("You said two-factor authentication is on for your email."),
        N_("You said two-factor authentication is off for your email: anyone who learns your "
           "password can read your mail and use it to take over your other accounts."),
        N_("You were not sure whether two-factor authentication is on for your email. The "
           "guidance shows where to look.")),
    Question(
        "social-2fa", N_("Two-factor authentication on social media and messaging"),
        N_("Is two-factor authentication turned on for your social media accounts, and a PIN "
           "(registration lock) for your messaging apps?"),
        N_("Each service has it in its security or privacy settings; in Signal it is "
           "Settings > Account > Registration Lock."),
        Severity.MEDIUM,
        N_("You said your social media and messaging accounts have two-factor authentication."),
        N_("You said your social media or messaging accounts lack two-factor authentication: a "
           "stolen password, or a SIM swap, is enough to take them over and speak in your "
           "name."),
        N_("You were not sure about two-factor authentication on your social media and "
           "messaging accounts.")),
    Question(
        "account-recovery", N_("Recovery email and phone number"),
        N_("Are the recovery email address and phone number of your important accounts ones "
           "you still use and control?"),
        N_("Look in each account's security settings, under recovery or account recovery."),
        Severity.MEDIUM,
        N_("You said your accounts' recovery details are yours and up to date."),
        N_("You said some recovery details are old or not yours: whoever controls them can "
           "reset your password."),
        N_("You were not sure whose recovery details your accounts use.")),
    Question(
        "phone-lock", N_("Phone screen lock"),
        N_("Does your phone lock itself with a PIN or passphrase of at least six digits, not a "
           "pattern or a short PIN?"),
        N_("Android: Settings > Security > Screen lock. iPhone: Settings > Face ID (or Touch "
           "ID) & Passcode."),
        Severity.HIGH,
        N_("You said your phone locks with a strong PIN or passphrase."),
        N_("You said your phone has no strong lock: anyone holding it can read your messages, "
           "photos and accounts."),
        N_("You were not sure how your phone locks.")),
    Question(
        "phone-updates", N_("Phone updates"),
        N_("Does your phone still receive system updates from its maker, and are they "
           "installed?"),
        N_("Android: Settings > System > Software update (the security patch level should be "
           "from the last few months). iPhone: Settings > General > Software Update."),
        Severity.HIGH,
        N_("You said your phone is up to date and still supported."),
        N_("You said your phone is not up to date or no longer receives updates: known flaws "
           "in it are used by spyware."),
        N_("You were not sure whether your phone is up to date.")),
    Question(
        "backups", N_("Backups"),
        N_("Do you have a recent backup (from the last month) of the files you could not bear "
           "to lose?"),
        N_("Think of where a copy of your documents and photos would be if this laptop were "
           "taken today."),
        Severity.MEDIUM,
        N_("You said you have a recent backup."),
        N_("You said you have no recent backup: a seized, stolen or broken laptop would take "
           "your work with it."),
        N_("You were not sure whether you have a recent backup.")),
    Question(
        "backup-location", N_("Where your backups are kept"),
        N_("Is your backup encrypted, and kept away from this laptop (not in the same bag or "
           "room)?"),
        N_("An external disk that is encrypted and kept elsewhere counts; so does a cloud "
           "backup with end-to-end encryption."),
        Severity.MEDIUM,
        N_("You said your backup is encrypted and kept apart from the laptop."),
        N_("You said your backup is not encrypted or is kept with the laptop: whoever takes one "
           "takes both, and can read it."),
        N_("You were not sure whether your backup is encrypted or where it is kept.")),
    Question(
        "recovery-key", N_("Where your disk's recovery key is kept"),
        N_("Is your disk encryption recovery key kept offline (on paper or a device you keep "
           "safe), and not only in an online account?"),
        N_("Windows often saves the BitLocker key to your Microsoft account; macOS can keep the "
           "FileVault key with Apple. A company can be made to hand over what it stores."),
        Severity.MEDIUM,
        N_("You said your recovery key is kept offline, somewhere safe."),
        N_("You said your recovery key is only in an online account: the company that holds it "
           "can be compelled to hand it over, and anyone who gets into the account can unlock "
           "your disk."),
        N_("You were not sure where your recovery key is kept.")),
    Question(
        "password-manager", N_("A password manager"),
        N_("Do you use a password manager (an app, or the one in your browser or phone) with a "
           "different password for every account?"),
        N_("If you reuse a password anywhere, the answer is no."),
        Severity.MEDIUM,
        N_("You said you use a password manager with a different password for each account."),
        N_("You said you do not use a password manager: reused or guessable passwords let one "
           "leak open many accounts."),
        N_("You were not sure whether you use a password manager."),
        guidance="password-manager"),
    Question(
        "disappearing-messages", N_("Disappearing messages"),
        N_("Are disappearing messages turned on in your sensitive conversations?"),
        N_("In Signal and WhatsApp, open the conversation's settings and look for Disappearing "
           "messages."),
        Severity.LOW,
        N_("You said disappearing messages are on in your sensitive conversations."),
        N_("You said disappearing messages are off: a seized or searched phone shows every "
           "conversation it still holds."),
        N_("You were not sure whether disappearing messages are on.")),
)

QUESTION_TITLES: dict[str, str] = {q.check_id: q.title for q in QUESTIONS}
_BY_ID = {q.id: q for q in QUESTIONS}


def question(question_id: str) -> Question | None:
    return _BY_ID.get(question_id)


def normalise_answer(value: object) -> str | None:
    """``"yes"``, ``"no"``, ``"not_sure"`` (also ``"not sure"``/``"unsure"``); else None."""
    if not isinstance(value, str):
        return None
    v = value.strip().lower().replace("-", "_").replace(" ", "_")
    if v in ("unsure", "dont_know", "?"):
        v = NOT_SURE
    return v if v in ANSWERS else None


def answer_finding(q: Question, answer: str) -> Finding:
    evidence = [Evidence("self-assessment", f"{q.id}: {answer}")]
    given = Answer(answer)
    if given is Answer.YES:
        status, summary, severity, details = Status.PASS, q.yes, None, []
    elif given is Answer.NO:
        status, summary, severity, details = Status.FAIL, q.no, q.severity, [msg(q.help)]
    else:
        status, summary, severity, details = Status.UNKNOWN, q.not_sure, None, [msg(q.help)]
    return Finding(status, msg(summary), severity=severity, evidence=evidence, details=details,
                   check_id=q.check_id, guidance_id=q.guidance,
                   origin=Origin.QUESTION, question_id=q.id, answer=given)


def answers_to_findings(answers: Mapping[str, str]) -> list[Finding]:
    """One finding per answered question, in the questionnaire's order. Unknown question
    ids and answers that are not yes/no/not sure are left out."""
    out: list[Finding] = []
    for q in QUESTIONS:
        answer = normalise_answer(answers.get(q.id))
        if answer is not None:
            out.append(answer_finding(q, answer))
    return out


def is_question_finding(f: Finding) -> bool:
    return f.check_id.startswith(CHECK_PREFIX) or f.origin is Origin.QUESTION


# ---------------------------------------------------------------------------------------
# The terminal
# ---------------------------------------------------------------------------------------

def _answer_words(t: Translator) -> dict[str, str]:
    """What a person may type, in English and in the chosen language."""
    words = {"y": YES, "yes": YES, "1": YES, "n": NO, "no": NO, "2": NO,
             "?": NOT_SURE, "3": NOT_SURE, "not sure": NOT_SURE, "unsure": NOT_SURE,
             "؟": NOT_SURE}
    for key, label in ANSWER_LABELS.items():
        local = t.gettext(label).strip().lower()
        if local:
            words.setdefault(local, key)
            words.setdefault(local[0], key)
    return words


def ask(t: Translator, input_fn: Callable[[str], str], out: TextIO,
        questions: Sequence[Question] = QUESTIONS) -> dict[str, str]:
    """Ask each question; Enter skips one, end of input stops. Returns the answers given."""
    words = _answer_words(t)
    labels = " / ".join(f"{n}. {t.gettext(ANSWER_LABELS[a])}"
                        for n, a in zip((1, 2, 3), ANSWERS, strict=True))
    answers: dict[str, str] = {}
    total = len(questions)
    for i, q in enumerate(questions, start=1):
        out.write(f"\n{i}/{total}  {t.gettext(q.text)}\n   {t.gettext(q.help)}\n")
        while True:
            try:
                raw = input_fn(f"   [{labels}] > ")
            except EOFError:
                out.write("\n")
                return answers
            reply = raw.strip().lower()
            if not reply:
                break
            answer = words.get(reply)
            if answer is not None:
                answers[q.id] = answer
                break
            out.write("\n   " + t.render(msg("Please answer {choices}, or press Enter to "
                                               "skip.", choices=labels)) + "\n")
    return answers


def print_findings(findings: Sequence[Finding], t: Translator, out: TextIO) -> None:
    from checks.reports.report import STATUS_LABELS

    if not findings:
        out.write(t.render(msg("No answers were given.")) + "\n")
        return
    out.write("\n" + t.render(msg_n("Your answer, as a finding:", "Your {n} answers, as findings:",
                                    len(findings))) + "\n")
    for f in findings:
        q = question(f.question_id)
        title = t.gettext(q.title) if q else f.check_id
        # A "not sure" is the person's answer, not a check that could not run: say it as such
        # (as the window does, desktop/status_text.py).
        state = (ANSWER_LABELS[NOT_SURE] if f.answer is Answer.NOT_SURE
                 else STATUS_LABELS[f.status])
        out.write(f"\n[{t.gettext(state)}] {title}\n  {t.render(f.summary)}\n")
        if f.status is not Status.PASS:
            article, advice = _advice(f.guidance_id, q.id if q else "", t)
            if advice:  # the article's own words for this question, readable in the terminal
                out.write(textwrap.fill(advice, width=78, initial_indent="  ",
                                        subsequent_indent="  ") + "\n")
            out.write("  " + t.render(msg("What to do: see \"{article}\" in the guidance.",
                                          article=article)) + "\n")


def _advice(guidance_id: str, question_id: str, t: Translator) -> tuple[str, str]:
    """The guidance article's title and, as plain text, its self-check item for this question
    ("" when the article has none)."""
    try:
        from checks.content.guidance import inline_tokens, load_article

        lang = t.lang.split("_")[0]
        article = load_article(guidance_id, lang)
        text = dict(article.self_checks).get(question_id, "")
        if not text and guidance_id != GUIDANCE:  # e.g. password-manager: the questionnaire's
            text = dict(load_article(GUIDANCE, lang).self_checks).get(question_id, "")
        return article.title, "".join(value for _, value, _ in inline_tokens(text))
    except Exception:  # a missing or broken article must not stop the questionnaire
        return guidance_id, ""


def run_cli(args: argparse.Namespace, t: Translator | None = None, *,
            input_fn: Callable[[str], str] = input, out: TextIO | None = None) -> int:
    """``checkup questions``: ask, print the resulting findings, write nothing."""
    lang = getattr(args, "lang", None)
    tr = t if t is not None else translator(lang)
    stream = out or sys.stdout
    stream.write(tr.render(msg(
        "A few questions about protections a scan cannot see. Answer 1 (yes), 2 (no) or 3 "
        "(not sure); press Enter to skip a question. Your answers stay in memory and are "
        "not saved.")) + "\n")
    answers = ask(tr, input_fn, stream)
    print_findings(answers_to_findings(answers), tr, stream)
    stream.flush()
    return 0


def _setup(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("--lang", metavar="LANG", choices=[*LANGUAGES, PSEUDO],
                        help=t.gettext(N_("language of the questions: {langs}")).format(
                            langs=", ".join(LANGUAGES)))


def _register() -> None:
    from checks.cli import subcommand

    subcommand("questions", N_("answer a few questions about protections a scan cannot see"),
               _setup)(lambda args, t: run_cli(args, t))


_register()
