"""Reports: the JSON schema, the self-contained printable HTML page and the terminal text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from checks.engine.i18n import msg
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import Scan
from checks.engine.runner import ScanResult, run_scan
from checks.privacy.redact import Identity
from checks.reports.report import REPORT_SCHEMA_VERSION, report_html, report_json, report_text
from tests.engine_support import extra_checks, make_check, replay, snapshot

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "report-schema.json").read_text(encoding="utf-8"))
HOME = "/home/nadia"


def _fail(scan: Scan) -> Finding:
    return Finding(Status.FAIL, msg("Your disk is not encrypted: {path}", path=f"{HOME}/Documents"),
                   severity=Severity.HIGH,
                   evidence=[Evidence("lsblk", f"{HOME} on /dev/sda2 (ext4), no crypt layer"),
                             Evidence("hostnamectl", "nadia-laptop")],
                   details=[msg("Swap is not encrypted either.")],
                   data={"home": HOME, "mac": "3c:52:82:a1:b2:c3"})


def _attention(scan: Scan) -> Finding:
    return Finding(Status.ATTENTION, msg("Protected, but the key is in a cloud account."))


def _unknown(scan: Scan) -> Finding:
    return Finding(Status.UNKNOWN, msg("Could not tell."),
                   evidence=[Evidence("fdesetup status", "command not found")])


def _pass(scan: Scan) -> Finding:
    return Finding(Status.PASS, msg("All good."), evidence=[Evidence("ufw status", "active")])


def _na(scan: Scan) -> Finding:
    return Finding(Status.NOT_APPLICABLE, msg("Not for this system."))


def _error(scan: Scan) -> Finding:
    raise RuntimeError("parser fault")


CHECKS = [
    make_check("t-pass", _pass, title="Firewall", order=1),
    make_check("t-fail", _fail, title="Disk encryption", order=2),
    make_check("t-attention", _attention, title="Recovery key", order=3),
    make_check("t-unknown", _unknown, title="FileVault", order=4),
    make_check("t-na", _na, title="Qubes only", order=5),
    make_check("t-error", _error, title="Broken", order=6),
]


@pytest.fixture(scope="module")
def result() -> ScanResult:
    snap = snapshot([c.id for c in CHECKS], home=HOME, files={"/etc/hostname": "nadia-laptop\n"},
                    meta={"name": "Nadia's laptop"})
    with extra_checks(*CHECKS):
        res = run_scan(replay(snap), CHECKS, source={"kind": "snapshot", "name": "Nadia's laptop",
                                                     "file": "/tmp/x/nadia.json",
                                                     "origin": "recorded",
                                                     "recorded_at": snap.recorded_at.isoformat()})
    return res


# -- a small JSON Schema validator (the subset docs/report-schema.json uses) -------------------

def _validate(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _validate(value, SCHEMA["$defs"][name], where)
    errors: list[str] = []
    types = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "type" in schema:
        wanted = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = False
        for t in wanted:
            if t == "integer":
                ok |= isinstance(value, int) and not isinstance(value, bool)
            elif t == "number":
                ok |= isinstance(value, (int, float)) and not isinstance(value, bool)
            else:
                ok |= isinstance(value, types[t])
        if not ok:
            return [f"{where}: {type(value).__name__} is not {wanted}"]
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}: missing {key}")
        for key, item in value.items():
            if key in props:
                errors += _validate(item, props[key], f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unexpected key {key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += _validate(item, schema["items"], f"{where}[{i}]")
    return errors


def test_json_report_matches_the_documented_schema(result: ScanResult) -> None:
    for lang in ("en", "es", "ar"):
        data = report_json(result, lang)
        assert _validate(data, SCHEMA) == []
    assert data["schema_version"] == REPORT_SCHEMA_VERSION == SCHEMA["properties"][
        "schema_version"]["const"]


def test_every_schema_field_is_described_in_the_markdown_doc() -> None:
    doc = (ROOT / "docs" / "report-schema.md").read_text(encoding="utf-8")

    def keys(schema: dict[str, Any]) -> set[str]:
        out = set(schema.get("properties", {}))
        for sub in schema.get("properties", {}).values():
            out |= keys(sub)
        return out

    names = keys(SCHEMA)
    for d in SCHEMA["$defs"].values():
        names |= keys(d)
    missing = sorted(n for n in names if f"`{n}`" not in doc)
    assert missing == []


def test_json_report_content(result: ScanResult) -> None:
    data = report_json(result)
    findings = data["findings"]
    # most urgent first: fail, attention, error, unknown, pass, not applicable
    assert [f["status"] for f in findings] == ["fail", "attention", "error", "unknown", "pass",
                                               "not_applicable"]
    fail = findings[0]
    assert fail["check_id"] == "t-fail" and fail["title"] == "Disk encryption"
    assert fail["severity"] == "high"
    assert fail["summary"]["id"] == "Your disk is not encrypted: {path}"
    assert fail["summary"]["text"] == "Your disk is not encrypted: ~/Documents"
    assert fail["summary"]["params"] == {"path": "~/Documents"}
    assert fail["details"][0]["text"] == "Swap is not encrypted either."
    assert fail["evidence"][0] == {"source": "lsblk",
                                   "text": "~ on /dev/sda2 (ext4), no crypt layer"}
    assert fail["guidance_id"] == "t-fail"
    assert fail["status_label"] == "Needs action"
    error = findings[2]
    assert error["check_id"] == "t-error" and "RuntimeError" in error["evidence"][0]["text"]
    assert data["summary"]["counts"] == {"fail": 1, "attention": 1, "error": 1, "unknown": 1,
                                         "pass": 1, "not_applicable": 1}
    assert data["summary"]["headline"] == [
        "1 thing needs action", "1 thing to look at", "1 check failed to run",
        "1 we could not check", "1 protection in place"]
    assert data["scan"]["source"] == {"kind": "snapshot", "name": "<user>'s laptop",
                                      "file": "<user>.json", "origin": "recorded",
                                      "recorded_at": "2026-11-20T09:00:00+00:00"}
    assert data["context"]["kind"] in ("physical", "virtual_machine", "container", "wsl",
                                       "unknown")
    assert data["platform"]["family"] == "linux"


def test_reports_carry_no_user_name_host_name_or_mac_by_default(result: ScanResult) -> None:
    texts = [json.dumps(report_json(result), ensure_ascii=False), report_html(result),
             report_text(result)]
    for text in texts:
        assert "nadia" not in text.lower()
        assert "3c:52:82" not in text
    data = report_json(result)
    assert data["redacted"] is True
    assert data["findings"][0]["evidence"][1]["text"] == "<host>"
    assert data["findings"][0]["data"] == {"home": "~", "mac": "<mac>"}


def test_reports_can_keep_names_when_asked(result: ScanResult) -> None:
    data = report_json(result, redact=False)
    assert data["redacted"] is False
    assert data["findings"][0]["summary"]["text"] == f"Your disk is not encrypted: {HOME}/Documents"
    assert "may contain your user name" in report_html(result, redact=False)


def test_a_live_identity_is_also_taken_out(result: ScanResult) -> None:
    from dataclasses import replace

    res = replace(result, identity=Identity(users=("ops",), hosts=("newsroom-07",)))
    res = replace(res, findings=[Finding(Status.PASS, msg("ok"), check_id="t-pass",
                                         evidence=[Evidence("who", "ops@newsroom-07")])])
    assert report_json(res)["findings"][0]["evidence"][0]["text"] == "<user>@<host>"


class _Tags(HTMLParser):
    VOID = {"meta", "br", "hr", "img", "link", "input", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.seen: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()


def _parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    p.close()
    assert p.errors == [] and p.stack == []
    return p


def test_html_is_self_contained_and_well_formed(result: ScanResult) -> None:
    html = report_html(result)
    tags = _parse(html)
    names = {t for t, _ in tags.seen}
    assert "script" not in names and "link" not in names and "img" not in names
    assert "iframe" not in names and "object" not in names
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html)
    assert "url(" not in html and "@import" not in html and "@font-face" not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "@media print" in html and "break-inside: avoid" in html


def test_html_shows_status_by_icon_and_word(result: ScanResult) -> None:
    html = report_html(result)
    for word, icon in (("Needs action", "✘"), ("Protected", "✔"), ("Could not check", "?")):
        assert re.search(re.escape(icon) + r"</span> " + re.escape(word), html), word
    assert "Disk encryption" in html and "(high priority)" in html
    assert "~ on /dev/sda2 (ext4), no crypt layer" in html


def test_arabic_html_is_right_to_left_with_evidence_isolated(result: ScanResult) -> None:
    html = report_html(result, "ar")
    tags = _parse(html)
    root = next(a for t, a in tags.seen if t == "html")
    assert root["lang"] == "ar" and root["dir"] == "rtl"
    bdis = [a for t, a in tags.seen if t == "bdi"]
    assert bdis and all(a.get("dir") == "ltr" for a in bdis)
    assert '<bdi dir="ltr">lsblk: ~ on /dev/sda2 (ext4), no crypt layer</bdi>' in html
    en = _parse(report_html(result, "en"))
    assert next(a for t, a in en.seen if t == "html") == {"lang": "en", "dir": "ltr"}


def test_html_includes_fix_steps_for_failing_findings_when_guidance_exists(
        result: ScanResult, monkeypatch: pytest.MonkeyPatch) -> None:
    guidance = pytest.importorskip("checks.content.guidance")
    calls: list[tuple[str, str | None]] = []

    def load_article(check_id: str, lang: str = "en") -> str:
        if check_id != "t-fail":
            raise guidance.GuidanceError("no article")
        return "article"

    def render(article: str, os_family: str | None, all_os: bool = False,
               lang_dir: str = "ltr", **kw: Any) -> str:
        calls.append((article, os_family))
        assert kw.get("sections") == ("fix",)
        # the report asks the renderer for the body alone, under its <h3>, links as text
        assert kw.get("fragment") is True and kw.get("top_heading") == 3
        assert kw.get("links") is False
        return "<h4>How to fix it</h4><ol><li>Open settings</li></ol>"

    monkeypatch.setattr(guidance, "load_article", load_article)
    monkeypatch.setattr(guidance, "render_article_html", render)
    html = report_html(result)
    assert calls == [("article", "linux")]  # only for the failing finding, for its OS
    assert '<section class="fix"><h4>How to fix it</h4><ol><li>Open settings</li></ol>' in html
    _parse(html)


def test_html_without_guidance_or_with_broken_guidance_still_renders(
        result: ScanResult, monkeypatch: pytest.MonkeyPatch) -> None:
    guidance = pytest.importorskip("checks.content.guidance")

    def broken(*a: Any, **k: Any) -> Any:
        raise guidance.GuidanceError("bad file")

    monkeypatch.setattr(guidance, "load_article", broken)
    html = report_html(result)
    assert '<section class="fix"' not in html and "Disk encryption" in html


def test_text_report_is_grouped_most_urgent_first(result: ScanResult) -> None:
    text = report_text(result)
    order = [text.index(h) for h in ("Needs action (1)", "Look at this (1)",
                                     "Check failed (1)", "Could not check (1)", "Protected (1)",
                                     "Does not apply (1)")]
    assert order == sorted(order)
    assert "✘ Disk encryption (high priority)" in text
    assert "      > lsblk: ~ on /dev/sda2 (ext4), no crypt layer" in text
    assert "A recorded snapshot, “<user>'s laptop”" in text  # the name too is redacted
    assert ("1 thing needs action · 1 thing to look at · 1 check failed to run · "
            "1 we could not check · 1 protection in place") in text.replace("\n", " ")
    ascii_text = report_text(result, ascii_only=True)
    assert "[X] Disk encryption" in ascii_text and "[OK] Firewall" in ascii_text
    assert all(len(line) <= 78 for line in text.splitlines() if not line.startswith("      >"))


def test_reports_in_every_language_render(result: ScanResult) -> None:
    for lang in ("en", "es", "ar", "qps"):
        assert report_text(result, lang)
        assert report_html(result, lang)
        assert report_json(result, lang)["language"] == lang


def test_checks_a_snapshot_lacks_are_listed_once_not_repeated() -> None:
    recorded = make_check("t-rec", _pass, title="Recorded one", order=1)
    others = [make_check(f"t-absent-{i}", _pass, title=f"Absent {i}", order=2 + i)
              for i in range(3)]
    checks = [recorded, *others]
    res = run_scan(replay(snapshot(["t-rec"])), checks)
    text = report_text(res)
    assert "? Not recorded in this snapshot (3 checks)" in text
    assert "Absent 0, Absent 1, Absent 2" in text
    assert text.count("The machine was recorded before these checks existed") == 1
    html = report_html(res)
    assert html.count("not-recorded") == 1 and "Absent 2" in html
    assert "، " in report_text(res, "ar")  # Arabic comma between the names
    assert len(report_json(res)["findings"]) == 4  # JSON keeps one finding per check


def test_an_arabic_date_stays_right_to_left_in_text_and_html_reports(result: ScanResult) -> None:
    # Babel writes Arabic dates with right-to-left marks ("23‏/11‏/2026، 1:20:36 م"); isolated
    # as a left-to-right fragment they read "/2026/11، 1:20:36 م23". The date is kept in a
    # right-to-left isolate instead; English dates are left as they are.
    from checks.reports.report import format_when

    when = format_when(result.started, "ar")
    assert when.startswith("\u2068\u200f") and when.endswith("\u200f\u2069")
    assert "\u200e" not in when  # never a left-to-right mark inside
    assert when in report_text(result, "ar")
    assert when in report_html(result, "ar")
    assert not format_when(result.started, "en").startswith("\u2068")


def test_the_headline_counts_exactly_the_groups_of_the_list() -> None:
    # Issue 16: the headline said "5 things need your attention" while the list showed
    # 4 "Needs action" (it added the attention group in). Each number is now one group's size,
    # in every language.
    from checks.engine.i18n import translator
    from checks.reports.report import STATUS_LABELS, headline

    statuses = [Status.FAIL] * 4 + [Status.ATTENTION, Status.UNKNOWN, Status.PASS, Status.PASS]
    findings = [Finding(s, msg("x"), severity=Severity.HIGH if s is Status.FAIL else None,
                        evidence=[Evidence("t", "t")], check_id=f"c{i}")
                for i, s in enumerate(statuses)]
    for lang in ("en", "es", "ar"):
        tr = translator(lang)
        lines = [tr.render(m) for m in headline(findings)]
        assert len(lines) == 4, lines  # needs action, to look at, could not check, in place
        if lang == "en":
            assert lines == ["4 things need action", "1 thing to look at", "1 we could not check",
                             "2 protections in place"]
        numbers = [re.findall(r"\d+", line) for line in lines]
        if lang != "ar":  # Arabic writes one and two as words
            assert [int(n[0]) for n in numbers] == [4, 1, 1, 2]
        assert all(tr.gettext(STATUS_LABELS[Status.ATTENTION]) != line for line in lines)
