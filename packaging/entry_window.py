"""The bundle's ``checkup-window`` program, on every system: the window (on Windows no console
opens behind it; on macOS it is the app's main program). Options are those of ``checkup``
without a command: ``--lang``, ``--larger-text``, ``--portable``, ..."""

import sys

from checks.cli import main, open_window

if __name__ == "__main__":
    # Older macOS passes a process serial number (-psn_0_12345) when Finder starts an app.
    args = [a for a in sys.argv[1:] if not a.startswith("-psn_")]
    if args and not args[0].startswith("-"):  # a command: the command line handles it
        sys.exit(main(args))
    if "--portable" in args:
        from checks.privacy.appdirs import request_portable

        request_portable()
        args = [a for a in args if a != "--portable"]
    sys.exit(open_window(args))
