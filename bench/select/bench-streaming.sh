#!/usr/bin/env bash
# Bounded memory whatever the container: `oxa select` (Gaussian, N = 50,000) on the same ~2 GB of
# teacher rows as JSONL, as one JSON array and as Zstandard-compressed JSONL, one run each, with
# wall time, CPU time and peak RSS. The files are generated once under bench/out/ (gitignored).
#   bash bench/select/bench-streaming.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${ROWS:-3400000}
base=bench/out/teacher-${rows}
[ -f "$base.jsonl" ] || node --import tsx bench/select/generate-teacher.ts --rows "$rows" --seed 1 --out "$base.jsonl"
# the same rows as one JSON array: "[", the lines joined by ",", "]"
[ -f "$base.json" ] || sed '1s/^/[/; $!s/$/,/; $s/$/]/' "$base.jsonl" > "$base.json"
[ -f "$base.jsonl.zst" ] || zstd -q -T2 "$base.jsonl" -o "$base.jsonl.zst"
ls -l "$base.jsonl" "$base.json" "$base.jsonl.zst"
for f in "$base.jsonl" "$base.json" "$base.jsonl.zst"; do
  echo "load: $(cut -d" " -f1-3 /proc/loadavg)"
  OXA_NO_PROGRESS=1 /usr/bin/time -f "$(basename "$f")  wall %e s  user %U s  sys %S s  peak RSS %M KB" \
    node bin/oxa.mjs select "$f" "bench/out/streaming-$(basename "$f").sel.jsonl" --correct-field correct --n 50000 --seed 0 >/dev/null
done
cmp "bench/out/streaming-$(basename "$base.jsonl").sel.jsonl" "bench/out/streaming-$(basename "$base.json").sel.jsonl" && echo "JSON array: same selection as JSONL"
cmp "bench/out/streaming-$(basename "$base.jsonl").sel.jsonl" "bench/out/streaming-$(basename "$base.jsonl.zst").sel.jsonl" && echo "zst: same selection as JSONL"
