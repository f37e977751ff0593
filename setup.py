"""Which packages the wheel holds; everything else about it is in pyproject.toml.

Found, not listed: every package under checks/ and desktop/ (so a new topic under
checks/catalog/ needs no line here), and the repository's resources/ folder as the package
checkup_resources (pyproject.toml maps the name to the folder). pyproject.toml alone cannot
say both: its ``packages.find`` does not combine with a package of another folder's name.

A wheel is a release, like the bundle: it leaves out checks/engine/developer.py, the
developer switches (CHECKUP_RESOURCES, a developer's data-pack key), so an installed wheel
cannot honour them (checks/engine/build_flags.py). An editable install (``pip install -e``)
reads the checkout itself and keeps them.
"""

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

DEVELOPER_MODULE = ("checks.engine", "developer")


class ReleaseBuildPy(build_py):
    """build_py without the developer switches' module."""

    def find_package_modules(self, package, package_dir):  # type: ignore[no-untyped-def]
        found = super().find_package_modules(package, package_dir)
        return [m for m in found if (m[0], m[1]) != DEVELOPER_MODULE]


setup(packages=[*find_packages(include=["checks", "checks.*", "desktop", "desktop.*"]),
                "checkup_resources"],
      cmdclass={"build_py": ReleaseBuildPy})
