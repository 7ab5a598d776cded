#!/usr/bin/env bash
# Installs TRL into its own venv (.venv-trl), for the test that checks the engine's DPO loss,
# gradient and metrics against TRL's own DPOTrainer on the same tiny model and pairs.
# Idempotent (scripts/side-venv.sh). Its own venv so TRL's dependencies never
# move the engine's pins; torch first (exactly the CPU build the engine uses), then TRL with
# transformers pinned to the engine's version through a constraints file.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/side-venv.sh
side_venv_begin TRL "${OXA_TRL_VENV:-.venv-trl}" trl
constraints=$(mktemp)
trap 'rm -f "$constraints"' EXIT
echo "transformers==5.23.0" >"$constraints"
side_pip -c "$constraints" trl==1.16.0 datasets pyarrow
side_venv_end
