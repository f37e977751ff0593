"""Paths the README and docs/ tell a person to use exist (a walk-through that replays a
fixture which has since moved into a test would fail for whoever follows it)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATH = re.compile(r"(?<![\w/.-])((?:tests/fixtures|resources|packaging)/[\w./+-]+\.(?:json|txt|pub|md))")


def test_every_fixture_resource_and_key_path_in_the_docs_exists() -> None:
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    missing = sorted({f"{doc.relative_to(ROOT)}: {m}" for doc in docs
                      for m in PATH.findall(doc.read_text(encoding="utf-8"))
                      if "*" not in m and "<" not in m and not (ROOT / m).exists()})
    assert missing == []
