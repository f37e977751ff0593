"""The principles library: complete in every language, cited, and checkable against its sources."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checks.content.guidance import GUIDANCE_LANGUAGES, list_articles, load_article
from checks.content.principles import (
    PrinciplesError,
    get_principle,
    load_principles,
    principle_ids,
)

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "resources" / "principles"
SOURCES = ROOT.parent / "shared" / "principles-sources"
LANGS = tuple(GUIDANCE_LANGUAGES)


@pytest.mark.parametrize("lang", LANGS)
def test_library_is_complete_in_each_language(lang: str) -> None:
    assert (LIBRARY / f"{lang}.json").is_file(), f"no principles file for {lang}"
    ps = load_principles(lang)
    assert [p.id for p in ps] == principle_ids()
    for p in ps:
        assert p.title and p.paraphrase and p.for_you and p.source_title, p.id
        assert p.source_file.endswith(".txt")
        assert len(p.for_you) > 80, f"{lang} {p.id}: 'what this means for you' is too thin"


def test_ids_follow_the_numbering_rule() -> None:
    for p in load_principles("en"):
        assert p.id == f"{p.source}-{p.number}"
        if p.source == "wg":
            assert 1 <= int(p.number) <= 13
            assert set(p.source_files) == {"001_58c75e7024ae47aa.txt", "003_e9ad8b2fb4981931.txt"}
            assert not p.numbered_by_us
        elif p.source == "charter":
            assert p.number == "9" or p.number.startswith("9.")
            assert p.numbered_by_us == (p.number != "9")
        elif p.source in ("letter", "foc2020"):
            assert p.numbered_by_us
        else:
            pytest.fail(f"unexpected source {p.source}")


@pytest.mark.parametrize("lang", LANGS)
def test_points_we_numbered_say_so(lang: str) -> None:
    for p in load_principles(lang):
        if p.numbered_by_us:
            assert p.numbering_note, f"{lang} {p.id} must say it was numbered by us"
            assert p.id.split("-")[0] in p.numbering_note or p.number.split(".")[0] in p.numbering_note


def test_every_cited_principle_exists_and_every_principle_is_cited() -> None:
    known = set(principle_ids())
    cited: set[str] = set()
    for lang in LANGS:
        for cid in list_articles(lang):
            for pid in load_article(cid, lang).principle_ids():
                assert pid in known, f"{lang}/{cid} cites unknown principle {pid}"
                assert get_principle(pid, lang) is not None
                cited.add(pid)
    uncited = known - cited
    assert not uncited, f"principles no article cites (remove them or cite them): {sorted(uncited)}"


# --------------------------------------------------------------------------- against the sources

needs_sources = pytest.mark.skipif(
    not SOURCES.is_dir(), reason=f"source documents not found at {SOURCES} (shared/ beside the clone)"
)


def _text(name: str) -> str:
    return (SOURCES / name).read_text(encoding="utf-8")


@needs_sources
def test_source_files_named_in_the_library_exist() -> None:
    for p in load_principles("en"):
        for f in p.source_files:
            assert (SOURCES / f).is_file(), f"{p.id}: {f} is not in {SOURCES}"


@needs_sources
def test_cited_numbers_exist_in_their_documents() -> None:
    for p in load_principles("en"):
        if p.source == "wg":
            for f in p.source_files:
                assert re.search(rf"^\s*{p.number}\.\s+\S", _text(f), re.M), f"{p.id} not in {f}"
        elif p.source == "charter":
            text = _text(p.source_file)
            assert re.search(r"^9\.\s*$", text, re.M)
            if "." in p.number:
                after = text.split("Application:", 1)[1]
                paragraphs = [ln for ln in after.splitlines() if ln.strip()]
                assert int(p.number.split(".")[1]) <= len(paragraphs), p.id
        elif p.source == "letter":
            text = _text(p.source_file)
            block = text.split("Accordingly:", 1)[1].split("Strong encryption", 1)[0]
            bullets = [ln for ln in block.splitlines() if ln.strip().startswith("•")]
            assert len(bullets) == 5
            assert int(p.number) <= len(bullets), p.id
        elif p.source == "foc2020":
            text = _text(p.source_file)
            block = text.split("## Recommendations to States", 1)[1].split("We as the Freedom", 1)[0]
            bullets = [ln for ln in block.splitlines() if ln.startswith("- ")]
            assert len(bullets) == 11
            assert int(p.number) <= len(bullets), p.id


@needs_sources
def test_our_reading_of_key_points_matches_the_documents() -> None:
    """A few citations whose meaning the guidance leans on, checked against the text."""
    wg = _text("001_58c75e7024ae47aa.txt")
    assert re.search(r"^\s*8\.\s.*encryption and anonymity", wg, re.M)
    assert re.search(r"^\s*3\.\s.*groups at risk", wg, re.M)
    assert re.search(r"^\s*11\.\s.*digital literacy", wg, re.M)
    letter = _text("002_ee073491ff386afc.txt").split("Accordingly:", 1)[1]
    bullets = [ln for ln in letter.splitlines() if ln.strip().startswith("•")]
    assert "ban" in bullets[0] and "backdoors" in bullets[1] and "encryption keys" in bullets[2]
    foc = _text("004_55f6bdfc753cb986.txt").split("## Recommendations to States", 1)[1]
    recs = [ln for ln in foc.splitlines() if ln.startswith("- ")]
    assert "journalists" in recs[1] and "digital literacy" in recs[8] and "hygiene" in recs[10]


# --------------------------------------------------------------------------- loader behaviour


def _copy_library(tmp_path: Path) -> Path:
    for f in LIBRARY.glob("*.json"):
        (tmp_path / f.name).write_text(f.read_text("utf-8"), "utf-8")
    return tmp_path


def test_missing_language_falls_back_to_english(tmp_path: Path) -> None:
    root = _copy_library(tmp_path)
    (root / "es.json").unlink()
    ps = load_principles("es", root=root)
    assert ps[0].title == load_principles("en")[0].title


def test_malformed_language_file_is_refused_with_its_name(tmp_path: Path) -> None:
    root = _copy_library(tmp_path)
    data = json.loads((root / "ar.json").read_text("utf-8"))
    del data["principles"]["wg-8"]
    (root / "ar.json").write_text(json.dumps(data), "utf-8")
    with pytest.raises(PrinciplesError, match=r"ar\.json: principle wg-8 is missing"):
        load_principles("ar", root=root)
    (root / "ar.json").write_text("{not json", "utf-8")
    with pytest.raises(PrinciplesError, match=r"ar\.json: not valid JSON"):
        load_principles("ar", root=root)


def test_index_rejects_ids_that_do_not_match_their_number(tmp_path: Path) -> None:
    root = _copy_library(tmp_path)
    data = json.loads((root / "index.json").read_text("utf-8"))
    data["principles"][0]["number"] = "8"
    (root / "index.json").write_text(json.dumps(data), "utf-8")
    with pytest.raises(PrinciplesError, match="must be '<source>-<number>'"):
        load_principles("en", root=root)


def test_unknown_principle_is_none() -> None:
    assert get_principle("wg-99") is None
    assert get_principle("wg-8", "ar") is not None


# --------------------------------------------------------------------------- the Principles view


@pytest.mark.parametrize("lang", LANGS)
def test_principles_view_lists_every_principle_with_the_advice_resting_on_it(lang: str) -> None:
    from checks.content.guidance import (
        render_principle_html,
        render_principles_html,
    )
    from checks.engine.i18n import text_direction

    html_text = render_principles_html(lang, text_direction(lang))
    visible = re.sub(r"<[^>]+>", "", html_text)
    assert not re.search(r"\*\*|##|`|\[[^\]]*\]\(", visible)
    for p in load_principles(lang):
        assert f'name="principle-{p.id}"' in html_text
        assert p.for_you.split(" ")[0] in html_text
    for target in set(re.findall(r'href="guidance:([a-z0-9-]+)"', html_text)):
        assert target in list_articles(lang)
    assert 'href="guidance:disk-encryption"' in html_text
    one = render_principle_html("wg-8", lang, text_direction(lang))
    assert "guidance:secure-messaging" in one and "guidance:disk-encryption" in one
    with pytest.raises(ValueError):
        render_principle_html("wg-99", lang)
