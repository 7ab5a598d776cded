#!/usr/bin/env bash
# Installs verl into its own venv (.venv-verl), for the export tests that load our parquet with verl's
# RLHFDataset, check the generated launch script's keys against verl's config, and call the reward
# module through verl's custom-reward loader. Idempotent: a venv whose verl imports is left as it is.
# Its own venv because verl 0.9.1 pins transformers < 5.11 while the engine pins 5.23. The CPU torch
# build the engine uses goes in first so verl's dependencies do not pull a CUDA build.
# Facts and timings: docs/verl.md.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${OXA_VERL_VENV:-.venv-verl}
PY=${PYTHON:-python3}
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import verl" >/dev/null 2>&1; then
  echo "oxa: verl venv ready ($VENV)"
  exit 0
fi
started=$(date +%s)
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check torch==2.13.0
"$VENV/bin/pip" install -q --disable-pip-version-check verl==0.9.1
"$VENV/bin/python" -c "import verl"
echo "oxa: verl venv installed in $(( $(date +%s) - started )) s ($VENV)"
