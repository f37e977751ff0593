"""Checkup's engine: hosts, snapshots, checks and findings. Never imports Qt."""

__version__ = "0.1.0"
APP_NAME = "Checkup"
