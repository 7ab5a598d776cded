#!/usr/bin/env bash
# Times `oxa select` (Gaussian, N = 50,000) on the seeded 2,000,000-row teacher file: wall time,
# CPU time and peak RSS, three runs each with 2 reading threads and with 1 (the default).
# The file (~1.2 GB) is generated once under bench/out/ (gitignored). On a machine shared with
# other jobs, NICE=-20 (as root) gives the runs the cores first, so that the wall time is the
# tool's and not the queue's.
#   bash bench/select/bench-select.sh            NICE=-20 bash bench/select/bench-select.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
file=bench/out/teacher-2m.jsonl
[ -f "$file" ] || node --import tsx bench/select/generate-teacher.ts --rows 2000000 --seed 1 --out "$file"
for threads in 2 1; do
  for run in 1 2 3; do
    echo "load: $(cut -d" " -f1-3 /proc/loadavg)"
    OXA_NO_PROGRESS=1 nice -n "${NICE:-0}" /usr/bin/time -f "threads=$threads run=$run  wall %e s  user %U s  sys %S s  peak RSS %M KB" \
      node bin/oxa.mjs select "$file" bench/out/selection.jsonl --correct-field correct --n 50000 --seed 0 --threads "$threads" >/dev/null
  done
done
