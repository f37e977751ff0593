"""Pictures of the main window for the README and trainers: ``make screenshots``.

Starts the real window (real checks, real translations) offscreen, opens a demo machine,
selects its most urgent finding and saves PNGs under docs/screenshots/:

    main-window-en.png            English
    main-window-ar.png            Arabic (right to left)
    main-window-larger-text.png   English with "larger text" (for projectors)
    main-window-start-es.png      Spanish, before any scan

Settings go to a temporary folder that is deleted afterwards; nothing else is written.
Run with QT_QPA_PLATFORM=xcb under Xvfb to photograph a real X11 window instead.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SCENARIO = "windows10-unencrypted-telegram"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.screenshots")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--scenario", default=SCENARIO)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="checkup-shots-") as tmp:
        os.environ["CHECKUP_CONFIG_DIR"] = tmp
        return _shoot(args.out, args.scenario)


def _shoot(out: Path, scenario: str) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from desktop.icons import app_icon
    from desktop.main_window import MainWindow
    from desktop.privacy.file_dialogs import contain_qt_settings
    from desktop.qt_i18n import set_language
    from desktop.settings import Settings

    app = QApplication.instance() or QApplication(["Checkup"])
    assert isinstance(app, QApplication)
    app.setApplicationName("Checkup")
    app.setWindowIcon(app_icon())
    contain_qt_settings()
    base_font = QFont(app.font())
    out.mkdir(parents=True, exist_ok=True)
    shots = [
        ("main-window-en.png", "en", False, (1280, 800), True),
        ("main-window-ar.png", "ar", False, (1280, 800), True),
        ("main-window-larger-text.png", "en", True, (1600, 1000), True),
        ("main-window-start-es.png", "es", False, (1100, 620), False),
    ]
    for name, lang, larger, size, scan in shots:
        QApplication.setFont(base_font)
        set_language(lang)
        window = MainWindow(Settings(language=lang, larger_text=larger),
                            base_font=base_font, persist_settings=False)
        window.resize(*size)
        window.show()
        if scan:
            loop = QEventLoop()
            window.scanFinished.connect(lambda _r, lp=loop: lp.quit())
            QTimer.singleShot(30000, loop.quit)
            if not window.open_scenario(scenario):
                print(f"no scenario {scenario!r}", file=sys.stderr)
                return 1
            loop.exec()
            window.findings.select_first()
        for _ in range(5):
            app.processEvents()
        path = out / name
        if not window.grab().save(str(path)):
            print(f"could not write {path}", file=sys.stderr)
            return 1
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
        window.close()
        window.deleteLater()
        app.processEvents()
    set_language("en")
    return 0


if __name__ == "__main__":
    sys.exit(main())
