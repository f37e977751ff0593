"""Checkup's window (PySide6). Imports the engine (``checks``); the engine never imports this."""
