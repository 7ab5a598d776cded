#!/usr/bin/env bash
# Installs everything oxa and its tests need on a fresh machine: node packages, the engine's Python
# venv (torch installed first and pinned, so nothing later pulls a different, CUDA build), and
# Debian's chromium, which the HTML report tests drive, and zstd, with which the reader tests
# compress their files (oxa itself needs neither).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
PY=${PYTHON:-python3}
if [ ! -x engine/.venv/bin/python ]; then "$PY" -m venv engine/.venv; fi
engine/.venv/bin/pip install -q --disable-pip-version-check torch==2.13.0
engine/.venv/bin/pip install -q --disable-pip-version-check -r engine/requirements.txt -r engine/requirements-test.txt
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v zstd >/dev/null 2>&1 || missing="$missing zstd"
if [ -n "$missing" ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; }; then
    echo "oxa: installing Debian's$missing (for the tests)"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $missing >/dev/null
  else
    echo "oxa:$missing missing and apt-get cannot install it here; the tests need it (apt-get install$missing)" >&2
  fi
fi
# The command's bundle (bin/bundle.mjs) is built now, not by the first tests that start oxa at once.
node bin/oxa.mjs --version >/dev/null
echo "oxa: setup complete"
