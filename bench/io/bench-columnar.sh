#!/usr/bin/env bash
# Columnar JSON in bounded memory: `oxa select` (Gaussian, N = 50,000) on the same teacher rows as JSONL
# and as one JSON object of arrays, one run each, with wall time, CPU time and peak RSS; then the
# selections are compared byte for byte. Files are generated once under bench/out/ (gitignored).
#   ROWS=800000 bash bench/io/bench-columnar.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${ROWS:-800000}
base=bench/out/teacher-${rows}
[ -f "$base.jsonl" ] || node --import tsx bench/select/generate-teacher.ts --rows "$rows" --seed 1 --out "$base.jsonl"
[ -f "$base.columns.json" ] || node --import tsx bench/io/jsonl-to-columns.ts "$base.jsonl" "$base.columns.json"
ls -l "$base.jsonl" "$base.columns.json"
for f in "$base.jsonl" "$base.columns.json"; do
  echo "load: $(cut -d" " -f1-3 /proc/loadavg)"
  OXA_NO_PROGRESS=1 /usr/bin/time -f "$(basename "$f")  wall %e s  user %U s  sys %S s  peak RSS %M KB" \
    node bin/oxa.mjs select "$f" "bench/out/columnar-$(basename "$f").sel.jsonl" --correct-field correct --n 50000 --seed 0 >/dev/null
done
cmp "bench/out/columnar-$(basename "$base.jsonl").sel.jsonl" "bench/out/columnar-$(basename "$base.columns.json").sel.jsonl" && echo "columnar JSON: same selection as JSONL"
