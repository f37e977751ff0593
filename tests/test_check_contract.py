"""The contract every check inherits: a new check is held to it by existing.

Every test here is parametrised over ``registry.all_checks()`` (and over each check's declared
systems and statuses), so there is no list of checks to edit:

- garbage never passes: on each system a check covers, every command and file it asks for
  answers with one kind of hostile output at a time (nothing, cut short, random bytes, huge,
  text in other scripts and languages) and the check returns a Finding that is not ``pass``,
  having run only commands it declared.
  tests/test_check_robustness.py feeds the same checks a random *mix* of these, a few hundred
  seeds each; this file keeps each kind on its own so that no kind hides behind another;
- every finding a check gives on its fixtures carries at least one Evidence item;
- every message a finding holds (its summary and details, their parameters, the check's title
  and description) is in a ``.pot`` template and renders in every shipped language with the
  parameters it was given (no placeholder the finding did not supply, no format error);
- each status the spec declares for a system is what at least one fixture under
  tests/fixtures/ replays to on that system, and every status a fixture replays to is declared
  (an ``error`` a check returns itself, for a broken data file, is deliberately undeclared;
  what the runner adds, ``unknown`` for 'not recorded' or a timeout and ``error`` for a crash,
  never counts as a fixture of a declared status, and a crash on a fixture fails);
- every command a check runs while replaying its fixtures matches one of its own declared
  templates (its spec's ``commands``, or one the engine declared with ``commands.declare``),
  and every file it reads or looks at (``read_bytes``/``read_text``/``stat``) matches one of
  its ``files`` globs.

Each fixture is replayed once, each check on a fresh Scan (so a fact shared through
``Scan.memo``, such as the app inventory, counts for every check that uses it, as it does when
that check runs alone with ``--only``); the results are kept for the whole module.
"""

from __future__ import annotations

import functools
import json
import random
import re
import string
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from checks.engine import commands
from checks.engine.commands import Policy
from checks.engine.context import PlatformContext, detect_context
from checks.engine.host import CommandResult, FileStat
from checks.engine.i18n import LANGUAGES, Message, msg, translator
from checks.engine.model import Evidence, Finding, Status
from checks.engine.registry import Check, Scan, all_checks
from checks.engine.resources import resource_path
from checks.engine.runner import _crashed, run_check
from checks.engine.snapshot import ReplayHost, Snapshot, SnapshotError
from tests.garbage_support import GarbageHost, evidence_of_absence

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHECKS = all_checks()
SYSTEMS = [(c, family) for c in CHECKS for family in sorted(c.platforms)]
DECLARED_STATUSES = [(c, family, status) for c in CHECKS for family in sorted(c.statuses)
                     for status in sorted(c.statuses[family], key=lambda s: s.value)]
GARBAGE_KINDS = ("empty", "truncated", "random-bytes", "huge", "localised")
SEEDS_PER_KIND = 6  # x 5 kinds x each system a check covers

# -- replaying every fixture ----------------------------------------------------------------

class _Tracing(ReplayHost):
    """A ReplayHost that notes every command it is asked to run and every path it is asked
    to read, stat, list or match in (a ``matching`` question is noted as ``folder/pattern``
    for each pattern: it learns of those names only, not of the whole folder), and keeps the
    desktop entries it read (see _led_to)."""

    def __init__(self, snap: Snapshot) -> None:
        super().__init__(snap)
        self.calls: list[tuple[str, ...]] = []
        self.paths: list[str] = []
        self.entries: dict[str, str] = {}  # .desktop path -> its text

    def run(self, argv: Sequence[str], timeout: float = 10.0) -> CommandResult:
        self.calls.append(tuple(argv))
        return super().run(argv, timeout)

    def read_bytes(self, path: str) -> bytes | None:
        self.paths.append(path)
        data = super().read_bytes(path)
        if data is not None and path.endswith(".desktop"):
            self.entries[path] = data.decode("utf-8", "replace")
        return data

    def read_text(self, path: str) -> str | None:
        self.paths.append(path)
        text = super().read_text(path)
        if text is not None and path.endswith(".desktop"):
            self.entries[path] = text
        return text

    def stat(self, path: str) -> FileStat | None:
        self.paths.append(path)
        return super().stat(path)

    def list_dir(self, path: str) -> list[str] | None:
        self.paths.append(path)
        return super().list_dir(path)

    def matching(self, path: str, patterns: Sequence[str]) -> list[str] | None:
        self.paths.extend(f"{path.rstrip('/')}/{p}" for p in patterns)
        return super().matching(path, patterns)


@dataclass
class Replay:
    fixture: str  # relative to tests/fixtures
    check: Check
    family: str
    home: str
    finding: Finding
    calls: list[tuple[str, ...]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    entries: dict[str, str] = field(default_factory=dict)  # desktop entries read: path -> text
    env: dict[str, str] = field(default_factory=dict)  # the snapshot's environment
    sandbox: str = ""  # the application sandbox the snapshot was recorded in (checks/engine/sandbox.py)

    @property
    def where(self) -> str:
        return f"{self.check.id} on {self.fixture}"

    @property
    def by_runner(self) -> bool:
        """The runner gave the verdict (not recorded, a timeout, inside a sandbox, where every
        verdict becomes unknown) or the check crashed."""
        return (self.finding.not_checked is not None or _is_crash(self.check, self.finding)
                or bool(self.sandbox))


def _is_crash(check: Check, finding: Finding) -> bool:
    return finding.summary.msgid == _crashed(check, RuntimeError()).summary.msgid


def _snapshots() -> Iterator[tuple[str, Snapshot]]:
    for path in sorted(FIXTURES.rglob("*.json")):
        try:
            head = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if not isinstance(head, dict) or head.get("format") != "checkup-snapshot":
            continue
        try:
            snap = Snapshot.load(path)
        except SnapshotError:
            continue  # the deliberately malformed ones (tests/test_snapshot.py)
        yield path.relative_to(FIXTURES).as_posix(), snap


@functools.cache
def replays() -> tuple[Replay, ...]:
    """Every fixture replayed once to each check it was recorded for."""
    out = []
    for name, snap in _snapshots():
        family = snap.platform.family
        context: PlatformContext = detect_context(ReplayHost(snap))
        for check in CHECKS:
            if check.id not in snap.checks or not check.applies_to(family):
                continue
            host = _Tracing(snap)
            finding = run_check(check, Scan(host, context))
            out.append(Replay(name, check, family, snap.platform.home, finding,
                              host.calls, host.paths, host.entries, dict(snap.platform.env),
                              getattr(context, "sandbox", "")))
    return tuple(out)


@pytest.fixture(scope="module")
def replayed() -> tuple[Replay, ...]:
    return replays()


def _of(replayed: Sequence[Replay], check: Check) -> list[Replay]:
    return [r for r in replayed if r.check.id == check.id]


def test_the_fixtures_were_found(replayed: Sequence[Replay]) -> None:
    assert len(replayed) > 300
    assert {r.check.id for r in replayed} == {c.id for c in CHECKS}


# -- garbage never passes -------------------------------------------------------------------

# Letters of other scripts and languages, and the marks that come with them. Put together at
# random they make words no tool writes: never a number on its own, never a word with a meaning.
_SCRIPTS = (
    "äöüßçñéèêøåæıİşğœ", "абвгдежзийклмнопрстуфхцчшщыэюя", "αβγδεζηθικλμνξοπρστυφχψω",
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي", "אבגדהוזחטיכלמנסעפצקרשת", "的一是不了人我在有他这中大来上国个",
    "あいうえおかきくけこさしすせそ", "अआइईउऊएऐओऔकखगघ", "ㄱㄴㄷㄹㅁㅂㅅㅇㅈ가나다라마",
)
_MARKS = ("\u200f", "\u200e", "\u202e", "\u00a0", "\u0301", "\ufeff", "\u3000", "\u2066")
_HEADS = ("bplist00", "<?xml version=\"1.0\"?>\n<plist version=\"1.0\">\n<dict>\n<key>",
          "[Daemon]\nAutomatic", "{\"blockdevices\": [{\"name\": \"", "Filename\tType\tSize",
          "Inst libss", "disabled services = {\n\t\"com.", "Name=", "<?xml version='1.0'?>",
          "#TYPE Selected.System.Management", "[{\"Id\":", "Version: ", "Status: install ok")


class KindOfGarbage(GarbageHost):
    """A GarbageHost whose command output and file contents are all of one kind; listings,
    registry values and processes stay the random garbage of tests/garbage_support.py."""

    def __init__(self, family: str, seed: int, kind: str) -> None:
        self.kind = kind
        super().__init__(family, seed, huge=True, rng=random.Random(seed))

    def localised_word(self) -> str:
        rng = self.rng
        letters = rng.choice(_SCRIPTS)
        word = "".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))
        if rng.random() < 0.3:
            word += rng.choice(_MARKS)
        if rng.random() < 0.2:  # digits only inside a word, never a number on its own
            word = word[0] + rng.choice("٣٤５۷") + word[1:]
        return word

    def text(self) -> str:
        rng = self.rng
        if self.kind == "empty":
            return rng.choice(["", "", "\n", " ", "\r\n"])
        if self.kind == "truncated":  # the start of something real-looking, cut off
            body = rng.choice(_HEADS) if rng.random() < 0.6 else json.dumps(self.json_value(3))
            return body[:rng.randint(0, max(0, len(body) - 1))]
        if self.kind == "random-bytes":
            return rng.randbytes(rng.randint(1, 3000)).decode("utf-8", errors="replace")
        if self.kind == "huge":
            if rng.random() < 0.5:
                line = "".join(rng.choice(string.printable[:94]) for _ in range(80))
                return "\n".join(line for _ in range(rng.randint(2000, 6000)))
            return self.word() * rng.randint(20000, 60000)
        lines = []
        for _ in range(rng.randint(1, 30)):
            words = [self.localised_word() for _ in range(rng.randint(1, 8))]
            sep = rng.choice([" ", ": ", "=", "\t", "：", " ، "])
            lines.append(sep.join(words))
        return "\n".join(lines)

    def read_bytes(self, path: str) -> bytes | None:
        rng = self.rng
        if rng.random() < 0.3:
            return None
        if self.kind == "random-bytes":
            return rng.randbytes(rng.randint(0, 3000))
        data = self.text().encode("utf-8")
        if self.kind == "truncated" and data:
            data = data[:rng.randint(0, len(data))]  # perhaps inside a character
        return data


@functools.cache
def garbage_runs(check_id: str, family: str, kind: str
                 ) -> tuple[tuple[str, Any, tuple[tuple[str, ...], ...]], ...]:
    """(where, the Finding or the exception, the commands run) for each seed: computed once,
    shared by the tests."""
    check = next(c for c in CHECKS if c.id == check_id)
    out: list[tuple[str, Any, tuple[tuple[str, ...], ...]]] = []
    for n in range(SEEDS_PER_KIND):
        seed = zlib.crc32(f"contract/{check_id}/{family}/{kind}/{n}".encode())
        host = KindOfGarbage(family, seed, kind)
        where = f"{check_id} on {family}, KindOfGarbage({family!r}, {seed}, {kind!r})"
        got: Any
        try:
            got = check.func(Scan(host))
        except Exception as exc:  # noqa: BLE001 - the point is to catch any crash
            got = exc
        out.append((where, got, tuple(host.calls)))
    return tuple(out)


@pytest.mark.parametrize("kind", GARBAGE_KINDS)
@pytest.mark.parametrize(("check", "family"), SYSTEMS,
                         ids=[f"{c.id}-{f}" for c, f in SYSTEMS])
def test_garbage_never_passes_and_never_raises(check: Check, family: str, kind: str) -> None:
    problems = []
    own, engine = Policy(check.commands), _engine_policy()
    for where, got, calls in garbage_runs(check.id, family, kind):
        # garbage drives a check down branches no fixture reaches: its commands stay its own
        problems += sorted({f"{where}: ran the undeclared {' '.join(argv)[:160]}"
                            for argv in calls if not own.allows(argv)
                            and not engine.allows(argv)})
        if isinstance(got, Exception):
            problems.append(f"{where}: raised {got.__class__.__name__}: {got}")
        elif not isinstance(got, Finding):
            problems.append(f"{where}: returned {type(got).__name__}")
        elif got.status is Status.PASS and not evidence_of_absence(got):
            problems.append(f"{where}: said pass on garbage")
    assert not problems, "\n".join(problems)


# -- evidence -------------------------------------------------------------------------------

@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_every_finding_carries_evidence(check: Check, replayed: Sequence[Replay]) -> None:
    bare = [r.where for r in _of(replayed, check) if not r.by_runner
            and not any(isinstance(e, Evidence) and (e.source or e.text)
                        for e in r.finding.evidence)]
    assert not bare, "findings without evidence:\n" + "\n".join(bare)


# -- messages -------------------------------------------------------------------------------

@functools.cache
def _template_ids() -> frozenset[str]:
    """Every msgid (and plural msgid) of every ``.pot`` template."""
    ids: set[str] = set()
    for pot in sorted(resource_path("translations").glob("*.pot")):
        with pot.open("rb") as fh:
            for m in read_po(fh):
                if isinstance(m.id, (list, tuple)):
                    ids.update(m.id)
                elif m.id:
                    ids.add(m.id)
    return frozenset(ids)


def shipped_languages() -> list[str]:
    folders = {p.name for p in resource_path("translations").iterdir() if p.is_dir()}
    return sorted(set(LANGUAGES) | folders)


@functools.cache
def _translations(lang: str) -> dict[str, tuple[str, ...]]:
    """msgid -> its translated forms (one, or one per plural form), non-fuzzy, filled."""
    out: dict[str, tuple[str, ...]] = {}
    folder = resource_path("translations", lang)
    if lang == "en" or not folder.is_dir():
        return out
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as fh:
            for m in read_po(fh):
                if not m.id or m.fuzzy:
                    continue
                key = m.id[0] if isinstance(m.id, (list, tuple)) else m.id
                raw = m.string if isinstance(m.string, (list, tuple)) else (m.string,)
                forms = tuple(str(f) for f in raw if f)
                if forms and len(forms) == len(raw):
                    out[key] = forms
    return out


_FIELD = re.compile(r"(?<!\{)\{([^{}!:]*)[^{}]*\}(?!\})")


def _fields(template: str) -> set[str]:
    return {m.group(1).split(".")[0].split("[")[0] for m in _FIELD.finditer(template)}


def _messages(finding: Finding, check: Check) -> Iterator[Message]:
    todo: list[Message] = [Message(check.title), finding.summary, *finding.details]
    if check.description:
        todo.append(Message(check.description))
    while todo:
        m = todo.pop()
        yield m
        todo.extend(v for v in m.params.values() if isinstance(v, Message))


def _message_problems(m: Message, where: str) -> list[str]:
    problems = []
    ids = _template_ids()
    for text in (m.msgid, m.plural):
        if text is not None and text not in ids:
            problems.append(f"{where}: {text!r} is in no .pot template")
    given = set(m.params)
    for text in (m.msgid, m.plural):
        if text is not None and not _fields(text) <= given:
            problems.append(f"{where}: {text!r} needs {sorted(_fields(text) - given)}")
    for lang in shipped_languages():
        if lang != "en":
            forms = _translations(lang).get(m.msgid)
            if forms is None:
                problems.append(f"{where} [{lang}]: {m.msgid!r} is not translated")
            else:
                for form in forms:
                    if not _fields(form) <= given:
                        problems.append(f"{where} [{lang}]: {form!r} needs "
                                        f"{sorted(_fields(form) - given)}")
                    try:
                        form.format_map({k: "x" for k in given})
                    except (ValueError, IndexError, KeyError, AttributeError) as exc:
                        problems.append(f"{where} [{lang}]: {form!r} does not format: {exc!r}")
        try:
            shown = translator(lang).render(m)
        except Exception as exc:  # noqa: BLE001 - rendering must never fail
            problems.append(f"{where} [{lang}]: rendering raised {exc!r}")
            continue
        if not shown.strip():
            problems.append(f"{where} [{lang}]: {m.msgid!r} renders empty")
    return problems


def _findings_of(check: Check, replayed: Sequence[Replay]) -> Iterator[tuple[str, Finding]]:
    for r in _of(replayed, check):
        yield r.where, r.finding
    for family in sorted(check.platforms):
        for kind in GARBAGE_KINDS:
            for where, got, _calls in garbage_runs(check.id, family, kind):
                if isinstance(got, Finding):
                    yield where, got


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_every_message_is_translatable_and_renders_in_every_language(
        check: Check, replayed: Sequence[Replay]) -> None:
    """Every finding from every fixture (and from the garbage above, which reaches the
    'could not tell' branches), in each shipped language."""
    assert {"en", "es", "ar"} <= set(shipped_languages())
    problems: list[str] = []
    seen: set[str] = set()
    for where, finding in _findings_of(check, replayed):
        for m in _messages(finding, check):
            key = repr(m)
            if key in seen:
                continue
            seen.add(key)
            problems += _message_problems(m, where)
        for e in finding.evidence:  # evidence is the machine's own words, never translated
            if not isinstance(e, Evidence):
                problems.append(f"{where}: evidence {e!r} is not an Evidence")
    assert not problems, "\n".join(sorted(set(problems))[:40])


# -- declared statuses and fixtures ---------------------------------------------------------

@functools.cache
def _shown_statuses() -> frozenset[tuple[str, str, Status]]:
    """(check id, system, status) of every fixture's replay, the runner's own verdicts and
    crashes left out: they are no fixture of a status the check gives."""
    return frozenset((r.check.id, r.family, r.finding.status) for r in replays()
                     if not r.by_runner)


@pytest.mark.parametrize(("check", "family", "status"), DECLARED_STATUSES,
                         ids=[f"{c.id}-{f}-{s.value}" for c, f, s in DECLARED_STATUSES])
def test_each_declared_status_has_a_fixture(check: Check, family: str, status: Status) -> None:
    assert (check.id, family, status) in _shown_statuses(), (
        f"no fixture under tests/fixtures/ replays {check.id} to {status.value} on {family}: "
        "add one (real output where a public source gives it, else a synthetic one from the "
        "topic's generator), or take the status out of the spec if it cannot happen there")


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_every_status_a_fixture_shows_is_declared(check: Check,
                                                  replayed: Sequence[Replay]) -> None:
    problems = []
    for r in _of(replayed, check):
        if _is_crash(check, r.finding):
            ev = "; ".join(e.text for e in r.finding.evidence)
            problems.append(f"{r.where}: the check crashed ({ev})")
        elif r.finding.not_checked is not None:
            problems.append(f"{r.where}: the runner decided ({r.finding.not_checked.value})")
        elif r.by_runner:
            continue  # recorded inside a sandbox: the engine's unknown, not the check's
        elif r.finding.status is Status.ERROR:
            continue  # a broken data file: the check's own error, deliberately undeclared
        elif r.finding.status not in check.statuses.get(r.family, frozenset()):
            problems.append(f"{r.where}: {r.finding.status.value} is not declared on {r.family}")
    assert not problems, "\n".join(problems)


# -- commands and files ---------------------------------------------------------------------

@functools.cache
def _engine_policy() -> Policy:
    return Policy(c for owner, cs in commands.declared().items()
                  if not owner.startswith("check:") for c in cs)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_every_command_it_runs_is_one_it_declared(check: Check,
                                                  replayed: Sequence[Replay]) -> None:
    own, engine = Policy(check.commands), _engine_policy()
    bad = sorted({f"{r.where}: {' '.join(argv)[:200]}" for r in _of(replayed, check)
                  for argv in r.calls if not own.allows(argv) and not engine.allows(argv)})
    assert not bad, f"commands {check.id} runs but did not declare:\n" + "\n".join(bad)


def glob_regex(pattern: str, home: str, windows: bool) -> re.Pattern[str]:
    """A spec's file glob as a regular expression over a path: ``~`` is the home folder,
    ``*`` and ``?`` stay inside one folder, ``**`` crosses folders (``x/**`` also matches
    ``x``). Windows paths compare with ``/`` and without case."""
    glob = _path(home + pattern[1:] if pattern.startswith("~") else pattern, windows)
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("/**", i):
            out.append("(?:/.*)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out), re.IGNORECASE if windows else 0)


def _path(path: str, windows: bool) -> str:
    return path.replace("\\", "/") if windows else path


def _undeclared_paths(r: Replay, globs: Sequence[str]) -> set[str]:
    windows = r.family == "windows"
    patterns = [glob_regex(g, r.home, windows) for g in globs]
    return {p for p in r.paths if not any(x.fullmatch(_path(p, windows)) for x in patterns)}


_EXEC = re.compile(r"^Exec\s*=(.*)$", re.MULTILINE)
_PROGRAM = re.compile(r"""(?:^|[\s"'])(/[^"'\s]+)""")


def _led_to(r: Replay) -> tuple[str, ...]:
    """The folders of the programs the desktop entries it read name in Exec= (a Tor Browser
    registered by start-tor-browser.desktop may be unpacked anywhere: no fixed glob can name
    its folder, but the entry that names it is declared, and reads under it are led there)."""
    out = []
    for text in r.entries.values():
        for program in (p for line in _EXEC.findall(text) for p in _PROGRAM.findall(line)):
            folder = program.rsplit("/", 1)[0]
            out.append(folder)
            if folder.endswith("/Browser"):  # Tor Browser's launcher: its unpacked folder
                out.append(folder[: -len("/Browser")])
    return tuple(f for f in out if f.count("/") >= 3)  # never a whole /usr or /home/amira


def _under(path: str, folders: Sequence[str]) -> bool:
    return any(path == f or path.startswith(f.rstrip("/") + "/") for f in folders)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_every_file_it_reads_is_one_it_declared(check: Check,
                                                replayed: Sequence[Replay]) -> None:
    bad = sorted({f"{r.where}: {p}" for r in _of(replayed, check)
                  for p in _undeclared_paths(r, check.files) if not _under(p, _led_to(r))})
    assert not bad, f"files {check.id} reads but did not declare:\n" + "\n".join(bad[:40])


def test_a_read_led_to_by_a_desktop_entry_is_accepted_only_under_its_program() -> None:
    r = Replay("f.json", CHECKS[0], "linux", "/home/amira", Finding(Status.UNKNOWN, msg("x")),
               entries={"/home/amira/.local/share/applications/t.desktop":
                        'Exec=sh -c \'"/home/amira/apps/tor-browser/Browser/start-tor-browser"\''
                        '\nExec="/home/amira/apps/tor-browser/Browser/start-tor-browser"\n'})
    folders = _led_to(r)
    assert _under("/home/amira/apps/tor-browser/Browser/application.ini", folders)
    assert not _under("/home/amira/apps/other/secret.txt", folders)
    assert not _under("/home/amira/apps/tor-browser-not", folders)


def test_the_glob_reading() -> None:
    home = "/home/amira"
    assert glob_regex("~/.config/x/*.desktop", home, False).fullmatch(
        "/home/amira/.config/x/a.desktop")
    assert not glob_regex("/etc/*.conf", home, False).fullmatch("/etc/a/b.conf")
    assert glob_regex("/opt/tor-browser/**", home, False).fullmatch("/opt/tor-browser")
    assert glob_regex("/opt/tor-browser/**", home, False).fullmatch("/opt/tor-browser/a/b")
    assert not glob_regex("/opt/tor-browser/**", home, False).fullmatch("/opt/tor-browsers")
    assert glob_regex("/**/applications/*.desktop", home, False).fullmatch(
        "/usr/share/applications/a.desktop")
    assert glob_regex("C:/Program Files/Tor Browser/**", r"C:\Users\amira", True).fullmatch(
        r"c:\program files\tor browser\Browser\application.ini".replace("\\", "/"))
    assert glob_regex("~/AppData/Local/x", r"C:\Users\amira", True).fullmatch(
        "C:/Users/amira/AppData/Local/X")
