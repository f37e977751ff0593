"""The committed fixture JSON is exactly what its generator writes.

Each generator is a ``build_fixtures.py`` in the folder it writes (tests/fixtures/ itself for
the protection checks' seven folders), with ``write_fixtures(out)``: it is run into a
temporary folder and every file it writes must equal the committed one byte for byte, so a
fixture cannot drift from the
description that documents it (its cases, formats and sources). A committed snapshot no
generator writes must be one of the few hand-made or recorded files listed below. The demo
machines (resources/scenarios/) are checked the same way by tests/test_workshop_scenarios.py
(``python -m tools.make_scenarios --check``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = FIXTURES.parents[1]


def _generators() -> list[tuple[str, str, Path]]:
    """Every ``build_fixtures.py`` under tests/fixtures/ (one name for every generator, found,
    not listed): its module, its ``write_fixtures``, and the folder it writes (its own)."""
    return [(".".join(p.relative_to(ROOT).with_suffix("").parts), "write_fixtures", p.parent)
            for p in sorted(FIXTURES.rglob("build_fixtures.py"))]


GENERATORS = _generators()

# Committed JSON that no generator writes: recordings of real machines (the disk-encryption
# one is rewritten by its test with --record), the engine's hand-made files (damaged, old or
# odd snapshots and context files, each written for one test) and the workshop summaries
# (not snapshots).
NOT_GENERATED = {
    "disk_encryption/linux_recorded_container.json",  # tests/test_disk_encryption_recorded.py
    "os_updates/debian-12-container-recorded.json",  # tests/test_os_updates.py
}
NOT_GENERATED_PREFIXES = ("engine/", "workshop/summary-")


def _is_raw(rel: str) -> bool:
    """Raw tool output kept for the parsers' tests (``<topic>/raw/``, each file's origin in
    its SOURCES.md): files as a tool printed them or as they are on disk, not snapshots."""
    return "raw" in rel.split("/")[:-1]


def _writer(module: str, function: str) -> Callable[[Path], None]:
    writer: Callable[[Path], None] = getattr(importlib.import_module(module), function)
    return writer


def _written(module: str, function: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    _writer(module, function)(out)
    return sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())


@pytest.mark.parametrize(("module", "function", "committed"), GENERATORS,
                         ids=[m.removeprefix("tests.fixtures.").removesuffix(".build_fixtures")
                              if m != "tests.fixtures.build_fixtures" else "protections"
                              for m, _, _ in GENERATORS])
def test_generator_writes_the_committed_files(module: str, function: str, committed: Path,
                                              tmp_path: Path) -> None:
    written = _written(module, function, tmp_path)
    assert written, f"{module} wrote nothing"
    stale = [str(rel) for rel in written
             if not (committed / rel).is_file()
             or (committed / rel).read_bytes() != (tmp_path / rel).read_bytes()]
    assert not stale, (f"committed fixtures differ from what {module} writes (regenerate "
                       f"them: python -m {module}): {stale}")


def test_every_committed_snapshot_has_a_generator(tmp_path: Path) -> None:
    generated: set[str] = set()
    for i, (module, function, committed) in enumerate(GENERATORS):
        out = tmp_path / str(i)
        for rel in _written(module, function, out):
            generated.add((committed / rel).relative_to(FIXTURES).as_posix())
    orphans = [rel for rel in (p.relative_to(FIXTURES).as_posix()
                               for p in sorted(FIXTURES.rglob("*.json")))
               if rel not in generated and rel not in NOT_GENERATED
               and not rel.startswith(NOT_GENERATED_PREFIXES) and not _is_raw(rel)]
    assert not orphans, f"committed fixtures that no generator writes: {orphans}"
