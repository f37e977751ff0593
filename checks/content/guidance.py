"""Guidance articles and pages: a strict Markdown format, its parser and its renderers.

Files (the format is described for writers in ``resources/guidance/README.md``):

- ``resources/guidance/<lang>/<check-id>.md``: one article per check and language;
- ``resources/pages/<lang>/<name>.md``: free-standing pages ("what Checkup cannot see",
  the border checklist);
- ``resources/guidance/labels.json``: the headings and small words the renderers add.

``load_article`` and ``load_page`` parse a file into a dataclass or raise ``GuidanceError``
naming the file, the line and the problem. A language whose file is missing falls back to
English; a language whose file is *broken* does not (that is a bug to fix, not to hide).

The renderers produce plain HTML for Qt's rich-text subset (h1-h3, p, ul/ol/li, a, b, code;
no scripts, styles from the web or images) and plain text for the terminal. Principle ids
become ``principle:<id>`` links, other articles ``guidance:<id>`` and pages ``page:<name>``;
the window intercepts these. Each HTML renderer takes the same options (``fragment``: the
inside of ``<body>`` only; ``top_heading``: the level its title starts at; ``links=False``:
those links as plain text, for saved reports and paper), so that no caller cuts or rewrites
the HTML it gets. In right-to-left documents, left-to-right fragments (commands,
paths, menu names in Latin script) are wrapped in Unicode isolates so they are not scrambled.

Nothing here imports Qt.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from checks.content.principles import Principle, PrinciplesError, load_principles
from checks.engine.html_text import dir_attr, dir_value, esc, qt_document
from checks.engine.i18n import LANGUAGES, isolate
from checks.engine.resources import resource_path as _resource_path

GUIDANCE_LANGUAGES: tuple[str, ...] = tuple(LANGUAGES)
FALLBACK_LANGUAGE = "en"

OS_FAMILIES: tuple[str, ...] = ("windows", "macos", "linux")
SECTIONS: tuple[str, ...] = ("why", "principles", "fix", "verify", "before", "self-checks")
REQUIRED_SECTIONS: tuple[str, ...] = ("why", "principles", "fix", "verify", "before")
STATES: tuple[str, ...] = ("attention", "unknown", "not-applicable")
REQUIRED_STATES: tuple[str, ...] = ("unknown",)
DIFFICULTIES: tuple[str, ...] = ("easy", "moderate", "hard")
LINK_KINDS: tuple[str, ...] = ("principle", "guidance", "page")

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SELF_CHECK_ID_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")  # as the checks record them
_OS_KEY_RE = re.compile(r"^(?P<family>windows|macos|linux)(?:-(?P<variant>[a-z0-9]+))?$")
_PRINCIPLE_ID_RE = re.compile(r"^[a-z][a-z0-9]*-[0-9]+(?:\.[0-9]+)?$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBERED_RE = re.compile(r"^(\d+)\.\s+(.*)$")
_CHECKBOX_RE = re.compile(r"^\[ \]\s+(.*)$")
_FIELD_RE = re.compile(r"^([a-z][a-z-]*):(?:\s+(.*))?$")
_INLINE_RE = re.compile(
    r"`(?P<code>[^`]+)`"
    r"|\*\*(?P<bold>[^*`]+?)\*\*"
    r"|\[(?P<ltext>[^\]\[`*]+)\]\((?P<lkind>[a-z]+):(?P<ltarget>[A-Za-z0-9._-]+)\)"
)
# A run of left-to-right (Latin-script) text inside right-to-left text: isolate it.
# Brackets are left out so that a pair split between Arabic and Latin text stays balanced.
_LATIN = "A-Za-z\u00c0-\u024f"  # Basic Latin and the accented Latin letters (Déjà Dup)
_LTR_RUN_RE = re.compile(
    rf"[{_LATIN}0-9][{_LATIN}0-9 .,:;/\\_>+&@#%=~'|!?-]*[{_LATIN}0-9]"
    rf"|[{_LATIN}]"
)


class GuidanceError(ValueError):
    """A guidance file is malformed; the message names the file, the line and the problem."""


# --------------------------------------------------------------------------- data model


@dataclass(frozen=True)
class FixSteps:
    """How to fix the finding on one OS (or one variant such as ``linux-kde``)."""

    steps: list[str]
    time: str
    difficulty: str  # one of DIFFICULTIES
    have_ready: list[str]
    label: str = ""  # heading for this OS or variant, in the article's language
    notes: list[str] = field(default_factory=list)  # paragraphs shown after the steps


@dataclass(frozen=True)
class Article:
    """One guidance article, in one language."""

    check_id: str
    lang: str  # the language of the text actually loaded (English after a fallback)
    title: str
    why: list[str]
    principles: list[tuple[str, str]]  # (principle id, how it applies here)
    fix: dict[str, FixSteps]  # os key -> steps, in file order
    verify: dict[str, list[str]]  # os key -> steps, in file order
    before: list[str]
    states: dict[str, list[str]]  # "attention" / "unknown" / "not-applicable" -> paragraphs
    self_checks: list[tuple[str, str]] = field(default_factory=list)  # (id, text)
    platforms: tuple[str, ...] = OS_FAMILIES
    fix_intro: list[str] = field(default_factory=list)
    verify_labels: dict[str, str] = field(default_factory=dict)
    reviewed: str = ""  # ISO date the facts were last checked
    requested_lang: str = ""  # the language asked for

    @property
    def fell_back(self) -> bool:
        return bool(self.requested_lang) and self.requested_lang != self.lang

    def principle_ids(self) -> list[str]:
        return [pid for pid, _ in self.principles]

    def fix_for(self, os_family: str) -> dict[str, FixSteps]:
        return {k: v for k, v in self.fix.items() if os_family_of(k) == os_family}

    def verify_for(self, os_family: str) -> dict[str, list[str]]:
        return {k: v for k, v in self.verify.items() if os_family_of(k) == os_family}

    def covers(self, os_family: str) -> bool:
        return bool(self.fix_for(os_family)) and bool(self.verify_for(os_family))


@dataclass(frozen=True)
class Block:
    """A block of a page: a paragraph, or a bullet, numbered or check list."""

    kind: str  # "paragraph" | "bullets" | "numbered" | "checklist"
    items: list[str]  # one item for a paragraph


@dataclass(frozen=True)
class PageSection:
    heading: str
    blocks: list[Block]


@dataclass(frozen=True)
class Page:
    name: str
    lang: str
    title: str
    intro: list[Block]
    sections: list[PageSection]
    reviewed: str = ""
    sources: list[str] = field(default_factory=list)
    requested_lang: str = ""

    @property
    def fell_back(self) -> bool:
        return bool(self.requested_lang) and self.requested_lang != self.lang


def os_family_of(os_key: str) -> str:
    """``linux-kde`` -> ``linux``; ``windows`` -> ``windows``."""
    return os_key.split("-", 1)[0]


# --------------------------------------------------------------------------- locating files


def _norm_lang(lang: str | None) -> str:
    code = (lang or FALLBACK_LANGUAGE).replace("-", "_").split("_")[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else FALLBACK_LANGUAGE


def content_lang(lang: str | None) -> str:
    """The shipped language guidance is shown in for ``lang`` (``ar_EG`` -> ``ar``); English
    for any other, the pseudo-locale included. Its direction is that of the text shown:
    ``checks.engine.i18n.text_direction(content_lang(lang))``."""
    base = (lang or FALLBACK_LANGUAGE).replace("-", "_").split("_")[0]
    return base if base in LANGUAGES else FALLBACK_LANGUAGE


def _guidance_dir(root: Path | None) -> Path:
    return root if root is not None else _resource_path("guidance")


def _pages_dir(root: Path | None) -> Path:
    return root if root is not None else _resource_path("pages")


def _pick(folder: Path, name: str, lang: str) -> tuple[Path, str]:
    """The file for ``lang``, or the English one when that language has none."""
    path = folder / lang / f"{name}.md"
    if path.is_file():
        return path, lang
    return folder / FALLBACK_LANGUAGE / f"{name}.md", FALLBACK_LANGUAGE


def _read(path: Path, what: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise GuidanceError(f"{what}: no file {path}") from exc
    except OSError as exc:
        raise GuidanceError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GuidanceError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


def list_articles(lang: str | None = None, *, root: Path | None = None) -> list[str]:
    """Check ids that have an article (in ``lang`` or, failing that, in English)."""
    folder = _guidance_dir(root)
    ids = {p.stem for p in (folder / FALLBACK_LANGUAGE).glob("*.md")}
    if lang:
        ids |= {p.stem for p in (folder / _norm_lang(lang)).glob("*.md")}
    return sorted(i for i in ids if _ID_RE.match(i))


def article_languages(*, root: Path | None = None) -> list[str]:
    """Languages that have an article folder."""
    folder = _guidance_dir(root)
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def list_pages(lang: str | None = None, *, root: Path | None = None) -> list[str]:
    folder = _pages_dir(root)
    names = {p.stem for p in (folder / FALLBACK_LANGUAGE).glob("*.md")}
    if lang:
        names |= {p.stem for p in (folder / _norm_lang(lang)).glob("*.md")}
    return sorted(n for n in names if _ID_RE.match(n))


# --------------------------------------------------------------------------- inline markup


def _check_inline(text: str, where: str) -> None:
    """Refuse markup the renderers would leave behind."""
    rest = _INLINE_RE.sub(" ", text)
    problems = []
    if "`" in rest:
        problems.append("an unmatched backtick")
    if "*" in rest:
        problems.append("a stray '*' (only **bold** is allowed)")
    if "](" in rest:
        problems.append("a link that is not [text](principle:|guidance:|page:<id>)")
    if re.search(r"<[A-Za-z/!]", rest):
        problems.append("raw HTML (write commands and placeholders inside `backticks`)")
    if problems:
        raise GuidanceError(f"{where}: {', '.join(problems)}")
    for m in _INLINE_RE.finditer(text):
        if m.group("lkind") is not None and m.group("lkind") not in LINK_KINDS:
            raise GuidanceError(
                f"{where}: link kind {m.group('lkind')!r} not allowed "
                f"(use one of {', '.join(LINK_KINDS)}; no web links: write addresses as `code`)"
            )


def inline_tokens(text: str) -> list[tuple[str, str, str]]:
    """Split inline markup into (kind, text, target): kind is text, code, bold or link."""
    out: list[tuple[str, str, str]] = []
    pos = 0
    for m in _INLINE_RE.finditer(text):
        if m.start() > pos:
            out.append(("text", text[pos : m.start()], ""))
        if m.group("code") is not None:
            out.append(("code", m.group("code"), ""))
        elif m.group("bold") is not None:
            out.append(("bold", m.group("bold"), ""))
        else:
            out.append(("link", m.group("ltext"), f"{m.group('lkind')}:{m.group('ltarget')}"))
        pos = m.end()
    if pos < len(text):
        out.append(("text", text[pos:], ""))
    return out


def links_in(text: str) -> list[str]:
    """The ``kind:target`` links in a text."""
    return [t for k, _, t in inline_tokens(text) if k == "link"]


# --------------------------------------------------------------------------- block parsing


@dataclass
class _Line:
    no: int
    text: str


@dataclass
class _RawBlock:
    kind: str  # paragraph | bullets | numbered | checklist | field | listkey
    items: list[str]
    line: int
    key: str = ""
    numbers: list[int] = field(default_factory=list)


def _blocks(lines: Sequence[_Line], path: Path, field_keys: Iterable[str] = (),
            list_keys: Iterable[str] = ()) -> list[_RawBlock]:
    """Paragraphs, lists and (when allowed) ``key: value`` / ``key:`` lines, in order."""
    fields, lists = set(field_keys), set(list_keys)
    out: list[_RawBlock] = []
    cur: _RawBlock | None = None

    def close() -> None:
        nonlocal cur
        if cur is not None:
            out.append(cur)
        cur = None

    for ln in lines:
        raw = ln.text.rstrip()
        stripped = raw.strip()
        where = f"{path}:{ln.no}"
        if not stripped:
            if cur is not None and cur.kind == "paragraph":
                close()
            continue
        if stripped.startswith("#"):
            raise GuidanceError(f"{where}: unexpected heading {stripped!r} here")
        indented = raw.startswith("  ") or raw.startswith("\t")
        fm = _FIELD_RE.match(stripped) if not indented else None
        if fm and (fm.group(1) in fields or fm.group(1) in lists):
            close()
            key, value = fm.group(1), (fm.group(2) or "").strip()
            if key in lists:
                if value:
                    raise GuidanceError(f"{where}: '{key}:' must be followed by a list, not text")
                out.append(_RawBlock("listkey", [], ln.no, key))
            else:
                if not value:
                    raise GuidanceError(f"{where}: '{key}:' needs a value on the same line")
                _check_inline(value, where)
                out.append(_RawBlock("field", [value], ln.no, key))
            continue
        if not indented and stripped.startswith("- "):
            item = stripped[2:].strip()
            cb = _CHECKBOX_RE.match(item)
            kind = "checklist" if cb else "bullets"
            if cb:
                item = cb.group(1).strip()
            if not item:
                raise GuidanceError(f"{where}: empty list item")
            if cur is None or cur.kind != kind:
                close()
                cur = _RawBlock(kind, [], ln.no)
            cur.items.append(item)
            continue
        nm = _NUMBERED_RE.match(stripped) if not indented else None
        if nm:
            if cur is None or cur.kind != "numbered":
                close()
                cur = _RawBlock("numbered", [], ln.no)
            cur.items.append(nm.group(2).strip())
            cur.numbers.append(int(nm.group(1)))
            continue
        if indented and cur is not None and cur.kind in ("bullets", "numbered", "checklist"):
            cur.items[-1] = f"{cur.items[-1]} {stripped}"
            continue
        if cur is not None and cur.kind == "paragraph":
            cur.items[0] = f"{cur.items[0]} {stripped}"
            continue
        close()
        cur = _RawBlock("paragraph", [stripped], ln.no)
    close()
    for b in out:
        for item in b.items:
            _check_inline(item, f"{path}:{b.line}")
        if b.kind == "numbered" and b.numbers != list(range(1, len(b.numbers) + 1)):
            raise GuidanceError(
                f"{path}:{b.line}: numbered steps must run 1, 2, 3 … (found {b.numbers})"
            )
    return out


def _split(lines: Sequence[_Line], marker: str) -> tuple[list[_Line], list[tuple[_Line, list[_Line]]]]:
    """Lines before the first ``marker`` heading, then (heading line, body) pairs."""
    head: list[_Line] = []
    parts: list[tuple[_Line, list[_Line]]] = []
    for ln in lines:
        if ln.text.startswith(marker + " ") or ln.text.rstrip() == marker:
            parts.append((ln, []))
        elif parts:
            parts[-1][1].append(ln)
        else:
            head.append(ln)
    return head, parts


def _only_paragraphs(blocks: list[_RawBlock], path: Path, what: str) -> list[str]:
    out = []
    for b in blocks:
        if b.kind != "paragraph":
            raise GuidanceError(f"{path}:{b.line}: {what} takes paragraphs only, found a {b.kind}")
        out.append(b.items[0])
    return out


def _header(head: Sequence[_Line], path: Path, keys: Sequence[str],
            repeatable: Sequence[str] = ()) -> tuple[str, dict[str, list[str]]]:
    """``# Title`` then ``key: value`` lines."""
    title = ""
    values: dict[str, list[str]] = {}
    for ln in head:
        text = ln.text.strip()
        if not text:
            continue
        where = f"{path}:{ln.no}"
        if not title:
            if not text.startswith("# ") or text.startswith("##"):
                raise GuidanceError(f"{where}: the file must start with '# Title'")
            title = text[2:].strip()
            _check_inline(title, where)
            if not title:
                raise GuidanceError(f"{where}: the title is empty")
            continue
        m = _FIELD_RE.match(text)
        if not m or m.group(1) not in keys:
            raise GuidanceError(
                f"{where}: expected one of {', '.join(k + ':' for k in keys)} "
                f"before the first section, found {text!r}"
            )
        key, value = m.group(1), (m.group(2) or "").strip()
        if not value:
            raise GuidanceError(f"{where}: '{key}:' needs a value")
        if key in values and key not in repeatable:
            raise GuidanceError(f"{where}: '{key}:' given twice")
        values.setdefault(key, []).append(value)
    if not title:
        raise GuidanceError(f"{path}: the file must start with '# Title'")
    return title, values


# --------------------------------------------------------------------------- articles


def parse_article(text: str, check_id: str, lang: str, path: Path | None = None) -> Article:
    """Parse one article; raise GuidanceError on anything the format does not allow."""
    where = path or Path(f"<{lang}/{check_id}.md>")
    lines = [_Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]
    head, sections = _split(lines, "##")
    title, meta = _header(head, where, ("check", "platforms", "reviewed"))
    if meta.get("check", [""])[0] != check_id:
        raise GuidanceError(
            f"{where}: 'check:' must be {check_id!r} (the file name), "
            f"found {meta.get('check', ['nothing'])[0]!r}"
        )
    platforms = tuple(p.strip() for p in meta.get("platforms", [""])[0].split(",") if p.strip())
    if not platforms:
        raise GuidanceError(f"{where}: 'platforms:' is missing (e.g. 'platforms: windows, macos, linux')")
    bad = [p for p in platforms if p not in OS_FAMILIES]
    if bad or len(set(platforms)) != len(platforms):
        raise GuidanceError(f"{where}: 'platforms:' must list distinct values of {OS_FAMILIES}")
    reviewed = meta.get("reviewed", [""])[0]
    if reviewed and not _DATE_RE.match(reviewed):
        raise GuidanceError(f"{where}: 'reviewed:' must be a date like 2026-11-23")

    seen: dict[str, tuple[_Line, list[_Line]]] = {}
    order: list[str] = []
    for heading, body in sections:
        name = heading.text[2:].strip().lower()
        if name not in SECTIONS:
            raise GuidanceError(
                f"{where}:{heading.no}: unknown section {name!r}; sections are {', '.join(SECTIONS)}"
            )
        if name in seen:
            raise GuidanceError(f"{where}:{heading.no}: section {name!r} appears twice")
        seen[name] = (heading, body)
        order.append(name)
    missing = [s for s in REQUIRED_SECTIONS if s not in seen]
    if missing:
        raise GuidanceError(f"{where}: missing section(s): {', '.join('## ' + m for m in missing)}")
    expected = [s for s in SECTIONS if s in seen]
    if order != expected:
        raise GuidanceError(f"{where}: sections must come in this order: {', '.join(expected)}")

    def section_blocks(name: str, **kw: Iterable[str]) -> list[_RawBlock]:
        heading, body = seen[name]
        sub_head, subs = _split(body, "###")
        if subs:
            raise GuidanceError(f"{where}:{subs[0][0].no}: '## {name}' takes no '###' subsections")
        return _blocks(sub_head, where, **kw)

    # why
    why = _only_paragraphs(section_blocks("why"), where, "'## why'")
    if not why:
        raise GuidanceError(f"{where}: '## why' is empty")

    # principles
    principles: list[tuple[str, str]] = []
    for b in section_blocks("principles"):
        if b.kind != "bullets":
            raise GuidanceError(f"{where}:{b.line}: '## principles' takes a '- id: sentence' list only")
        for item in b.items:
            pid, sep, sentence = item.partition(":")
            pid = pid.strip()
            if not sep or not _PRINCIPLE_ID_RE.match(pid) or not sentence.strip():
                raise GuidanceError(
                    f"{where}:{b.line}: principle items are '- <id>: <one sentence>', found {item!r}"
                )
            if pid in (p for p, _ in principles):
                raise GuidanceError(f"{where}:{b.line}: principle {pid} is cited twice")
            principles.append((pid, sentence.strip()))
    if not principles:
        raise GuidanceError(f"{where}: '## principles' is empty")

    # fix
    fix_heading, fix_body = seen["fix"]
    fix_head, fix_subs = _split(fix_body, "###")
    fix_intro = _only_paragraphs(_blocks(fix_head, where), where, "the text before the first OS")
    fix: dict[str, FixSteps] = {}
    for heading, body in fix_subs:
        key = heading.text[3:].strip()
        fix[_os_key(key, platforms, fix, where, heading.no, "fix")] = _fix_steps(
            key, body, where, heading.no
        )

    # verify
    _, verify_body = seen["verify"]
    verify_head, verify_subs = _split(verify_body, "###")
    if _blocks(verify_head, where):
        raise GuidanceError(f"{where}: '## verify' starts with '### <os>' subsections")
    verify: dict[str, list[str]] = {}
    verify_labels: dict[str, str] = {}
    for heading, body in verify_subs:
        key = _os_key(heading.text[3:].strip(), platforms, verify, where, heading.no, "verify")
        label, steps = _verify_steps(key, body, where, heading.no)
        verify[key] = steps
        if label:
            verify_labels[key] = label
        elif key in fix and fix[key].label:
            verify_labels[key] = fix[key].label
        elif os_family_of(key) != key:
            raise GuidanceError(f"{where}:{heading.no}: variant '{key}' needs a 'label:' line")

    for fam in platforms:
        if not any(os_family_of(k) == fam for k in fix):
            raise GuidanceError(f"{where}: '## fix' has no steps for {fam} (add '### {fam}')")
        if not any(os_family_of(k) == fam for k in verify):
            raise GuidanceError(f"{where}: '## verify' has no steps for {fam} (add '### {fam}')")

    # before
    _, before_body = seen["before"]
    before_head, state_subs = _split(before_body, "###")
    before = _only_paragraphs(_blocks(before_head, where), where, "'## before'")
    if not before:
        raise GuidanceError(f"{where}: '## before' needs at least one paragraph before its states")
    states: dict[str, list[str]] = {}
    for heading, body in state_subs:
        state = heading.text[3:].strip()
        if state not in STATES:
            raise GuidanceError(
                f"{where}:{heading.no}: unknown state {state!r}; use {', '.join(STATES)}"
            )
        if state in states:
            raise GuidanceError(f"{where}:{heading.no}: state {state!r} appears twice")
        paras = _only_paragraphs(_blocks(body, where), where, f"'### {state}'")
        if not paras:
            raise GuidanceError(f"{where}:{heading.no}: '### {state}' is empty")
        states[state] = paras
    for state in REQUIRED_STATES:
        if state not in states:
            raise GuidanceError(f"{where}: '## before' needs a '### {state}' subsection")

    # self-checks
    self_checks: list[tuple[str, str]] = []
    if "self-checks" in seen:
        for b in section_blocks("self-checks"):
            if b.kind != "bullets":
                raise GuidanceError(f"{where}:{b.line}: '## self-checks' takes a '- id: text' list")
            for item in b.items:
                sid, sep, body_text = item.partition(":")
                sid = sid.strip()
                if not sep or not _SELF_CHECK_ID_RE.match(sid) or not body_text.strip():
                    raise GuidanceError(
                        f"{where}:{b.line}: self-check items are '- <id>: <text>', found {item!r}"
                    )
                if sid in (s for s, _ in self_checks):
                    raise GuidanceError(f"{where}:{b.line}: self-check {sid} appears twice")
                self_checks.append((sid, body_text.strip()))
        if not self_checks:
            raise GuidanceError(f"{where}: '## self-checks' is empty")

    return Article(
        check_id=check_id,
        lang=lang,
        title=title,
        why=why,
        principles=principles,
        fix=fix,
        verify=verify,
        before=before,
        states=states,
        self_checks=self_checks,
        platforms=platforms,
        fix_intro=fix_intro,
        verify_labels=verify_labels,
        reviewed=reviewed,
        requested_lang=lang,
    )


def _os_key(key: str, platforms: Sequence[str], seen: Mapping[str, object], where: Path,
            line: int, section: str) -> str:
    m = _OS_KEY_RE.match(key)
    if not m:
        raise GuidanceError(
            f"{where}:{line}: '### {key}' is not an OS key "
            "(windows, macos, linux, or a variant such as linux-kde)"
        )
    if m.group("family") not in platforms:
        raise GuidanceError(
            f"{where}:{line}: '### {key}' is for {m.group('family')}, "
            f"which is not in 'platforms:' ({', '.join(platforms)})"
        )
    if key in seen:
        raise GuidanceError(f"{where}:{line}: '### {key}' appears twice in '## {section}'")
    return key


def _fix_steps(key: str, body: Sequence[_Line], where: Path, line: int) -> FixSteps:
    blocks = _blocks(body, where, field_keys=("label", "time", "difficulty"),
                     list_keys=("ready", "steps", "notes"))
    fields: dict[str, str] = {}
    ready: list[str] | None = None
    steps: list[str] | None = None
    notes: list[str] = []
    expecting: str = ""
    in_notes = False
    for b in blocks:
        if b.kind == "field":
            if b.key in fields:
                raise GuidanceError(f"{where}:{b.line}: '{b.key}:' given twice for {key}")
            fields[b.key] = b.items[0]
        elif b.kind == "listkey":
            if b.key == "notes" and (steps is None or in_notes):
                raise GuidanceError(f"{where}:{b.line}: 'notes:' comes once, after 'steps:'")
            if b.key == "notes":
                in_notes, expecting = True, ""
            else:
                expecting = b.key
        elif in_notes:
            if b.kind != "paragraph":
                raise GuidanceError(f"{where}:{b.line}: 'notes:' takes paragraphs only")
            notes.append(b.items[0])
        elif expecting == "ready" and b.kind == "bullets":
            if ready is not None:
                raise GuidanceError(f"{where}:{b.line}: 'ready:' given twice for {key}")
            ready, expecting = list(b.items), ""
        elif expecting == "steps" and b.kind == "numbered":
            if steps is not None:
                raise GuidanceError(f"{where}:{b.line}: 'steps:' given twice for {key}")
            steps, expecting = list(b.items), ""
        elif expecting:
            want = "a '- ' list" if expecting == "ready" else "a '1. ' numbered list"
            raise GuidanceError(f"{where}:{b.line}: '{expecting}:' must be followed by {want}")
        else:
            raise GuidanceError(
                f"{where}:{b.line}: in '### {key}', write label:/time:/difficulty:, then "
                "'ready:' with a '- ' list, then 'steps:' with a numbered list, then optionally "
                f"'notes:' with paragraphs (found a {b.kind} here)"
            )
    if expecting:
        raise GuidanceError(f"{where}:{line}: '{expecting}:' in '### {key}' has no list after it")
    for needed in ("time", "difficulty"):
        if needed not in fields:
            raise GuidanceError(f"{where}:{line}: '### {key}' needs a '{needed}:' line")
    if fields["difficulty"] not in DIFFICULTIES:
        raise GuidanceError(
            f"{where}:{line}: difficulty must be one of {', '.join(DIFFICULTIES)}, "
            f"found {fields['difficulty']!r}"
        )
    if not ready:
        raise GuidanceError(f"{where}:{line}: '### {key}' needs 'ready:' with a '- ' list")
    if not steps:
        raise GuidanceError(f"{where}:{line}: '### {key}' needs 'steps:' with a numbered list")
    label = fields.get("label", "")
    if os_family_of(key) != key and not label:
        raise GuidanceError(f"{where}:{line}: variant '### {key}' needs a 'label:' line")
    return FixSteps(steps=steps, time=fields["time"], difficulty=fields["difficulty"],
                    have_ready=ready, label=label, notes=notes)


def _verify_steps(key: str, body: Sequence[_Line], where: Path, line: int) -> tuple[str, list[str]]:
    blocks = _blocks(body, where, field_keys=("label",))
    label = ""
    steps: list[str] | None = None
    for b in blocks:
        if b.kind == "field" and not label and steps is None:
            label = b.items[0]
        elif b.kind == "numbered" and steps is None:
            steps = list(b.items)
        else:
            raise GuidanceError(
                f"{where}:{b.line}: '### {key}' in '## verify' takes an optional 'label:' "
                f"and one numbered list (found a {b.kind})"
            )
    if not steps:
        raise GuidanceError(f"{where}:{line}: '### {key}' in '## verify' needs a numbered list")
    return label, steps


@lru_cache(maxsize=256)
def _parse_cached(path_str: str, stamp: int, check_id: str, lang: str) -> Article:
    path = Path(path_str)
    return parse_article(_read(path, f"guidance {check_id!r}"), check_id, lang, path)


def load_article(check_id: str, lang: str = FALLBACK_LANGUAGE, *, root: Path | None = None) -> Article:
    """The article for a check in ``lang``; English when that language has no file.

    Raises GuidanceError for an unknown check id (no English file either) or a malformed file.
    """
    if not _ID_RE.match(check_id or ""):
        raise GuidanceError(f"{check_id!r} is not a check id")
    want = _norm_lang(lang)
    path, got = _pick(_guidance_dir(root), check_id, want)
    if not path.is_file():
        raise GuidanceError(f"no guidance article for {check_id!r} (looked for {path})")
    article = _parse_cached(str(path), _mtime(path), check_id, got)
    if want != got:
        return _replace_requested(article, want)
    return article


def _replace_requested(article: Article, requested: str) -> Article:
    from dataclasses import replace

    return replace(article, requested_lang=requested)


def articles_citing(principle_id: str, lang: str = FALLBACK_LANGUAGE, *,
                    root: Path | None = None) -> list[str]:
    """Check ids whose article (in ``lang``, else English) cites the principle."""
    out = []
    for cid in list_articles(lang, root=root):
        if principle_id in load_article(cid, lang, root=root).principle_ids():
            out.append(cid)
    return out


# --------------------------------------------------------------------------- pages


def parse_page(text: str, name: str, lang: str, path: Path | None = None) -> Page:
    where = path or Path(f"<{lang}/{name}.md>")
    lines = [_Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]
    head, parts = _split(lines, "##")
    # the header is the title and its key lines; whatever follows is the page's intro
    title_and_meta: list[_Line] = []
    intro_lines: list[_Line] = []
    for ln in head:
        stripped = ln.text.strip()
        fm = _FIELD_RE.match(stripped)
        is_meta = (
            not stripped
            or stripped.startswith("# ")
            or (fm is not None and fm.group(1) in ("page", "reviewed", "source"))
        )
        if is_meta and not intro_lines:
            title_and_meta.append(ln)
        else:
            intro_lines.append(ln)
    title, meta = _header(title_and_meta, where, ("page", "reviewed", "source"), ("source",))
    if meta.get("page", [""])[0] != name:
        raise GuidanceError(f"{where}: 'page:' must be {name!r} (the file name)")
    reviewed = meta.get("reviewed", [""])[0]
    if reviewed and not _DATE_RE.match(reviewed):
        raise GuidanceError(f"{where}: 'reviewed:' must be a date like 2026-11-23")
    sources = meta.get("source", [])
    if sources and not reviewed:
        raise GuidanceError(f"{where}: a page with 'source:' lines needs a 'reviewed:' date")
    for s in sources:
        _check_inline(s, str(where))
    intro = [Block(b.kind, b.items) for b in _blocks(intro_lines, where)]
    sections: list[PageSection] = []
    for heading, body in parts:
        htext = heading.text[2:].strip()
        if not htext:
            raise GuidanceError(f"{where}:{heading.no}: empty section heading")
        _check_inline(htext, f"{where}:{heading.no}")
        sub_head, subs = _split(body, "###")
        if subs:
            raise GuidanceError(f"{where}:{subs[0][0].no}: pages use '##' headings only")
        blocks = [Block(b.kind, b.items) for b in _blocks(sub_head, where)]
        if not blocks:
            raise GuidanceError(f"{where}:{heading.no}: section {htext!r} is empty")
        sections.append(PageSection(htext, blocks))
    if not sections and not intro:
        raise GuidanceError(f"{where}: the page has no content")
    return Page(name=name, lang=lang, title=title, intro=intro, sections=sections,
                reviewed=reviewed, sources=sources, requested_lang=lang)


@lru_cache(maxsize=64)
def _parse_page_cached(path_str: str, stamp: int, name: str, lang: str) -> Page:
    path = Path(path_str)
    return parse_page(_read(path, f"page {name!r}"), name, lang, path)


def load_page(name: str, lang: str = FALLBACK_LANGUAGE, *, root: Path | None = None) -> Page:
    """A page ("cannot-see", "border-checklist") in ``lang``; English when that file is missing."""
    if not _ID_RE.match(name or ""):
        raise GuidanceError(f"{name!r} is not a page name")
    want = _norm_lang(lang)
    path, got = _pick(_pages_dir(root), name, want)
    if not path.is_file():
        raise GuidanceError(f"no page {name!r} (looked for {path})")
    page = _parse_page_cached(str(path), _mtime(path), name, got)
    if want != got:
        from dataclasses import replace

        return replace(page, requested_lang=want)
    return page


# --------------------------------------------------------------------------- labels


@lru_cache(maxsize=8)
def _labels_cached(path_str: str, stamp: int) -> dict[str, dict[str, str]]:
    path = Path(path_str)
    try:
        data: Any = json.loads(_read(path, "labels"))
    except json.JSONDecodeError as exc:
        raise GuidanceError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    if not isinstance(data, dict) or not isinstance(data.get(FALLBACK_LANGUAGE), dict):
        raise GuidanceError(f"{path}: must map each language to its labels, English included")
    english = data[FALLBACK_LANGUAGE]
    out: dict[str, dict[str, str]] = {}
    for lang, table in data.items():
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in table.items()
        ):
            raise GuidanceError(f"{path}: labels for {lang!r} must map names to non-empty texts")
        missing = set(english) - set(table)
        if missing:
            raise GuidanceError(f"{path}: {lang!r} lacks labels {sorted(missing)}")
        out[lang] = dict(table)
    return out


def labels(lang: str, *, root: Path | None = None) -> dict[str, str]:
    """The renderer's headings and small words in ``lang`` (English when not translated)."""
    path = _guidance_dir(root) / "labels.json"
    table = _labels_cached(str(path), _mtime(path))
    return table.get(_norm_lang(lang), table[FALLBACK_LANGUAGE])


def os_label(os_key: str, lang: str, article: Article | None = None, *,
             root: Path | None = None) -> str:
    """Heading for an OS key: the article's own label for variants, else the OS name."""
    if article is not None:
        if os_key in article.fix and article.fix[os_key].label:
            return article.fix[os_key].label
        if os_key in article.verify_labels:
            return article.verify_labels[os_key]
    return labels(lang, root=root).get(f"os.{os_family_of(os_key)}", os_key)


# --------------------------------------------------------------------------- rendering helpers


def _isolate_ltr(text: str) -> str:
    """Wrap each Latin-script run of an RTL text in first-strong isolates."""
    return _LTR_RUN_RE.sub(lambda m: isolate(m.group(0)), text)


def inline_html(text: str, rtl: bool, *, links: bool = True) -> str:
    """Inline markup -> HTML; with ``links=False`` link texts are plain (paper cannot follow
    them)."""
    out = []
    for kind, value, target in inline_tokens(text):
        if kind == "code":
            inner = esc(isolate(value) if rtl else value, quote=False)
            out.append(f"<code>{inner}</code>")
            continue
        shown = _isolate_ltr(value) if rtl else value
        escaped = esc(shown, quote=False)
        if kind == "bold":
            out.append(f"<b>{escaped}</b>")
        elif kind == "link" and links:
            out.append(f'<a href="{esc(target)}">{escaped}</a>')
        else:
            out.append(escaped)
    return "".join(out)


def _inline_text(text: str) -> str:
    return "".join(value for _, value, _ in inline_tokens(text))


class _Html:
    """One HTML output being built, with the caller's options (``render_options``)."""

    def __init__(self, rtl: bool, *, fragment: bool = False, top_heading: int = 1,
                 links: bool = True) -> None:
        if not 1 <= top_heading <= 4:
            raise ValueError(f"top_heading must be 1-4, not {top_heading}")
        self.rtl = rtl
        self.fragment = fragment
        self.top_heading = top_heading
        self.links = links
        self.parts: list[str] = []

    def _attr(self) -> str:
        return dir_attr(self.rtl)

    def inline(self, text: str) -> str:
        return inline_html(text, self.rtl, links=self.links)

    def h(self, level: int) -> str:
        """The tag of a heading ``level`` levels from the top (1: the title)."""
        return f"h{self.top_heading + level - 1}"

    def heading(self, level: int, inline: str) -> None:
        self.tag(self.h(level), inline)

    def link(self, target: str, inner_html: str) -> str:
        """A window link (``principle:``, ``guidance:``, ``page:``) around ``inner_html``, or
        the inner HTML alone when links are off."""
        return f'<a href="{esc(target)}">{inner_html}</a>' if self.links else inner_html

    def tag(self, tag: str, inline: str) -> None:
        self.parts.append(f"<{tag}{self._attr()}>{self.inline(inline)}</{tag}>")

    def raw(self, fragment: str) -> None:
        self.parts.append(fragment)

    def para(self, text: str) -> None:
        self.tag("p", text)

    def items(self, tag: str, items: Iterable[str], prefix: str = "", style: str = "") -> None:
        lis = "".join(
            f"<li{self._attr()}>{prefix}{self.inline(i)}</li>" for i in items
        )
        css = f' style="{style}"' if style else ""
        self.parts.append(f"<{tag}{self._attr()}{css}>{lis}</{tag}>")

    def block(self, b: Block) -> None:
        if b.kind == "paragraph":
            self.para(b.items[0])
        elif b.kind == "bullets":
            self.items("ul", b.items)
        elif b.kind == "numbered":
            self.items("ol", b.items)
        else:  # checklist: a box to tick on paper instead of a bullet
            self.items("ul", b.items, prefix="\u2610 ", style="list-style-type: none")

    def document(self, title: str, lang: str) -> str:
        """The whole document, or with ``fragment`` what goes inside its ``<body>``."""
        body = "\n".join(self.parts)
        if self.fragment:
            return body
        return qt_document(lang, dir_value(self.rtl), _inline_text(title), body)


def _ordered_keys(keys: Iterable[str], os_family: str | None, all_os: bool) -> list[str]:
    keys = list(keys)
    if os_family is None:
        return keys
    mine = [k for k in keys if os_family_of(k) == os_family]
    if not mine:  # the article does not cover this OS: show what there is
        return keys
    others = [k for k in keys if os_family_of(k) != os_family]
    return mine + others if all_os else mine


def _principle_titles(lang: str) -> dict[str, str]:
    try:
        return {p.id: p.title for p in load_principles(lang)}
    except PrinciplesError:
        return {}


# The article whose "states" are the person's answers to the questionnaire, not a check's.
ANSWERS_ARTICLE = "self-assessment"


def _state_heading(lab: Mapping[str, str], state: str, article: Article | None = None) -> str:
    if article is not None and article.check_id == ANSWERS_ARTICLE:
        answer = lab.get(f"answer.{state}")
        if answer:
            return answer  # 'If you answered "Not sure"': the window shows that, not a status
    return lab.get(f"state.{state}", state)


ARTICLE_SECTIONS: tuple[str, ...] = ("why", "principles", "fix", "verify", "before", "self-checks")


# --------------------------------------------------------------------------- article renderers


def render_article_html(
    article: Article,
    os_family: str | None,
    all_os: bool = False,
    lang_dir: str = "ltr",
    *,
    sections: Iterable[str] | None = None,
    status: str | None = None,
    with_title: bool = True,
    fragment: bool = False,
    top_heading: int = 1,
    links: bool = True,
) -> str:
    """A self-contained HTML document for Qt's rich-text subset.

    ``os_family`` ("windows", "macos", "linux") selects whose steps come first; other OSes are
    shown only with ``all_os`` (or when ``os_family`` is None or not covered). ``sections``
    limits the output (e.g. ``("fix",)`` for a report); ``status`` ("attention", "unknown",
    "not-applicable" or "not_applicable") puts what the article says about that state first.

    The options every HTML renderer here takes, so that no caller has to cut or rewrite the
    HTML it gets: ``fragment`` gives what goes inside ``<body>`` (to place in a page of the
    caller's own), ``top_heading`` the level of the title heading (sections one below it:
    3 puts the title at ``<h3>`` and sections at ``<h4>``), and ``links=False`` makes the
    window's ``principle:``/``guidance:``/``page:`` links plain text (saved reports, paper).
    """
    lab = labels(article.lang)
    doc = _Html(lang_dir == "rtl", fragment=fragment, top_heading=top_heading, links=links)
    wanted = set(sections) if sections is not None else set(ARTICLE_SECTIONS)
    state_first = (status or "").replace("_", "-")
    if state_first not in article.states:
        state_first = ""
    if with_title:
        doc.heading(1, article.title)
    if state_first and "before" in wanted:
        doc.heading(2, _state_heading(lab, state_first, article))
        for p in article.states[state_first]:
            doc.para(p)
    if "why" in wanted:
        doc.heading(2, lab["why"])
        for p in article.why:
            doc.para(p)
    if "principles" in wanted:
        doc.heading(2, lab["principles"])
        titles = _principle_titles(article.lang)
        lis = []
        for pid, sentence in article.principles:
            name = f"{pid} · {titles[pid]}" if pid in titles else pid
            link = doc.link(f"principle:{pid}", doc.inline(name))
            lis.append(f"<li{doc._attr()}><b>{link}</b>: {doc.inline(sentence)}</li>")
        doc.raw(f"<ul{doc._attr()}>{''.join(lis)}</ul>")
    if "fix" in wanted:
        doc.heading(2, lab["fix"])
        for p in article.fix_intro:
            doc.para(p)
        for key in _ordered_keys(article.fix, os_family, all_os):
            fs = article.fix[key]
            doc.heading(3, os_label(key, article.lang, article))
            difficulty = lab.get(f"difficulty.{fs.difficulty}", fs.difficulty)
            doc.raw(
                f"<p{doc._attr()}><b>{esc(lab['time'])}</b> "
                f"{doc.inline(fs.time)}<br/>"
                f"<b>{esc(lab['difficulty'])}</b> {esc(difficulty)}</p>"
            )
            doc.raw(f"<p{doc._attr()}><b>{esc(lab['ready'])}</b></p>")
            doc.items("ul", fs.have_ready)
            doc.raw(f"<p{doc._attr()}><b>{esc(lab['steps'])}</b></p>")
            doc.items("ol", fs.steps)
            for n in fs.notes:
                doc.para(n)
    if "verify" in wanted:
        doc.heading(2, lab["verify"])
        for key in _ordered_keys(article.verify, os_family, all_os):
            doc.heading(3, os_label(key, article.lang, article))
            doc.items("ol", article.verify[key])
    if "before" in wanted:
        doc.heading(2, lab["before"])
        for p in article.before:
            doc.para(p)
        for state in STATES:
            if state in article.states and state != state_first:
                doc.heading(3, _state_heading(lab, state, article))
                for p in article.states[state]:
                    doc.para(p)
    if "self-checks" in wanted and article.self_checks:
        doc.heading(2, lab["self_checks"])
        checks_html = "".join(
            f'<li{doc._attr()}><a name="self-check-{esc(sid)}"></a>'
            f"{doc.inline(text)}</li>"
            for sid, text in article.self_checks
        )
        doc.raw(f"<ul{doc._attr()}>{checks_html}</ul>")
    if article.reviewed and "why" in wanted:
        doc.raw(
            f"<p{doc._attr()}>{esc(lab['reviewed'])} "
            f"{esc(_date(article.reviewed, doc.rtl))}</p>"
        )
    return doc.document(article.title, article.lang)


def _date(iso: str, rtl: bool) -> str:
    return isolate(iso) if rtl else iso


def _wrap(text: str, width: int | None, indent: str = "", first: str | None = None) -> str:
    first = indent if first is None else first
    if not width:
        return first + text
    return textwrap.fill(text, width=width, initial_indent=first, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def _heading_text(text: str, char: str) -> str:
    return f"{text}\n{char * min(len(text), 78)}"


def render_article_text(
    article: Article,
    os_family: str | None,
    all_os: bool = False,
    *,
    width: int | None = 78,
    sections: Iterable[str] | None = None,
    status: str | None = None,
) -> str:
    """The article as plain text for the terminal (no markup left)."""
    lab = labels(article.lang)
    wanted = set(sections) if sections is not None else set(ARTICLE_SECTIONS)
    state_first = (status or "").replace("_", "-")
    if state_first not in article.states:
        state_first = ""
    out: list[str] = [_heading_text(_inline_text(article.title), "=")]

    def para(p: str, indent: str = "") -> None:
        out.append(_wrap(_inline_text(p), width, indent))

    def numbered(items: Sequence[str]) -> None:
        for i, s in enumerate(items, start=1):
            out.append(_wrap(_inline_text(s), width, "    ", f"{i:>2}. "))

    def bullets(items: Sequence[str]) -> None:
        for s in items:
            out.append(_wrap(_inline_text(s), width, "    ", "  - "))

    if state_first and "before" in wanted:
        out.append("")
        out.append(_heading_text(_state_heading(lab, state_first, article), "-"))
        for p in article.states[state_first]:
            para(p)
    if "why" in wanted:
        out.append("")
        out.append(_heading_text(lab["why"], "-"))
        for p in article.why:
            para(p)
            out.append("")
        out.pop()
    if "principles" in wanted:
        out.append("")
        out.append(_heading_text(lab["principles"], "-"))
        titles = _principle_titles(article.lang)
        for pid, sentence in article.principles:
            name = f"[{pid}] {titles[pid]}" if pid in titles else f"[{pid}]"
            out.append(_wrap(f"{name}: {_inline_text(sentence)}", width, "    ", "  - "))
    if "fix" in wanted:
        out.append("")
        out.append(_heading_text(lab["fix"], "-"))
        for p in article.fix_intro:
            para(p)
        for key in _ordered_keys(article.fix, os_family, all_os):
            fs = article.fix[key]
            out.append("")
            out.append(f"* {os_label(key, article.lang, article)}")
            out.append(_wrap(f"{lab['time']} {_inline_text(fs.time)}", width, "  ", "  "))
            out.append(f"  {lab['difficulty']} {lab.get('difficulty.' + fs.difficulty, fs.difficulty)}")
            out.append(f"  {lab['ready']}")
            bullets(fs.have_ready)
            out.append(f"  {lab['steps']}")
            numbered(fs.steps)
            for n in fs.notes:
                para(n, "  ")
    if "verify" in wanted:
        out.append("")
        out.append(_heading_text(lab["verify"], "-"))
        for key in _ordered_keys(article.verify, os_family, all_os):
            out.append(f"* {os_label(key, article.lang, article)}")
            numbered(article.verify[key])
    if "before" in wanted:
        out.append("")
        out.append(_heading_text(lab["before"], "-"))
        for p in article.before:
            para(p)
        for state in STATES:
            if state in article.states and state != state_first:
                out.append("")
                out.append(f"* {_state_heading(lab, state, article)}")
                for p in article.states[state]:
                    para(p, "  ")
    if "self-checks" in wanted and article.self_checks:
        out.append("")
        out.append(_heading_text(lab["self_checks"], "-"))
        bullets([t for _, t in article.self_checks])
    if article.reviewed and "why" in wanted:
        out.append("")
        out.append(f"{lab['reviewed']} {article.reviewed}")
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- page renderers


def render_page_html(page: Page, lang_dir: str = "ltr", *, with_title: bool = True,
                     fragment: bool = False, top_heading: int = 1, links: bool = True) -> str:
    """A page as self-contained HTML (checklists get a box to tick on paper); the options
    as for ``render_article_html``."""
    lab = labels(page.lang)
    doc = _Html(lang_dir == "rtl", fragment=fragment, top_heading=top_heading, links=links)
    if with_title:
        doc.heading(1, page.title)
    for b in page.intro:
        doc.block(b)
    for section in page.sections:
        doc.heading(2, section.heading)
        for b in section.blocks:
            doc.block(b)
    if page.reviewed:
        line = lab["page_reviewed"].replace("{date}", _date(page.reviewed, doc.rtl))
        doc.raw(f"<p{doc._attr()}>{esc(line)}</p>")
    if page.sources:
        doc.raw(f"<p{doc._attr()}><b>{esc(lab['sources'])}</b></p>")
        doc.items("ul", page.sources)
    return doc.document(page.title, page.lang)


def render_page_text(page: Page, *, width: int | None = 78) -> str:
    """A page as plain text (checklists as ``[ ]`` boxes)."""
    lab = labels(page.lang)
    out: list[str] = [_heading_text(_inline_text(page.title), "=")]

    def block(b: Block) -> None:
        if b.kind == "paragraph":
            out.append(_wrap(_inline_text(b.items[0]), width))
        elif b.kind == "numbered":
            for i, s in enumerate(b.items, start=1):
                out.append(_wrap(_inline_text(s), width, "    ", f"{i:>2}. "))
        else:
            mark = "  [ ] " if b.kind == "checklist" else "  - "
            for s in b.items:
                out.append(_wrap(_inline_text(s), width, "      ", mark))
        out.append("")

    out.append("")
    for b in page.intro:
        block(b)
    for section in page.sections:
        out.append(_heading_text(_inline_text(section.heading), "-"))
        for b in section.blocks:
            block(b)
    if page.reviewed:
        out.append(lab["page_reviewed"].replace("{date}", page.reviewed))
    if page.sources:
        out.append(lab["sources"])
        for s in page.sources:
            out.append(_wrap(_inline_text(s), width, "    ", "  - "))
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- principles view


def _principle_section(doc: _Html, p: Principle, lab: Mapping[str, str], lang: str,
                       level: int) -> None:
    doc.raw(f'<a name="principle-{esc(p.id)}"></a>')
    tag = doc.h(level)
    doc.raw(f"<{tag}{doc._attr()}>{doc.inline(f'{p.id} · {p.title}')}</{tag}>")
    files = ", ".join(p.source_files)
    source = f"{p.source_title} ({files})"
    doc.raw(f"<p{doc._attr()}><b>{esc(lab['source'])}</b> "
            f"{esc(_isolate_ltr(source) if doc.rtl else source)}</p>")
    if p.numbered_by_us and p.numbering_note:
        doc.raw(f"<p{doc._attr()}><b>{esc(lab['numbering'])}</b> "
                f"{doc.inline(p.numbering_note)}</p>")
    doc.raw(f"<p{doc._attr()}><b>{esc(lab['paraphrase'])}</b> "
            f"{doc.inline(p.paraphrase)}</p>")
    doc.raw(f"<p{doc._attr()}><b>{esc(lab['for_you'])}</b> "
            f"{doc.inline(p.for_you)}</p>")
    citing = articles_citing(p.id, lang)
    doc.raw(f"<p{doc._attr()}><b>{esc(lab['cited_by'])}</b></p>")
    if citing:
        items = [f"[{load_article(cid, lang).title}](guidance:{cid})" for cid in citing]
        doc.items("ul", items)
    else:
        doc.para(lab["cited_by_none"])


def render_principles_html(lang: str, lang_dir: str = "ltr", *, with_title: bool = True,
                           fragment: bool = False, top_heading: int = 1,
                           links: bool = True) -> str:
    """The Principles view: every principle, what it means for the reader, and the guidance
    articles (as ``guidance:<check-id>`` links) that rest on it. Each principle has an anchor
    ``principle-<id>`` so the window can scroll to the one a reader clicked. The options as
    for ``render_article_html``."""
    lab = labels(lang)
    doc = _Html(lang_dir == "rtl", fragment=fragment, top_heading=top_heading, links=links)
    principles = load_principles(_norm_lang(lang))
    title = lab["principles_title"]
    if with_title:
        doc.heading(1, title)
    doc.para(lab["principles_intro"])
    for p in principles:
        _principle_section(doc, p, lab, lang, 2)
    return doc.document(title, _norm_lang(lang))


def render_principle_html(pid: str, lang: str, lang_dir: str = "ltr", *,
                          fragment: bool = False, top_heading: int = 1,
                          links: bool = True) -> str:
    """One principle, as shown when a reader follows a ``principle:<id>`` link; the options
    as for ``render_article_html``."""
    lab = labels(lang)
    doc = _Html(lang_dir == "rtl", fragment=fragment, top_heading=top_heading, links=links)
    for p in load_principles(_norm_lang(lang)):
        if p.id == pid:
            _principle_section(doc, p, lab, lang, 1)
            return doc.document(f"{p.id} · {p.title}", _norm_lang(lang))
    raise GuidanceError(f"no principle {pid!r} in the library")
