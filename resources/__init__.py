"""Checkup's read-only resources: guidance, principles, data, translations, demo machines, icons.

This folder is data, not code. In the repository it is ``resources/``; installed, it is the
package ``checkup_resources`` (pyproject.toml maps the one to the other) so that a wheel
carries it and ``checks.engine.resources`` finds it through ``importlib.resources``.
"""
