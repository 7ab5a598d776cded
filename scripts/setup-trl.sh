#!/usr/bin/env bash
# Installs TRL into its own venv (.venv-trl), for the test that checks the engine's DPO loss,
# gradient and metrics against TRL's own DPOTrainer on the same tiny model and pairs.
# Idempotent: a venv whose trl imports is left as it is. Its own venv so TRL's dependencies never
# move the engine's pins; torch first (exactly the CPU build the engine uses), then TRL with
# transformers pinned to the engine's version through a constraints file.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${OXA_TRL_VENV:-.venv-trl}
PY=${PYTHON:-python3}
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import trl" >/dev/null 2>&1; then
  echo "oxa: TRL venv ready ($VENV)"
  exit 0
fi
started=$(date +%s)
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check torch==2.13.0
constraints=$(mktemp)
trap 'rm -f "$constraints"' EXIT
echo "transformers==5.23.0" >"$constraints"
"$VENV/bin/pip" install -q --disable-pip-version-check -c "$constraints" trl==1.16.0 datasets pyarrow
"$VENV/bin/python" -c "import trl"
echo "oxa: TRL venv installed in $(( $(date +%s) - started )) s ($VENV)"
