#!/usr/bin/env bash
# The columnar JSON scanner against an older version of itself, same file, same run: the row loop of
# bench/io/scan-columns.ts over every row, alternating the two scanners RUNS times, through /usr/bin/time
# (CPU time is the figure on a shared machine). The old scanner is taken from git at BASE.
#   ROWS=200000 BASE=<commit> RUNS=2 bash bench/io/bench-columnar-scan.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${ROWS:-200000}
base=${BASE:?BASE=<commit> whose src/io/json-columns.ts is the baseline}
runs=${RUNS:-2}
f=bench/out/teacher-${rows}
[ -f "$f.jsonl" ] || node --import tsx bench/select/generate-teacher.ts --rows "$rows" --seed 1 --out "$f.jsonl"
[ -f "$f.columns.json" ] || node --import tsx bench/io/jsonl-to-columns.ts "$f.jsonl" "$f.columns.json"
old=bench/out/json-columns-base.ts
git show "$base:src/io/json-columns.ts" | sed "s#\"\\./#\"../../src/io/#" > "$old"
ls -l "$f.columns.json"
for i in $(seq "$runs"); do
  for impl in "$old" src/io/json-columns.ts; do
    echo "load: $(cut -d" " -f1-3 /proc/loadavg)"
    /usr/bin/time -f "$impl  wall %e s  user %U s  sys %S s  peak RSS %M KB" node --import tsx bench/io/scan-columns.ts "$f.columns.json" "$impl"
  done
done
