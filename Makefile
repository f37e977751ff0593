# Two commands set everything up on a fresh machine:
#   make run    create .venv, install Checkup with its window, start it
#   make test   create .venv, install the test tools too, run the whole suite
# Both install exactly what the lock files under requirements/ pin, with their hashes
# (tools/lock.py says why these files); `make lock` makes them again from pyproject.toml.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP_LOCKED := $(PY) -m pip install --quiet --require-hashes --no-deps -r
# The project itself, from this folder, with the locked setuptools (no build isolation: that
# would fetch an unpinned setuptools).
PIP_SELF := $(PY) -m pip install --quiet --no-deps --no-build-isolation -e .

.PHONY: run test fuzz lint lock lock-check i18n-check i18n-update bench screenshots package clean sysdeps

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-installed: pyproject.toml requirements/run.txt | $(PY)
	$(PIP_LOCKED) requirements/run.txt
	$(PIP_SELF)
	touch $@

$(VENV)/.test-installed: pyproject.toml requirements/test.txt | $(PY)
	$(PIP_LOCKED) requirements/test.txt
	$(PIP_SELF)
	touch $@

# The app and its window only: the test tools are not installed for this.
run: $(VENV)/.run-installed
	$(VENV)/bin/checkup $(ARGS)

# uv, at the version requirements/uv.txt pins, in a venv of its own (.venv-lock).
lock:
	test -x .venv-lock/bin/python || $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/uv.txt
	.venv-lock/bin/python -m tools.lock $(LOCK_ARGS)

# System packages (Debian/Ubuntu), looked up quickly and installed only when one is missing:
# with root and apt-get they are installed; otherwise the command to run is printed (the
# suite then skips what needs them, and `make package` fails with the missing library named).
# - strace proves the scan opens no inet socket;
# - CHECK_TOOLS (command:package) check what packaging makes, and run real tools in tests;
# - DATA_DEPS (file glob:package) are data those tools need;
# - QT_LIBS (soname:package) are what Qt's platform plugins link against (ldd on
#   PySide6/Qt/plugins/platforms/libqxcb.so and libqwayland*.so) and the bundle must carry or
#   find on the system: without them the window cannot start under X11 and the Linux bundle
#   would be built without them. libcups2: printing uses the system's CUPS library.
sysdeps:
	@missing=""; \
	for pair in strace:strace $(CHECK_TOOLS); do \
	  command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	libs="$$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null)"; \
	for pair in $(QT_LIBS); do \
	  printf '%s\n' "$$libs" | grep -q "^[[:space:]]*$${pair%%:*} " || \
	    missing="$$missing $${pair#*:}"; done; \
	for pair in $(DATA_DEPS); do \
	  ls $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "make sysdeps: installing$$missing"; \
	    (apt-get install -y -qq $$missing >/dev/null 2>&1 || \
	     (apt-get update -qq >/dev/null && apt-get install -y -qq $$missing >/dev/null)) || \
	    echo "make sysdeps: could not install$$missing (tests that need them are skipped;" \
	         "make package fails)"; \
	  else echo "make sysdeps: missing Debian packages:$$missing -- install them with:" \
	            "sudo apt-get install$$missing (tests that need them are skipped;" \
	            "make package fails)"; fi; fi

# Independent tools (command:Debian package) that check what packaging makes: the Go age
# opens reports pyrage protected, minisign verifies our signatures, appstreamcli and
# desktop-file-validate check the Linux metadata; mkfs.fat makes the FAT image the safe-write
# tests save to (tests/test_safe_write.py) and fusefat mounts it where a loop mount cannot
# (containers); pdftotext reads back the PDFs of tests/test_hostile_text.py.
CHECK_TOOLS := age:age minisign:minisign appstreamcli:appstream \
	desktop-file-validate:desktop-file-utils gsettings:libglib2.0-bin setsid:util-linux \
	mkfs.fat:dosfstools fusefat:fusefat pdftotext:poppler-utils

# Files (glob:Debian package) the real-tool tests of the settings database need: GNOME's
# schemas and dconf's GSettings backend, so `gsettings` answers as on a desktop (tests of
# checks/engine/tool_env.py: no dbus-daemon is started, no display variable reaches the tool).
DATA_DEPS := /usr/share/glib-2.0/schemas/org.gnome.desktop.screensaver.gschema.xml:gsettings-desktop-schemas \
	/usr/lib/*/gio/modules/libdconfsettings.so:dconf-gsettings-backend

# Libraries of Qt's platform plugins (soname:Debian package); README.md lists the same.
QT_LIBS := libxkbcommon-x11.so.0:libxkbcommon-x11-0 libxcb-cursor.so.0:libxcb-cursor0 \
	libxcb-icccm.so.4:libxcb-icccm4 libxcb-keysyms.so.1:libxcb-keysyms1 \
	libxcb-image.so.0:libxcb-image0 libxcb-render-util.so.0:libxcb-render-util0 \
	libxcb-randr.so.0:libxcb-randr0 libxcb-shape.so.0:libxcb-shape0 libxcb-xkb.so.1:libxcb-xkb1 \
	libX11-xcb.so.1:libx11-xcb1 libEGL.so.1:libegl1 libGL.so.1:libgl1 \
	libfontconfig.so.1:libfontconfig1 libdbus-1.so.3:libdbus-1-3 libglib-2.0.so.0:libglib2.0-0 \
	libwayland-client.so.0:libwayland-client0 libwayland-cursor.so.0:libwayland-cursor0 \
	libwayland-egl.so.1:libwayland-egl1 libcups.so.2:libcups2

# The bundle for this system (packaging/README.md): PyInstaller build, checks of the folder
# (ldd, names, links, language data), smoke test from a copy in an empty environment, a
# second build that must give a byte-identical archive, SHA256SUMS and its minisign
# signature. Not part of `test`.
package: sysdeps | $(PY)
	$(PIP_LOCKED) requirements/package.txt
	$(PIP_SELF)
	$(PY) -m tools.package --twice

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check checks desktop tests tools
	$(VENV)/bin/mypy

i18n-check: $(VENV)/.test-installed
	$(PY) -m tools.i18n check

i18n-update: $(VENV)/.test-installed
	$(PY) -m tools.i18n update

# The lock files are those of pyproject.toml's dependencies (tools/lock.py).
lock-check: $(VENV)/.test-installed
	$(PY) -m tools.lock --check

# The suite runs on every core (pytest-xdist; TEST_WORKERS=0 runs it in this one process,
# which is what `pytest` alone does).
TEST_WORKERS ?= auto

# Every stage runs even when an earlier one fails, so one run shows every problem;
# the target fails if any stage failed.
test: $(VENV)/.test-installed sysdeps
	@status=0; \
	$(MAKE) --no-print-directory lint || status=1; \
	$(MAKE) --no-print-directory lock-check || status=1; \
	$(MAKE) --no-print-directory i18n-check || status=1; \
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -n $(TEST_WORKERS) \
	  || status=1; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED (see above)"; fi; \
	exit $$status

# The property-based tests (Hypothesis: tests/test_fuzz_*.py) with the large budget: 2 000
# examples per property (FUZZ_EXAMPLES=n for another number) from a fresh seed each run;
# `make test` runs the same tests with a few dozen, derandomized, so it stays quick. A failure
# prints its example and a @reproduce_failure(...) line that replays it. No example database
# is kept and Hypothesis' cache lives in the temporary folder (tests/conftest.py).
FUZZ_EXAMPLES ?= 2000
fuzz: $(VENV)/.test-installed
	CHECKUP_FUZZ=1 CHECKUP_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) QT_QPA_PLATFORM=offscreen \
	  $(PY) -m pytest -q -p no:cacheprovider $(sort $(wildcard tests/test_fuzz_*.py))

bench: $(VENV)/.run-installed
	$(PY) -m tools.bench

# Pictures of the window (English, Arabic, larger text) in docs/screenshots/, offscreen.
screenshots: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(PY) -m tools.screenshots

clean:
	rm -rf $(VENV) .venv-lock build dist *.egg-info
