#!/usr/bin/env bash
# Runs every test: the TypeScript suite (node's test runner) and the engine's (pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/run-ts-tests.mjs "$@"
engine/.venv/bin/python -m pytest -q engine/tests
