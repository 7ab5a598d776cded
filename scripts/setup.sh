#!/usr/bin/env bash
# Installs everything oxa needs on a fresh machine: node packages and the engine's Python venv.
# torch is installed first and pinned, so nothing later pulls a different (CUDA) build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
PY=${PYTHON:-python3}
if [ ! -x engine/.venv/bin/python ]; then "$PY" -m venv engine/.venv; fi
engine/.venv/bin/pip install -q --disable-pip-version-check torch==2.13.0
engine/.venv/bin/pip install -q --disable-pip-version-check -r engine/requirements.txt
echo "oxa: setup complete"
