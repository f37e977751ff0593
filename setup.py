"""Which packages the wheel holds; everything else about it is in pyproject.toml.

Found, not listed: every package under checks/ and desktop/ (so a new topic under
checks/catalog/ needs no line here), and the repository's resources/ folder as the package
checkup_resources (pyproject.toml maps the name to the folder). pyproject.toml alone cannot
say both: its ``packages.find`` does not combine with a package of another folder's name.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["checks", "checks.*", "desktop", "desktop.*"]),
                "checkup_resources"])
