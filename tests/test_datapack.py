"""Signed data packs (checks/engine/datapack.py, checks/privacy/kept_pack.py, checkup data ...,
checkup scan --data): packs signed by the real minisign tool with keys made at test time load;
each kind of bad pack is refused with one line and changes nothing; the release path trusts
only the project's keys and ignores CHECKUP_RESOURCES."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checks import cli
from checks.engine import build_flags, datafile, datapack, pack_keys, resources
from checks.engine.datapack import PackRefused
from checks.privacy import kept_pack
from tests.engine_support import fresh_env
from tests.fuzz_support import mutated_bytes, mutated_value, scaled
from tests.pack_support import MINISIGN, debian_12_lts, make_key, make_pack, needs_minisign

ROOT = Path(__file__).resolve().parent.parent

pytestmark = needs_minisign


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("keys")
    return {"dev": make_key(folder, "dev"), "other": make_key(folder, "other")}


@pytest.fixture
def trusted(keys: dict[str, tuple[Path, Path]], monkeypatch: pytest.MonkeyPatch,
            tmp_path: Path) -> Iterator[Path]:
    """The developer key trusted (developer build), settings in a folder of the test's own."""
    monkeypatch.setenv("CHECKUP_DEVELOPER_PACK_KEY", str(keys["dev"][1]))
    monkeypatch.setenv("CHECKUP_CONFIG_DIR", str(tmp_path / "settings"))
    yield keys["dev"][0]


def _refused(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """``checkup data verify`` refuses with exactly one line and the data in use is unchanged."""
    before = datafile.data_origin()
    assert cli.main(["data", "verify", str(path)]) == cli.EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1, err
    assert datafile.data_origin() == before and before.kind == "bundled"
    with pytest.raises(PackRefused):
        datapack.refuse_unless_newer(datapack.read_pack(path), datapack.bundled_release())
    return err


def test_a_pack_minisign_signed_loads_and_is_served(trusted: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    pack_file = make_pack(tmp_path / "checkup-data-2.json", trusted)
    assert cli.main(["data", "verify", str(pack_file)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "checkup-data-2.json: a Checkup data pack, number 2, released 2026-12-20." in out
    assert "developer's test key" in out and "os-support" in out
    pack = datapack.read_pack(pack_file)
    datapack.use(pack)
    origin = datafile.data_origin()
    assert (origin.kind, origin.released, origin.sequence, origin.label) == \
        ("pack", date(2026, 12, 20), 2, "checkup-data-2.json")
    assert datafile.load_data("os-support").pack == "checkup-data-2.json"
    datapack.use(None)
    assert datafile.data_origin().kind == "bundled"
    assert datafile.load_data("os-support").pack == ""


def test_the_real_minisign_tool_verifies_the_extracted_payload(trusted: Path, tmp_path: Path,
                                                               keys: dict[str, Any]) -> None:
    """The trainer's check (docs/trainers/data-packs.md): payload and signature taken out of
    the pack verify with minisign itself."""
    envelope = json.loads(make_pack(tmp_path / "p.json", trusted).read_text(encoding="utf-8"))
    (tmp_path / "payload.json").write_bytes(base64.b64decode(envelope["payload"]))
    (tmp_path / "payload.json.minisig").write_text(envelope["signature"], encoding="utf-8")
    proc = subprocess.run([str(MINISIGN), "-V", "-p", str(keys["dev"][1]), "-m",  # noqa: S603
                           str(tmp_path / "payload.json")], capture_output=True, text=True,
                          check=False, timeout=60)
    assert proc.returncode == 0 and "Signature and comment signature verified" in proc.stdout


def test_one_changed_byte_is_refused(trusted: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = make_pack(tmp_path / "p.json", trusted)
    envelope = json.loads(path.read_text(encoding="utf-8"))
    payload = bytearray(base64.b64decode(envelope["payload"]))
    at = payload.index(b"2026-06-10")  # Debian 12's end of standard support
    payload[at + 3] = ord("7")
    envelope["payload"] = base64.b64encode(bytes(payload)).decode()
    path.write_text(json.dumps(envelope), encoding="utf-8")
    assert "does not match its signature" in _refused(path, capsys)


def test_a_changed_trusted_comment_is_refused(trusted: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = make_pack(tmp_path / "p.json", trusted)
    envelope = json.loads(path.read_text(encoding="utf-8"))
    envelope["signature"] = envelope["signature"].replace("test pack 2", "test pack 9")
    path.write_text(json.dumps(envelope), encoding="utf-8")
    assert "does not match its signature" in _refused(path, capsys)


def test_a_wrong_key_is_refused(trusted: Path, keys: dict[str, Any], tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    path = make_pack(tmp_path / "p.json", keys["other"][0])
    assert "a key this Checkup does not trust" in _refused(path, capsys)


def test_an_older_sequence_is_refused(trusted: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = make_pack(tmp_path / "p.json", trusted, sequence=datapack.bundled_release().sequence)
    assert "is not newer than the data this Checkup already has" in _refused(path, capsys)


def test_an_unknown_schema_is_refused(trusted: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = make_pack(tmp_path / "p.json", trusted, version=2)
    assert "kind of data pack this Checkup cannot read (version 2)" in _refused(path, capsys)


def test_a_data_file_of_a_newer_version_is_refused(trusted: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    def newer(files: dict[str, Any]) -> None:
        files["browsers"]["version"] = 7

    path = make_pack(tmp_path / "p.json", trusted, edit=newer)
    assert "holds a data file this Checkup cannot use" in _refused(path, capsys)


def test_a_truncated_pack_is_refused(trusted: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = make_pack(tmp_path / "p.json", trusted)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert "damaged or cut short" in _refused(path, capsys)


def test_a_50_mb_file_is_refused_after_a_bounded_read(trusted: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:
        fh.truncate(50 * 2**20)
    assert "larger than any data pack" in _refused(path, capsys)


def test_scan_with_data_changes_the_verdict_and_names_the_pack(
        trusted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def debian_later(files: dict[str, Any]) -> None:
        entry = next(e for e in files["os-support"]["entries"] if e["id"] == "debian-12")
        entry["standard_end"] = "2029-06-10"

    path = make_pack(tmp_path / "debian-later.json", trusted, edit=debian_later)
    scan = ["scan", "--only", "os-supported", "--replay", str(debian_12_lts(tmp_path)),
            "--json"]
    cli.main(scan)
    before = json.loads(capsys.readouterr().out)["findings"][0]
    cli.main([*scan, "--data", str(path)])
    out, err = capsys.readouterr()
    after = json.loads(out)["findings"][0]
    assert (before["status"], after["status"]) == ("fail", "pass")
    assert "2029-06-10" in after["summary"]["text"]
    assert any(e["source"] == "os-support.json in the data pack debian-later.json"
               and "2029-06-10" in e["text"] for e in after["evidence"])
    assert "This scan uses the data pack debian-later.json (number 2" in err
    assert datafile.data_origin().kind == "bundled"  # this run only
    assert not (tmp_path / "settings").exists()


def test_keep_then_later_scans_use_it_and_forget_removes_it(
        trusted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = make_pack(tmp_path / "checkup-data-2.json", trusted)
    assert cli.main(["data", "keep", str(path)]) == cli.EXIT_OK
    kept = tmp_path / "settings" / "data-pack" / "checkup-data-2.json"
    assert kept.read_bytes() == path.read_bytes() and "Kept in" in capsys.readouterr().out
    pack, line = kept_pack.activate_kept()
    assert pack is not None and line is None
    assert datafile.data_origin().label == "checkup-data-2.json"
    datapack.use(None)
    # keeping the same pack again: not newer than what is kept
    assert cli.main(["data", "keep", str(path)]) == cli.EXIT_USAGE
    assert "not newer" in capsys.readouterr().err
    assert cli.main(["forget", "--dry-run"]) == cli.EXIT_OK
    assert "data-pack" in capsys.readouterr().out and kept.exists()
    cli.main(["forget"])
    assert not kept.exists() and kept_pack.kept_file() is None


def test_a_kept_pack_older_than_new_bundled_data_is_ignored(
        trusted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli.main(["data", "keep", str(make_pack(tmp_path / "p.json", trusted))]) == 0
    monkeypatch.setattr(datapack, "bundled_release",
                        lambda: datapack.Release(date(2027, 3, 1), 5))  # an updated Checkup
    pack, line = kept_pack.activate_kept()
    assert pack is None and line is not None
    assert "not newer than the data this Checkup already has (number 5" in \
        cli.translator("en").render(line)
    assert datafile.data_origin().kind == "bundled"


def test_keep_is_refused_when_nothing_can_be_kept(trusted: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from checks.privacy import appdirs

    path = make_pack(tmp_path / "p.json", trusted)
    monkeypatch.setattr(appdirs, "_memory_reason", "/media/stick cannot be written")
    assert cli.main(["data", "keep", str(path)]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "keeps nothing on this computer" in err
    assert not (tmp_path / "settings").exists()


def test_the_release_path_refuses_a_test_key_and_ignores_checkup_resources(
        trusted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = make_pack(tmp_path / "p.json", trusted)
    monkeypatch.setenv("CHECKUP_RESOURCES", str(tmp_path / "elsewhere"))
    assert resources.resource_dir() == tmp_path / "elsewhere"  # a developer build honours it
    monkeypatch.setattr(build_flags, "DEVELOPER_BUILD", False)
    assert resources.resource_dir() != tmp_path / "elsewhere"
    assert [k.role for k in pack_keys.trusted_keys()] == ["release", "rotation"]
    assert "a key this Checkup does not trust" in _refused(path, capsys)


def test_the_trusted_keys_are_the_committed_public_keys() -> None:
    from checks.engine.minisign import PublicKey

    for name, line in (("release", pack_keys.RELEASE_KEY), ("rotation", pack_keys.ROTATION_KEY)):
        text = (ROOT / "packaging" / "keys" / f"{name}.pub").read_text(encoding="ascii")
        assert text.splitlines()[1] == line
        assert PublicKey.parse(text) == PublicKey.parse(line)
    assert not list((ROOT / "packaging" / "keys").glob("*.key"))


def test_the_bundle_leaves_the_developer_switches_out() -> None:
    spec = (ROOT / "packaging" / "checkup.spec").read_text(encoding="utf-8")
    assert 'DEVELOPER_MODULE = "checks.engine.developer"' in spec
    assert "excludes=QT_EXCLUDES + PY_EXCLUDES + [DEVELOPER_MODULE]" in spec


def test_scan_with_data_writes_nothing(trusted: Path, tmp_path: Path,
                                       keys: dict[str, Any]) -> None:
    path = make_pack(tmp_path / "p.json", trusted)
    (tmp_path / "fresh").mkdir()
    env, dirs = fresh_env(tmp_path / "fresh")
    env.update(PYTHONPATH=str(ROOT), CHECKUP_DEVELOPER_PACK_KEY=str(keys["dev"][1]))
    for args in (["data", "verify", str(path)],
                 ["scan", "--only", "os-supported", "--data", str(path)]):
        proc = subprocess.run([sys.executable, "-m", "checks.cli", *args], env=env,  # noqa: S603
                              cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
        assert proc.returncode in (0, 1), proc.stderr
    assert [p for d in dirs.values() for p in d.rglob("*")] == []


# -- fuzz: the loader gives PackRefused (one line) or a whole pack, never another error -------

@pytest.fixture(scope="module")
def seed_pack(keys: dict[str, tuple[Path, Path]], tmp_path_factory: pytest.TempPathFactory
              ) -> bytes:
    return make_pack(tmp_path_factory.mktemp("seed") / "seed.json", keys["dev"][0]).read_bytes()


@given(data=st.data())
@scaled(ci=20)
def test_a_mutated_pack_is_refused_with_one_line(seed_pack: bytes, data: st.DataObject) -> None:
    raw = data.draw(mutated_bytes(seed_pack))
    try:
        pack = datapack.pack_from_bytes(raw, "fuzz.json")
    except PackRefused as exc:
        assert "\n" not in str(exc)
        return
    assert pack.files and pack.sequence > 0  # a mutation that kept the signature whole


@given(data=st.data())
@scaled(ci=20)
def test_a_mutated_signed_payload_is_refused_with_one_line(seed_pack: bytes,
                                                           data: st.DataObject) -> None:
    payload = base64.b64decode(json.loads(seed_pack)["payload"])
    value = json.loads(payload)
    changed = data.draw(mutated_value(value)) if data.draw(st.booleans()) else None
    raw = (json.dumps(changed, default=lambda b: b.decode("latin-1")).encode(
        "utf-8", "surrogatepass") if changed is not None
           else data.draw(mutated_bytes(payload)))
    try:
        datapack._payload(raw, "fuzz.json")
    except PackRefused as exc:
        assert "\n" not in str(exc)
