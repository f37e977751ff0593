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
