#!/usr/bin/env bash
# Times `oxa select` against the plain Python baseline of Algorithm 1 (baseline_select.py) on the
# same 2,000,000-row teacher file in the same run, alternating ours, baseline, ours, baseline, so
# that both see the same machine load. Each run goes through /usr/bin/time (wall, user + sys CPU,
# peak RSS) with the load average printed first; on a shared machine the CPU-time ratio is the
# figure to quote, not wall time. Then checks that the two selections have equal per-bin counts.
#   bash bench/select/bench-baseline.sh            RUNS=3 bash bench/select/bench-baseline.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
file=bench/out/teacher-2m.jsonl
[ -f "$file" ] || node --import tsx bench/select/generate-teacher.ts --rows 2000000 --seed 1 --out "$file"
py=engine/.venv/bin/python
fmt="wall %e s  user %U s  sys %S s  peak RSS %M KB"
for run in $(seq 1 "${RUNS:-2}"); do
  echo "load: $(cut -d" " -f1-3 /proc/loadavg)"
  OXA_NO_PROGRESS=1 /usr/bin/time -f "ours     run=$run  $fmt" \
    node bin/oxa.mjs select "$file" bench/out/baseline-ours.jsonl --correct-field correct --n 50000 --seed 0 >/dev/null
  echo "load: $(cut -d" " -f1-3 /proc/loadavg)"
  /usr/bin/time -f "baseline run=$run  $fmt" \
    "$py" bench/select/baseline_select.py "$file" bench/out/baseline-python.jsonl --correct-field correct --n 50000 --seed 0 \
      --stats bench/out/baseline-python.stats.json 2>&1 >/dev/null | grep -v '^read '
done
"$py" bench/select/compare_baseline.py bench/out/baseline-ours.jsonl bench/out/baseline-ours.stats.json bench/out/baseline-python.jsonl
