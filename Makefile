# Two commands set everything up on a fresh machine:
#   make run    create .venv, install Checkup with its window, start it
#   make test   create .venv, install test tools, run the whole suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint i18n-check i18n-update bench screenshots package clean sysdeps

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/checkup $(ARGS)

# System tools the suite needs: strace proves the scan opens no inet socket.
sysdeps:
	@command -v strace >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -qq strace >/dev/null 2>&1 || \
	     (apt-get update -qq >/dev/null && apt-get install -y -qq strace >/dev/null)); \
	  else echo "strace missing: the no-network trace test will be skipped"; fi; }
	@missing=""; for pair in $(CHECK_TOOLS); do \
	  command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -qq $$missing >/dev/null 2>&1 || \
	     (apt-get update -qq >/dev/null && apt-get install -y -qq $$missing >/dev/null)) || \
	    echo "could not install$$missing: their tests will be skipped"; \
	  else echo "missing Debian packages$$missing: their tests will be skipped"; fi; fi

# Independent tools (command:Debian package) that check what packaging makes: the Go age
# opens reports pyrage protected, minisign verifies our signatures, appstreamcli and
# desktop-file-validate check the Linux metadata.
CHECK_TOOLS := age:age minisign:minisign appstreamcli:appstream \
	desktop-file-validate:desktop-file-utils

# The bundle for this system (packaging/README.md): PyInstaller build, smoke test from a
# copy in an empty environment, SHA256SUMS and its minisign signature. Not part of `test`.
package: $(STAMP) sysdeps
	$(PY) -m pip install --quiet -e '.[package]'
	$(PY) -m tools.package

lint: $(STAMP)
	$(VENV)/bin/ruff check checks desktop tests tools
	$(VENV)/bin/mypy

i18n-check: $(STAMP)
	$(PY) -m tools.i18n check

i18n-update: $(STAMP)
	$(PY) -m tools.i18n update

# Every stage runs even when an earlier one fails, so one run shows every problem;
# the target fails if any stage failed.
test: $(STAMP) sysdeps
	@status=0; \
	$(MAKE) --no-print-directory lint || status=1; \
	$(MAKE) --no-print-directory i18n-check || status=1; \
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider || status=1; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED (see above)"; fi; \
	exit $$status

bench: $(STAMP)
	$(PY) -m tools.bench

# Pictures of the window (English, Arabic, larger text) in docs/screenshots/, offscreen.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tools.screenshots

clean:
	rm -rf $(VENV) build dist *.egg-info
