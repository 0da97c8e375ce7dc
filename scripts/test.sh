#!/usr/bin/env bash
# The test command the README gives and CI runs: install piiaudit with its test
# extras into ./.venv, make sure a headless Chromium exists for the HTML report's
# browser test, then run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${PIIAUDIT_VENV:-.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[test]"

# The browser test drives Debian's chromium through Playwright (Playwright's own
# browser download is not used). Install it when it is missing and we can.
if [ -z "${PIIAUDIT_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "scripts/test.sh: installing Debian's chromium for the browser test" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "scripts/test.sh: no chromium found; install it (apt-get install chromium) or set" \
         "PIIAUDIT_CHROMIUM=/path/to/chromium" >&2
  fi
fi

# One worker per CPU (pytest-xdist): the suite runs many CLI tests in child processes,
# and on a 2-core machine one process left a core idle. "-n 0" after it runs serially.
exec "$VENV/bin/python" -m pytest -n auto "$@"
