"""Start the window: ``checkup`` with no arguments, or ``python -m desktop``.

    main(argv) -> exit status

Options (all optional): ``--lang CODE`` (en, es, ar), ``--larger-text``, ``--snapshot FILE``
(show a recorded machine), ``--scenario ID`` (show a demo machine).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from checks import APP_NAME, __version__
from checks.engine.plain_text import plain

_T0 = time.monotonic()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="checkup", description="Checkup's window.")
    p.add_argument("--lang", help="interface language: en, es or ar")
    p.add_argument("--larger-text", action="store_true", help="larger text, for projectors")
    p.add_argument("--snapshot", metavar="FILE", help="show a recorded machine")
    p.add_argument("--scenario", metavar="ID", help="show a demo machine")
    p.add_argument("--portable", action="store_true", help="keep settings next to the program")
    p.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)  # packaging
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.portable:
        from checks.privacy.appdirs import request_portable

        request_portable()
    from desktop.display_check import EXIT_NO_WINDOW, window_blocker

    blocker = window_blocker()  # before Qt: its own abort cannot be caught
    if blocker is not None:
        from checks.engine.i18n import translator
        from checks.engine.ui_language import system_language

        lang = args.lang or os.environ.get("CHECKUP_LANG") or system_language()
        print(translator(lang).render(blocker), file=sys.stderr)
        return EXIT_NO_WINDOW
    try:  # PySide6 is the optional "gui" extra (no wheel on some systems): say so, plainly
        from PySide6.QtWidgets import QApplication
    except ImportError:
        print("Checkup's window needs PySide6 (pip install 'digital-security-checkup[gui]'). "
              "The command line works without it: checkup --help", file=sys.stderr)
        return 3

    from desktop.icons import app_icon
    from desktop.main_window import MainWindow
    from desktop.privacy.file_dialogs import contain_qt_settings
    from desktop.qt_i18n import default_language, set_language
    from desktop.settings import load_settings

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    from checks.privacy.appdirs import APP_ID

    app.setDesktopFileName(APP_ID)  # matches packaging/linux/<APP_ID>.desktop
    app.setWindowIcon(app_icon())
    contain_qt_settings()

    settings, problem = load_settings()
    if problem:  # damaged file: start from defaults and write them, so the notice is one-time
        from desktop.settings import save_settings

        save_settings(settings)
    if args.larger_text:
        settings.larger_text = True
    set_language(args.lang or default_language(settings.language))
    from checks.privacy.kept_pack import activate_kept

    _kept, kept_line = activate_kept()  # a kept data pack serves every scan of this window
    window = MainWindow(settings, problem)
    if kept_line is not None:
        from desktop.qt_i18n import current

        window.notice.show_notice(lambda: current().render(kept_line))
    window.show()
    if args.snapshot:
        window.open_snapshot_file(args.snapshot)
    elif args.scenario:
        if not window.open_scenario(args.scenario):
            from desktop.qt_i18n import _

            window.show_error(_("There is no demo machine called “{name}”.").format(
                name=plain(args.scenario)))
    if args.smoke_test:  # the bundle's start-up check (packaging/README.md)
        from desktop.smoke import smoke_exit

        return smoke_exit(app, window)
    if os.environ.get("CHECKUP_BENCH_GUI"):
        from desktop.bench_probe import attach

        attach(window, _T0)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
