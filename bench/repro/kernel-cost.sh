#!/usr/bin/env bash
# What the reproducible CPU kernels cost: bench/repro/probe.py (one KV-cache decoding step, a forward
# + backward, AdamW steps on a fixed batch) with the engine's pin (default) and with
# OXA_CPU_KERNELS=native, alternating, REPEATS times each, one thread. Prints seconds per run.
#   bash bench/repro/kernel-cost.sh MODEL_DIR [REPEATS] [BATCH] [LENGTH]
set -euo pipefail
model=$1; repeats=${2:-3}; batch=${3:-16}; length=${4:-128}
py=engine/.venv/bin/python
for i in $(seq "$repeats"); do
  for mode in avx2 native; do
    s=$(OXA_CPU_KERNELS=$mode OMP_NUM_THREADS=1 $py bench/repro/probe.py "$model" --threads 1 --batch "$batch" --length "$length" --steps 3 2>/dev/null | $py -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')
    echo "$mode run $i: ${s}s"
  done
done
