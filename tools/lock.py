"""The lock files: every package Checkup installs, pinned with hashes, on every system.

    python -m tools.lock          resolve again from pyproject.toml (newest allowed versions)
    python -m tools.lock --keep   resolve again, keeping every pin that still fits
    python -m tools.lock --check  exit 1 when the lock files are not those of pyproject.toml

``make lock`` runs this with the uv pinned in ``requirements/uv.txt``. The files under
``requirements/`` are universal (uv's ``--universal``): one resolution for every supported
Python (3.10 and newer) and every system, with environment markers where the pins differ
(PySide6 stays below 6.12 on Python < 3.12; pywin32-ctypes only on Windows; ...), and a hash
for every file PyPI serves. pip installs them as they are (``--require-hashes``), so a machine
needs nothing but Python and pip to build the same environment as the last one.

Why these files and not ``uv.lock``: pip can install them without uv, they hold no address of
any package index, and each of ``make run``, ``make test`` and ``make package`` installs
exactly one of them:

    all.txt      the whole resolution (every extra and group); the others are cut from it
    run.txt      the app and its window                          (make run)
    test.txt     the app, its window and the test tools           (make test)
    package.txt  the app, its window and PyInstaller              (make package)
    uv.txt       uv itself                                       (make lock)

``all.txt`` carries a digest of pyproject.toml's dependency tables: a test fails when they
change and the lock files were not made again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - make lock on Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ROOT / "requirements"
OLDEST_PYTHON = "3.10"
DIGEST_PREFIX = "# pyproject-dependencies-sha256: "

# file -> (extras, dependency groups); "build" is what `pip install -e .` needs without
# build isolation (setuptools).
TARGETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "run.txt": (("gui",), ("build",)),
    "test.txt": (("test",), ("build",)),
    "package.txt": (("package",), ("build",)),
    "uv.txt": ((), ("lock",)),
}


def dependency_digest(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """A digest of what decides the resolution: requires-python and the dependency tables."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    project = data.get("project", {})
    key = {
        "requires-python": project.get("requires-python"),
        "dependencies": project.get("dependencies", []),
        "optional-dependencies": project.get("optional-dependencies", {}),
        "dependency-groups": data.get("dependency-groups", {}),
    }
    blob = json.dumps(key, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(blob).hexdigest()


def recorded_digest(path: Path = LOCKS / "all.txt") -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(DIGEST_PREFIX):
            return line[len(DIGEST_PREFIX):].strip()
    return None


def pins(path: Path) -> dict[tuple[str, str], str]:
    """(normalised name, marker) -> version for every pin in a requirements file."""
    out: dict[tuple[str, str], str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("\\")[0].strip()
        if not line or line.startswith(("#", "-")) or "==" not in line:
            continue
        spec, _, marker = line.partition(";")
        name, _, version = spec.partition("==")
        out[(name.strip().lower().replace("_", "-"), marker.strip())] = version.strip()
    return out


def _uv() -> str:
    here = Path(sys.executable).parent / "uv"
    found = str(here) if here.exists() else shutil.which("uv")
    if not found:
        sys.exit("uv is not installed: run `make lock`, which installs the pinned one")
    return found


def _compile(uv: str, out: Path, extras: tuple[str, ...], groups: tuple[str, ...],
             extra_args: list[str]) -> None:
    # A file of groups only (uv.txt) is compiled from the groups alone, not the project.
    source = ["pyproject.toml"] if extras or not groups or "build" in groups else []
    argv = [uv, "pip", "compile", *source, "--universal", "--generate-hashes",
            "--python-version", OLDEST_PYTHON, "--custom-compile-command", "make lock",
            "--quiet", "-o", str(out.relative_to(ROOT))]
    for extra in extras:
        argv += ["--extra", extra]
    for group in groups:
        argv += ["--group", group]
    subprocess.run([*argv, *extra_args], cwd=ROOT, check=True)  # noqa: S603 - our own argv


def make(upgrade: bool) -> None:
    uv = _uv()
    LOCKS.mkdir(exist_ok=True)
    everything = LOCKS / "all.txt"
    _compile(uv, everything, (), (), ["--all-extras", "--group", "build", "--group", "lock",
                                      *(["--upgrade"] if upgrade else [])])
    text = everything.read_text(encoding="utf-8")
    text = "\n".join(ln for ln in text.splitlines() if not ln.startswith(DIGEST_PREFIX))
    everything.write_text(f"{DIGEST_PREFIX}{dependency_digest()}\n{text}\n", encoding="utf-8")
    for name, (extras, groups) in TARGETS.items():
        target = LOCKS / name
        target.unlink(missing_ok=True)
        _compile(uv, target, extras, groups, ["--constraint", "requirements/all.txt"])
    problems = check()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(1)


def check() -> list[str]:
    """What is wrong with the committed lock files (empty when nothing is)."""
    problems: list[str] = []
    everything = LOCKS / "all.txt"
    if not everything.exists():
        return [f"{everything.relative_to(ROOT)} is missing: run `make lock`"]
    if recorded_digest(everything) != dependency_digest():
        problems.append("pyproject.toml's dependencies changed since the lock files were made: "
                        "run `make lock`")
    full: dict[str, set[str]] = {}
    for (name, _marker), version in pins(everything).items():
        full.setdefault(name, set()).add(version)
    for name in TARGETS:
        path = LOCKS / name
        if not path.exists():
            problems.append(f"{path.relative_to(ROOT)} is missing: run `make lock`")
            continue
        for key, version in pins(path).items():
            if version not in full.get(key[0], set()):
                problems.append(f"{path.relative_to(ROOT)} pins {key[0]}=={version}"
                                f"{' ; ' + key[1] if key[1] else ''}, which all.txt does not")
    return problems


def main(argv: list[str]) -> int:
    if "--check" in argv:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    make(upgrade="--keep" not in argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
