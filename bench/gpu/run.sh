#!/usr/bin/env bash
# The prepared GPU check (issue 18): measures training tokens/s and MFU (SFT, OXA_Full at 2k/8k/32k),
# fused vs full-logits loss memory, score and generate tokens/s on a 0.5B-class Qwen2 built on the
# spot, and checks CUDA bf16 against CPU float32 — all through the engine's own code. See docs/gpu.md.
#
# usage: bash bench/gpu/run.sh [--dry-run] [--budget-s S]
#   OUT      where gpu-bench.json and gpu-bench.txt go (default bench/out/gpu)
#   PYTHON   the interpreter (default: python3; with --dry-run engine/.venv/bin/python if present)
# Without CUDA it exits 2 with a message, unless --dry-run (toy sizes, one CPU thread, < 1 min).
# The real run keeps to an 8-minute budget (skipping, and recording as skipped, what would not fit).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${OUT:-bench/out/gpu}"
py="${PYTHON:-python3}"
for a in "$@"; do
  if [ "$a" = "--dry-run" ] && [ -z "${PYTHON:-}" ] && [ -x engine/.venv/bin/python ]; then py=engine/.venv/bin/python; fi
done
if [[ " $* " == *" --dry-run "* ]]; then export OMP_NUM_THREADS=1; fi
export PYTHONPATH="$PWD/engine${PYTHONPATH:+:$PYTHONPATH}"
export TOKENIZERS_PARALLELISM=false
exec "$py" bench/gpu/gpu_bench.py --out "$OUT" "$@"
