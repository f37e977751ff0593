"""Every loader, fed mutated real files and random ones (Hypothesis; issue 17, item 7).

The loaders read files an adversary may have written or a disk may have damaged: snapshots,
the window's settings, a trainer's summary files and typed codes, the bundled data files,
protected reports. Seeded with the real ones (the fixture snapshots, the workshop summaries,
the shipped data files, an age file), each mutation (tests/fuzz_support.py) must give the
loader's own documented error or a value that keeps the loader's promises — never another
exception. A protected report is all or nothing: a changed file opens to exactly what was
protected, or not at all.

Budgets as in tests/fuzz_support.py: twenty examples each (forty for the costlier ones) in
``make test``, thousands in ``make fuzz``.
"""

from __future__ import annotations

import functools
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checks.engine import datafile
from checks.engine.bounded_json import loads
from checks.engine.datafile import DataError, DataFile
from checks.engine.snapshot import ReplayHost, Snapshot, SnapshotError
from checks.privacy.report_crypto import (
    DamagedFile,
    HeaderInfo,
    ReportCryptoError,
    decrypt,
    parse_header,
)
from checks.workshop.summary import Summary, SummaryError, parse_code, parse_file_bytes, validate
from tests.fuzz_support import (
    FIXTURES,
    json_values,
    machine_bytes,
    machine_text,
    mutated_bytes,
    mutated_value,
    scaled,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "resources" / "data"
MAX_SEED_BYTES = 200_000  # larger fixture snapshots cost more per example than they add


def _raw(draw: st.DrawFn, seeds: tuple[bytes, ...]) -> bytes:
    """A seed changed at the byte level, or parsed and changed as JSON, or random bytes."""
    seed = draw(st.sampled_from(seeds))
    how = draw(st.integers(0, 9))
    if how < 5:
        return draw(mutated_bytes(seed))
    if how < 9:
        try:
            value = json.loads(seed)
        except ValueError:
            return draw(mutated_bytes(seed))
        changed = draw(mutated_value(value))
        return json.dumps(changed, ensure_ascii=draw(st.booleans()),
                          default=lambda b: b.decode("latin-1")).encode("utf-8", "surrogatepass")
    return draw(machine_bytes(2000))


# -- snapshots ------------------------------------------------------------------------------

@functools.cache
def snapshot_seeds() -> tuple[bytes, ...]:
    out = []
    for path in sorted(FIXTURES.rglob("*.json")):
        if path.stat().st_size > MAX_SEED_BYTES:
            continue
        data = path.read_bytes()
        if b'"checkup-snapshot"' in data:
            out.append(data)
    assert len(out) > 50, "the fixture snapshots were not found"
    return tuple(out)


@given(data=st.data())
@scaled(ci=40)
def test_a_mutated_snapshot_loads_or_is_refused_with_snapshot_error(data: st.DataObject) -> None:
    raw = _raw(data.draw, snapshot_seeds())
    with tempfile.TemporaryDirectory(prefix="checkup-fuzz-") as folder:
        path = Path(folder) / "snapshot.json"
        path.write_bytes(raw)
        try:
            snap = Snapshot.load(path)
        except SnapshotError as exc:
            assert "\n" not in str(exc), exc  # one line
            return
    # what loaded is whole: it writes back out, loads again the same, and can be replayed
    again = Snapshot.from_json(json.loads(json.dumps(snap.to_json())))
    assert again.to_json() == snap.to_json()
    host = ReplayHost(snap)
    assert host.platform.system and host.now().year >= 1980


# -- settings -------------------------------------------------------------------------------

_SETTINGS_SEEDS = tuple(json.dumps(v).encode() for v in (
    {"version": 1, "language": "es", "larger_text": True},
    {"version": 1, "language": None, "larger_text": False},
    {"language": "ar"},
))


@given(data=st.data())
def test_settings_are_the_saved_ones_or_defaults_with_a_reason(data: st.DataObject) -> None:
    from desktop.settings import Settings, load_settings

    raw = _raw(data.draw, _SETTINGS_SEEDS)
    with tempfile.TemporaryDirectory(prefix="checkup-fuzz-") as folder:
        path = Path(folder) / "settings.json"
        path.write_bytes(raw)
        settings, problem = load_settings(path)
    assert isinstance(settings, Settings)
    assert settings.language is None or (isinstance(settings.language, str)
                                         and 0 < len(settings.language) <= 16)
    assert isinstance(settings.larger_text, bool)
    if problem is not None:
        assert settings == Settings() and "\n" not in problem.strip()


# -- summary files and typed codes ---------------------------------------------------------

@functools.cache
def summary_seeds() -> tuple[bytes, ...]:
    from checks.engine.model import Status

    made = Summary("windows", "0.1.0", "0badc0de",
                   (("disk-encryption", Status.PASS), ("firewall", Status.FAIL),
                    ("some-later-check", Status.UNKNOWN))).file_bytes()
    found = tuple(p.read_bytes() for p in sorted((FIXTURES / "workshop").glob("*.json")))
    return (made, *found)


@given(data=st.data())
def test_a_summary_file_parses_whole_or_is_refused_with_summary_error(
        data: st.DataObject) -> None:
    raw = _raw(data.draw, summary_seeds())
    try:
        summary = parse_file_bytes(raw)
    except SummaryError as exc:
        assert exc.reason.msgid
        return
    validate(summary)  # only values within the allowed set
    assert parse_file_bytes(summary.file_bytes()) == summary
    assert parse_code(summary.typed_code()) == summary


@given(data=st.data())
def test_a_typed_code_parses_or_is_refused_with_summary_error(data: st.DataObject) -> None:
    from checks.engine.model import Status

    code = Summary("linux", "0.1.0", "12345678",
                   (("screen-lock", Status.ATTENTION), ("os-updates", Status.PASS))).typed_code()
    text = data.draw(st.one_of(machine_text(80), st.just(code).flatmap(
        lambda c: st.builds(lambda i, ch: c[:i] + ch + c[i + 1:],
                            st.integers(0, len(c) - 1), st.characters()))))
    try:
        summary = parse_code(text)
    except SummaryError:
        return
    validate(summary)


# -- data files ---------------------------------------------------------------------------

def _loaders() -> dict[str, Callable[[], Any]]:
    from checks.catalog.browsers import facts as browsers
    from checks.catalog.messaging import facts as messaging
    from checks.catalog.os_supported import data as os_supported_data
    from checks.catalog.password_manager import facts as password_manager
    from checks.catalog.trusted_certificates import facts as trusted_certificates

    return {
        "os-support": os_supported_data.load_support,
        "messengers": messaging.load_messengers,
        "browsers": browsers.load_browsers,
        "password-managers": password_manager.load_managers,
        "interception-roots": trusted_certificates.load_blocklist,
        "windows-root-store": trusted_certificates.load_windows_vendor,
        "remote-tools": lambda: datafile.load_data("remote-tools", required=("id", "name")),
    }


def test_every_shipped_data_file_has_a_fuzzed_loader() -> None:
    assert sorted(_loaders()) == sorted(p.stem for p in DATA.glob("*.json"))


@pytest.mark.parametrize("name", sorted(p.stem for p in DATA.glob("*.json")))
@given(data=st.data())
@scaled(ci=15)
def test_a_mutated_data_file_loads_or_is_a_data_error(name: str, data: st.DataObject) -> None:
    seed = (DATA / f"{name}.json").read_bytes()
    raw = _raw(data.draw, (seed,))
    with tempfile.TemporaryDirectory(prefix="checkup-fuzz-") as folder:
        (Path(folder) / f"{name}.json").write_bytes(raw)

        def resource_path(*parts: str) -> Path:
            return Path(folder).joinpath(*parts[1:])

        with mock.patch.object(datafile, "resource_path", resource_path), \
                mock.patch.object(datafile, "_cache", {}):
            try:
                loaded = _loaders()[name]()
            except DataError as exc:
                assert name in str(exc), exc
                return
    df = loaded[0] if isinstance(loaded, tuple) else loaded
    if isinstance(df, DataFile):
        assert 1980 <= df.gathered.year <= 2200 and df.entries


# -- the bounded JSON reader -----------------------------------------------------------------

@given(st.one_of(machine_text(400), st.recursive(
    st.sampled_from(["1", "-0", "1e999", "NaN", "9" * 50, '"x"', "null", "[]", "{}"]),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: "[" + ",".join(xs) + "]"),
        st.lists(st.tuples(st.sampled_from(['"a"', '"b"']), inner), max_size=3).map(
            lambda kv: "{" + ",".join(f"{k}:{v}" for k, v in kv) + "}"),
        inner.map(lambda x: "[" * 70 + x + "]" * 70)),
    max_leaves=20)))
def test_bounded_loads_raises_value_error_only(text: str) -> None:
    try:
        value = loads(text, max_bytes=100_000, max_string=100)
    except ValueError:
        return
    assert value is None or isinstance(value, (bool, int, float, str, list, dict))


@given(json_values())
def test_what_json_writes_bounded_loads_reads_back(value: Any) -> None:
    try:
        text = json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):  # bytes, NaN: not JSON
        return
    try:
        back = loads(text, max_bytes=10**6, max_string=10**4)
    except ValueError as exc:  # only what the bounds refuse
        assert any(w in str(exc) for w in ("number", "twice", "nested", "characters")), exc
        return
    assert back == json.loads(text)


# -- protected reports ------------------------------------------------------------------------

PLAIN = b"<!DOCTYPE html><p>protected findings</p>" * 2000  # two chunks
PASS = "four unrelated words here"
CHEAP_WORK = 12  # rage is run only on files whose work factor costs milliseconds


@functools.cache
def age_seeds() -> tuple[bytes, ...]:
    from tests.test_report_crypto_messages import age_file, armored

    binary = age_file(PLAIN, PASS, 10)
    return (binary, armored(binary), age_file(b"", PASS, 10))


@given(data=st.data())
@scaled(ci=40)
def test_a_changed_protected_report_opens_whole_or_not_at_all(data: st.DataObject) -> None:
    seeds = age_seeds()
    raw = data.draw(st.one_of(st.sampled_from(seeds).flatmap(mutated_bytes),
                              machine_bytes(300)))
    try:
        info = parse_header(raw)
    except DamagedFile as exc:
        assert str(exc)
        info = None
    else:
        assert info is None or isinstance(info, HeaderInfo)
    if info is not None and (info.work_factor or 99) > CHEAP_WORK:
        return  # rage would spend up to seconds and gigabytes on it; the header is checked
    try:
        plain = decrypt(raw, PASS)
    except ReportCryptoError as exc:
        assert exc.message.msgid
        return
    assert plain in (PLAIN, b"")  # never a part, never something else


@given(machine_bytes(600))
def test_random_bytes_are_not_a_protected_report(raw: bytes) -> None:
    try:
        info = parse_header(raw)
    except DamagedFile:
        return
    assert info is None or raw.startswith((b"age-encryption.org/v1\n", b"-----BEGIN AGE"))
