"""The wheel works on its own: it carries every module and resource, under names that are ours,
and an install of it in a new environment with no checkout beside it scans a demo machine in
Spanish and Arabic exactly as the checkout does. The editable install (`pip install -e`, what
`make test` uses) does the same from outside the checkout.

Nothing here touches the network: the wheel is built without build isolation from the locked
setuptools, installed with --no-index --no-deps, and finds its dependencies in this venv.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from email.parser import HeaderParser
from pathlib import Path

import pytest

import checks

ROOT = Path(__file__).resolve().parent.parent
DIST_NAME = "digital-security-checkup"
TOP_LEVEL = {"checks", "desktop", "checkup_resources"}
DEMO = ROOT / "resources" / "scenarios" / "windows10-unencrypted-telegram.json"
LANGS = ("en", "es", "ar")


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "CHECKUP_", "VIRTUAL_ENV"))}
    env["PYTHONNOUSERSITE"] = "1"
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built from a copy of the sources, so the checkout gets no build/ folder."""
    src = tmp_path_factory.mktemp("src")
    for name in ("checks", "desktop", "resources"):
        shutil.copytree(ROOT / name, src / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "-w", str(out), str(src)],
        capture_output=True, text=True, check=False, env=_clean_env())
    assert proc.returncode == 0, proc.stderr
    (built,) = out.glob("*.whl")
    return built


def _names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        return zf.namelist()


def test_the_wheel_has_our_name_our_version_and_only_our_top_level_packages(wheel: Path) -> None:
    names = _names(wheel)
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == TOP_LEVEL
    with zipfile.ZipFile(wheel) as zf:
        (meta,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        headers = HeaderParser().parsestr(zf.read(meta).decode("utf-8"))
        (top,) = [n for n in names if n.endswith(".dist-info/top_level.txt")] or [""]
        if top:
            assert set(zf.read(top).decode().split()) == TOP_LEVEL
    assert headers["Name"] == DIST_NAME
    assert headers["Version"] == checks.__version__


def test_the_wheel_carries_every_module_and_every_resource(wheel: Path) -> None:
    names = set(_names(wheel))
    wanted = {p.relative_to(ROOT).as_posix() for base in ("checks", "desktop")
              for p in (ROOT / base).rglob("*.py") if "__pycache__" not in p.parts}
    # a wheel is a release: the developer switches stay out (setup.py, build_flags.py)
    assert "checks/engine/developer.py" not in names
    wanted.discard("checks/engine/developer.py")
    wanted |= {"checkup_resources/" + p.relative_to(ROOT / "resources").as_posix()
               for p in (ROOT / "resources").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert wanted - names == set()


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv holding only the wheel; its dependencies come from this venv's
    site-packages through a .pth line (a plain path: the editable install's own .pth and
    finder in there are not run, so the checkout cannot be reached)."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "checkup_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--quiet", "--no-deps",
         "--no-index", str(wheel)], capture_output=True, text=True, check=False,
        env=_clean_env())
    assert proc.returncode == 0, proc.stderr
    return venv


def _scan(argv0: list[str], lang: str, cwd: Path) -> str:
    proc = subprocess.run([*argv0, "scan", "--replay", str(cwd / DEMO.name), "--lang", lang],
                          capture_output=True, text=True, check=False, cwd=cwd,
                          env=_clean_env(), timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert "missing" not in proc.stderr.lower(), proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The checkout's own output (python -m checks.cli from the repository)."""
    here = tmp_path_factory.mktemp("reference")
    shutil.copy2(DEMO, here / DEMO.name)
    out = {}
    for lang in LANGS:
        proc = subprocess.run(
            [sys.executable, "-m", "checks.cli", "scan", "--replay", str(here / DEMO.name),
             "--lang", lang], capture_output=True, text=True, check=False, cwd=ROOT,
            env=_clean_env(), timeout=120)
        assert proc.returncode in (0, 1), proc.stderr
        out[lang] = proc.stdout
    return out


def _without_paths(text: str) -> str:
    # The snapshot's own path is printed in the header; it differs between the two runs.
    return re.sub(r"\S*" + re.escape(DEMO.name), DEMO.name, text)


@pytest.mark.parametrize("lang", LANGS)
def test_a_wheel_install_with_no_checkout_scans_as_the_checkout_does(
        installed: Path, reference: dict[str, str], tmp_path: Path, lang: str) -> None:
    shutil.copy2(DEMO, tmp_path / DEMO.name)
    got = _scan([str(installed / "bin" / "checkup")], lang, tmp_path)
    assert _without_paths(got) == _without_paths(reference[lang])
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c",
         "import checks, checks.engine.resources as r; print(checks.__file__); print(r.resource_dir())"],
        capture_output=True, text=True, check=True, cwd=tmp_path, env=_clean_env()).stdout
    assert str(ROOT) not in where, where
    assert "checkup_resources" in where


@pytest.mark.parametrize("lang", ("es", "ar"))
def test_the_editable_install_scans_from_outside_the_checkout(
        reference: dict[str, str], tmp_path: Path, lang: str) -> None:
    script = Path(sys.executable).parent / "checkup"
    if not script.exists():
        pytest.skip("this environment has no `checkup` script (not installed with pip -e)")
    shutil.copy2(DEMO, tmp_path / DEMO.name)
    got = _scan([str(script)], lang, tmp_path)
    assert _without_paths(got) == _without_paths(reference[lang])


def test_a_wheel_install_is_not_a_developer_build(installed: Path, tmp_path: Path) -> None:
    """CHECKUP_RESOURCES and a developer's pack key are honoured by a checkout only."""
    proc = subprocess.run(
        [str(installed / "bin" / "python"), "-c",
         "import checks.engine.build_flags as b, checks.engine.resources as r; "
         "print(b.DEVELOPER_BUILD); print(r.resource_dir())"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
        env={**_clean_env(), "CHECKUP_RESOURCES": str(tmp_path / "elsewhere")}).stdout
    assert proc.splitlines()[0] == "False"
    assert "elsewhere" not in proc and "checkup_resources" in proc
