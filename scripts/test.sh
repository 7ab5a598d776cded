#!/usr/bin/env bash
# Runs every test: the TypeScript suite (node's test runner), then the engine's (pytest), always
# both, so a failure in one never hides the other's result; exits non-zero if either failed.
set -uo pipefail
cd "$(dirname "$0")/.."
# the remote-backend tests drive a real vLLM server from its own venv (installed once, ~3.5 GB);
# without it they skip and say why
bash scripts/setup-vllm.sh || echo "oxa tests: the vLLM venv could not be installed; the real-server tests will skip"
bash scripts/setup-trl.sh || echo "oxa tests: the TRL venv could not be installed; the DPO-vs-TRL test will skip"
bash scripts/setup-verl.sh || echo "oxa tests: the verl venv could not be installed; the verl checks will skip"
node scripts/run-ts-tests.mjs "$@"
ts=$?
engine/.venv/bin/python -m pytest -q engine/tests
py=$?
echo "oxa tests: TypeScript suite $([ $ts = 0 ] && echo passed || echo "FAILED (exit $ts)"); engine suite $([ $py = 0 ] && echo passed || echo "FAILED (exit $py)")"
[ $ts = 0 ] && [ $py = 0 ]
