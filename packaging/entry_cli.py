"""The bundle's ``checkup`` program: the command line, and the window when started without
a command (exactly what the installed ``checkup`` script does)."""

import sys

from checks.cli import main

if __name__ == "__main__":
    sys.exit(main())
