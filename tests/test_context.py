"""Platform context: each fixture under tests/fixtures/engine/context/ is a (mostly synthetic)
machine whose expected context is written in its meta.expect."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.engine.context import detect_context, parse_os_release
from checks.engine.i18n import translator
from checks.engine.snapshot import ReplayHost, Snapshot

CONTEXT = Path(__file__).parent / "fixtures" / "engine" / "context"
FIXTURES = sorted(CONTEXT.glob("*.json"))


def test_there_is_a_fixture_for_every_kind_of_machine() -> None:
    names = {p.stem for p in FIXTURES}
    for wanted in ("linux-docker", "linux-wsl2", "linux-vm-kvm-systemd", "linux-vm-virtualbox-dmi",
                   "linux-qubes-appvm", "linux-tails", "linux-live-ubuntu", "macos-vm",
                   "windows-hyperv", "linux-physical"):
        assert wanted in names


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_context_fixture(path: Path) -> None:
    snap = Snapshot.load(path)
    expect = snap.meta["expect"]
    assert snap.meta.get("origin") in ("synthetic", "recorded")
    if snap.meta["origin"] == "synthetic":
        assert snap.meta.get("source"), "a synthetic fixture names where its format comes from"
    ctx = detect_context(ReplayHost(snap))
    got = {key: getattr(ctx, key) for key in expect}
    assert got == expect
    if ctx.kind != "unknown":
        assert ctx.evidence, "a detected kind is backed by an evidence line"
    # the description is a sentence fragment a person can read in every language
    for lang in ("en", "es", "ar"):
        assert translator(lang).render(ctx.describe())


def test_tails_is_described_as_tails_and_shows_its_marker() -> None:
    ctx = detect_context(ReplayHost(Snapshot.load(CONTEXT / "linux-tails.json")))
    assert translator("en").render(ctx.describe()) == "Tails, the amnesic live system"
    assert any("TAILS_PRODUCT_NAME=Tails" in e.line() for e in ctx.evidence)


def test_qubes_vm_named_and_hypervisor_shown() -> None:
    ctx = detect_context(ReplayHost(Snapshot.load(CONTEXT / "linux-qubes-appvm.json")))
    assert translator("en").render(ctx.describe()) == "a Qubes OS virtual machine"
    assert ctx.to_json()["os"]["ID"] == "fedora"


def test_vm_description_names_the_hypervisor() -> None:
    ctx = detect_context(ReplayHost(Snapshot.load(CONTEXT / "windows-vmware.json")))
    assert translator("en").render(ctx.describe()) == "a virtual machine (VMware)"


def test_a_fault_in_detection_never_stops_the_scan() -> None:
    class Broken(ReplayHost):
        def read_text(self, path: str) -> str | None:
            raise RuntimeError("disk on fire")

    ctx = detect_context(Broken(Snapshot.load(CONTEXT / "linux-physical.json")))
    assert ctx.kind == "unknown"
    assert any("RuntimeError" in e.text for e in ctx.evidence)


def test_parse_os_release_handles_quotes_comments_and_junk() -> None:
    text = (
        '# comment\nNAME="Debian GNU/Linux"\nID=debian\nVERSION=\'12 (bookworm)\'\n'
        'PRETTY_NAME="Debian \\"quoted\\""\nnot a line\nlower=ignored\nBROKEN="unterminated\n\n'
    )
    osr = parse_os_release(text)
    assert osr["NAME"] == "Debian GNU/Linux"
    assert osr["ID"] == "debian"
    assert osr["VERSION"] == "12 (bookworm)"
    assert osr["PRETTY_NAME"] == 'Debian "quoted"'
    assert osr["BROKEN"] == "unterminated"
    assert "lower" not in osr
    assert parse_os_release(None) == {}
    assert parse_os_release("") == {}
