"""No run of 12 or more consecutive words from a source document appears in our resources.

The guidance paraphrases the principles in its own words; pasting the documents' sentences
into the product is not allowed. Case, punctuation and whitespace are ignored when comparing.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "principles-sources"
RESOURCES = ROOT / "resources"
RUN = 12
TEXT_SUFFIXES = {".md", ".json", ".txt", ".po", ".pot", ".html", ".csv", ".toml", ".ini", ".xml"}


def words(text: str) -> list[str]:
    """Lower-case words with punctuation and whitespace ignored (letters and digits only)."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("'", "")
    return re.findall(r"[^\W_]+", text)


def shingles(ws: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


def test_word_normalisation_ignores_case_punctuation_and_spacing() -> None:
    assert words("Cyber-security,  LAWS\n(and) policies!") == ["cyber", "security", "laws", "and", "policies"]
    a = shingles(words("one two three four five six seven eight nine ten eleven twelve"))
    b = shingles(words("One, two; THREE four-five six\tseven eight nine ten eleven twelve."))
    assert a == b


def test_detector_catches_a_pasted_sentence(tmp_path: Path) -> None:
    if not SOURCES.is_dir():
        pytest.skip(f"source documents not found at {SOURCES}")
    src = (SOURCES / "001_58c75e7024ae47aa.txt").read_text("utf-8")
    line = next(ln for ln in src.splitlines() if "encryption and anonymity" in ln)
    pasted = "Intro. " + line.upper().replace(",", " ,") + " Outro."
    assert shingles(words(pasted)) & shingles(words(src))


def test_resources_do_not_copy_the_source_documents() -> None:
    if not SOURCES.is_dir():
        pytest.skip(f"source documents not found at {SOURCES} (CI has shared/ beside the clone)")
    source_shingles: dict[tuple[str, ...], str] = {}
    for src in sorted(SOURCES.glob("*.txt")):
        for sh in shingles(words(src.read_text("utf-8"))):
            source_shingles.setdefault(sh, src.name)
    assert source_shingles, "no source text found"
    offences = []
    checked = 0
    for path in sorted(RESOURCES.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        try:
            text = path.read_text("utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        checked += 1
        for sh in shingles(words(text)):
            if sh in source_shingles:
                offences.append(
                    f"{path.relative_to(ROOT)}: {' '.join(sh)!r} (from {source_shingles[sh]})"
                )
                break
    assert checked > 0
    assert not offences, "text copied from the source documents:\n" + "\n".join(offences)
