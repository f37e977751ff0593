"""The principles library: the human-rights texts Checkup's guidance rests on, in our own words.

Data lives in ``resources/principles/`` (see its README):

- ``index.json`` holds what does not depend on language: the source documents (their file
  names in ``../shared/principles-sources/`` and how their points are numbered) and, in
  order, every principle id with its source and number.
- ``<lang>.json`` holds, per language, each source's title and numbering note and, per
  principle, a short title, a paraphrase and a "what this means for you" paragraph.

A missing language file falls back to English; a malformed one raises ``PrinciplesError``
with the file and the problem, rather than showing half a library. Nothing here imports Qt.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from checks.engine.resources import resource_path as _resource_path

INDEX_FORMAT = "checkup-principles"
INDEX_VERSION = 1
FALLBACK_LANGUAGE = "en"

_ID = re.compile(r"^(?P<source>[a-z][a-z0-9]*)-(?P<number>[0-9]+(?:\.[0-9]+)?)$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_TEXT_FIELDS = ("title", "paraphrase", "for_you")


class PrinciplesError(ValueError):
    """The principles library is malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class Principle:
    """One principle or recommendation, in one language."""

    id: str  # "wg-8", "charter-9.3", "letter-1", "foc2020-9"
    source_title: str  # the source document, named in this language
    source_file: str  # its file in ../shared/principles-sources/ (the first, if several)
    number: str  # "8", "9.3": the document's own number, or ours (see numbered_by_us)
    title: str  # a short title in our words
    paraphrase: str  # what the text says, in our words
    for_you: str  # what it protects for a person at risk, and why using it is legitimate
    source: str = ""  # the source key: "charter", "wg", "letter", "foc2020"
    also_in: tuple[str, ...] = ()  # further files holding the same text (wg: 001 and 003)
    numbered_by_us: bool = False  # the document does not number these points: we did
    numbering_note: str = ""  # how the number was given, in this language

    @property
    def source_files(self) -> tuple[str, ...]:
        return (self.source_file, *self.also_in)

    @property
    def citation(self) -> str:
        """A short reference such as "wg-8" that can be checked against the sources."""
        return self.id


def _principles_dir(root: Path | None) -> Path:
    return root if root is not None else _resource_path("principles")


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PrinciplesError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise PrinciplesError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc


def _need_str(path: Path, where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PrinciplesError(f"{path}: {where} must be a non-empty text")
    return value.strip()


@dataclass(frozen=True)
class _IndexEntry:
    id: str
    source: str
    number: str
    numbered_by_us: bool


@dataclass(frozen=True)
class _Source:
    key: str
    files: tuple[str, ...]
    numbered_by_us: bool


@dataclass(frozen=True)
class _Index:
    sources: dict[str, _Source]
    entries: tuple[_IndexEntry, ...]


def _load_index(folder: Path) -> _Index:
    path = folder / "index.json"
    data = _read_json(path)
    if not isinstance(data, dict):
        raise PrinciplesError(f"{path}: the top level must be an object")
    if data.get("format") != INDEX_FORMAT:
        raise PrinciplesError(f"{path}: 'format' must be {INDEX_FORMAT!r}")
    if data.get("version") != INDEX_VERSION:
        raise PrinciplesError(
            f"{path}: version {data.get('version')!r} is not supported (expected {INDEX_VERSION})"
        )
    raw_sources = data.get("sources")
    if not isinstance(raw_sources, dict) or not raw_sources:
        raise PrinciplesError(f"{path}: 'sources' must be a non-empty object")
    sources: dict[str, _Source] = {}
    for key, raw in raw_sources.items():
        if not isinstance(raw, dict):
            raise PrinciplesError(f"{path}: source {key!r} must be an object")
        files = raw.get("files")
        if (
            not isinstance(files, list)
            or not files
            or not all(isinstance(f, str) and f.strip() for f in files)
        ):
            raise PrinciplesError(f"{path}: source {key!r} needs a non-empty list of 'files'")
        numbering = raw.get("numbering")
        if numbering not in ("document", "ours"):
            raise PrinciplesError(
                f"{path}: source {key!r}: 'numbering' must be 'document' or 'ours'"
            )
        sources[key] = _Source(key, tuple(files), numbering == "ours")
    raw_entries = data.get("principles")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise PrinciplesError(f"{path}: 'principles' must be a non-empty list")
    entries: list[_IndexEntry] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_entries, start=1):
        if not isinstance(raw, dict):
            raise PrinciplesError(f"{path}: principle #{i} must be an object")
        pid = _need_str(path, f"principle #{i} 'id'", raw.get("id"))
        source = _need_str(path, f"principle {pid} 'source'", raw.get("source"))
        number = _need_str(path, f"principle {pid} 'number'", raw.get("number"))
        m = _ID.match(pid)
        if not m or m.group("source") != source or m.group("number") != number:
            raise PrinciplesError(
                f"{path}: principle id {pid!r} must be '<source>-<number>' "
                f"matching its source {source!r} and number {number!r}"
            )
        if source not in sources:
            raise PrinciplesError(f"{path}: principle {pid} names unknown source {source!r}")
        if pid in seen:
            raise PrinciplesError(f"{path}: principle {pid} is listed twice")
        numbering = raw.get("numbering", "")
        if numbering not in ("", "document", "ours"):
            raise PrinciplesError(
                f"{path}: principle {pid}: 'numbering' must be 'document' or 'ours'"
            )
        seen.add(pid)
        ours = sources[source].numbered_by_us if not numbering else numbering == "ours"
        entries.append(_IndexEntry(pid, source, number, ours))
    return _Index(sources, tuple(entries))


def _language_file(folder: Path, lang: str) -> Path:
    if not _LANG.match(lang):
        raise PrinciplesError(f"{lang!r} is not a language code")
    path = folder / f"{lang}.json"
    if not path.is_file() and lang != FALLBACK_LANGUAGE:
        path = folder / f"{FALLBACK_LANGUAGE}.json"
    return path


@lru_cache(maxsize=32)
def _load_cached(folder_str: str, lang: str, stamp: tuple[float, float]) -> tuple[Principle, ...]:
    folder = Path(folder_str)
    index = _load_index(folder)
    path = _language_file(folder, lang)
    data = _read_json(path)
    if not isinstance(data, dict):
        raise PrinciplesError(f"{path}: the top level must be an object")
    file_lang = data.get("lang")
    if file_lang != path.stem:
        raise PrinciplesError(f"{path}: 'lang' says {file_lang!r}, expected {path.stem!r}")
    raw_sources = data.get("sources")
    raw_principles = data.get("principles")
    if not isinstance(raw_sources, dict):
        raise PrinciplesError(f"{path}: 'sources' must be an object")
    if not isinstance(raw_principles, dict):
        raise PrinciplesError(f"{path}: 'principles' must be an object keyed by principle id")
    for key in index.sources:
        if not isinstance(raw_sources.get(key), dict):
            raise PrinciplesError(f"{path}: source {key!r} is missing")
    extra_sources = set(raw_sources) - set(index.sources)
    if extra_sources:
        raise PrinciplesError(f"{path}: unknown sources {sorted(extra_sources)}")
    known = {e.id for e in index.entries}
    extra = set(raw_principles) - known
    if extra:
        raise PrinciplesError(f"{path}: principles not in index.json: {sorted(extra)}")
    out: list[Principle] = []
    for entry in index.entries:
        src = index.sources[entry.source]
        src_text = raw_sources[entry.source]
        source_title = _need_str(path, f"source {entry.source!r} 'title'", src_text.get("title"))
        note = src_text.get("numbering_note", "")
        if entry.numbered_by_us:
            note = _need_str(path, f"source {entry.source!r} 'numbering_note'", note)
        elif not isinstance(note, str):
            raise PrinciplesError(f"{path}: source {entry.source!r} 'numbering_note' must be text")
        raw = raw_principles.get(entry.id)
        if not isinstance(raw, dict):
            raise PrinciplesError(f"{path}: principle {entry.id} is missing")
        texts = {f: _need_str(path, f"principle {entry.id} {f!r}", raw.get(f)) for f in _TEXT_FIELDS}
        unknown_fields = set(raw) - set(_TEXT_FIELDS)
        if unknown_fields:
            raise PrinciplesError(
                f"{path}: principle {entry.id} has unknown fields {sorted(unknown_fields)}"
            )
        out.append(
            Principle(
                id=entry.id,
                source_title=source_title,
                source_file=src.files[0],
                number=entry.number,
                title=texts["title"],
                paraphrase=texts["paraphrase"],
                for_you=texts["for_you"],
                source=entry.source,
                also_in=src.files[1:],
                numbered_by_us=entry.numbered_by_us,
                numbering_note=note.strip(),
            )
        )
    return tuple(out)


def _stamp(folder: Path, lang: str) -> tuple[float, float]:
    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return -1.0

    return (mtime(folder / "index.json"), mtime(folder / f"{lang}.json"))


def load_principles(lang: str = FALLBACK_LANGUAGE, *, root: Path | None = None) -> list[Principle]:
    """Every principle in the library, in the library's order, in ``lang`` (else English)."""
    folder = _principles_dir(root)
    return list(_load_cached(str(folder), lang, _stamp(folder, lang)))


def get_principle(
    pid: str, lang: str = FALLBACK_LANGUAGE, *, root: Path | None = None
) -> Principle | None:
    """One principle by id, or None when the library has no such id."""
    for p in load_principles(lang, root=root):
        if p.id == pid:
            return p
    return None


def principle_ids(*, root: Path | None = None) -> list[str]:
    """The ids in the library, in order (language-independent)."""
    return [e.id for e in _load_index(_principles_dir(root)).entries]


def principle_languages(*, root: Path | None = None) -> list[str]:
    """The languages the library has its own file for."""
    folder = _principles_dir(root)
    return sorted(p.stem for p in folder.glob("*.json") if p.stem != "index")
