#!/usr/bin/env bash
# Installs verl into its own venv (.venv-verl), for the export tests that load our parquet with verl's
# RLHFDataset, check the generated launch script's keys against verl's config, and call the reward
# module through verl's custom-reward loader (scripts/side-venv.sh: idempotent, CPU torch first).
# Its own venv because verl 0.9.1 pins transformers < 5.11 while the engine pins 5.23.
# Facts and timings: docs/verl.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/side-venv.sh
side_venv_begin verl "${OXA_VERL_VENV:-.venv-verl}" verl
side_pip verl==0.9.1
side_venv_end
