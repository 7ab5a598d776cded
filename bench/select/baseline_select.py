#!/usr/bin/env python3
"""A straightforward Python baseline of the OXA paper's Algorithm 1 (Gaussian-guided PPL sampling).

It exists so that `oxa select` can be timed against a plain implementation in the same run on the
same file (bench/select/bench-baseline.sh), instead of quoting the authors' script measured on
another input and machine. It is written the way such a script usually is: every row read with
json.loads into a dict and held in memory, candidates filtered, binned by PPL, each bin sorted
longest first and filled to its Gaussian target, the result shuffled and written as JSONL.
Standard library only.

Semantics follow SPEC / docs/curation.md ("Gaussian-guided PPL sampling, exactly"):
  M = round((max - min) / w)                    (Python's round: half to even)
  bin(ppl) = min(floor((ppl - min) / w + 1e-9), M - 1) for min <= ppl <= max, else left out
  targets: Gaussian pdf at the bin centres, renormalised, times N; floored, and the remaining
           units one each to the largest fractional parts (ties: the lower bin)
  filling: bin by bin; candidates by length descending, ties by a seeded draw; rounds
           local_cap = 1 .. d; a candidate is taken unless its query already has d selected
           (anywhere) or local_cap in this bin; a short bin stays short
  output:  the selection shuffled with the seed.
Candidates: one response per row (`query`, `response`, `ppl`, `len`, and the verdict field when
--correct-field is given); rows with an empty response, no PPL or no length, or (with
--correct-field) a verdict that is not true/1 are left out, as `oxa select` does. Exact repeats
(same query and response) are dropped, the first one kept, as `oxa select` does.

Which individual rows are chosen differs from `oxa select` only where the algorithm leaves it to
chance: equal-length ties inside a bin (a different seeded draw) and the final shuffle (a
different generator). The bins, per-bin targets and per-bin counts are the same for the same
mu, sigma, range, w, N, d; bench/select/compare_baseline.py checks that.

    engine/.venv/bin/python bench/select/baseline_select.py IN.jsonl OUT.jsonl --correct-field correct --n 50000 --seed 0
"""
import argparse
import json
import math
import random
import sys


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--n", type=int, default=50000)
    p.add_argument("--mu", type=float, default=2.5)
    p.add_argument("--sigma", type=float, default=0.25)
    p.add_argument("--min-ppl", type=float, default=1.0)
    p.add_argument("--max-ppl", type=float, default=5.0)
    p.add_argument("--bin-width", type=float, default=0.05)
    p.add_argument("--per-query", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--query-field", default="query")
    p.add_argument("--response-field", default="response")
    p.add_argument("--ppl-field", default="ppl")
    p.add_argument("--length-field", default="len")
    p.add_argument("--correct-field", default=None)
    p.add_argument("--stats", default=None, help="write per-bin targets and counts as JSON here")
    return p.parse_args(argv)


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def main(argv):
    a = parse_args(argv)

    # Read every row into memory and keep the verified-correct, scored ones.
    rows = []
    seen = set()
    with open(a.input, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            if a.correct_field is not None and row.get(a.correct_field) not in (True, 1):
                continue
            resp = row.get(a.response_field)
            if not resp:
                continue
            if not is_number(row.get(a.ppl_field)) or not is_number(row.get(a.length_field)):
                continue
            key = (row[a.query_field], resp)
            if key in seen:
                continue
            seen.add(key)
            rows.append(row)

    # Step 1: binning.
    lo, hi, w = a.min_ppl, a.max_ppl, a.bin_width
    m = round((hi - lo) / w)
    bins = [[] for _ in range(m)]
    for row in rows:
        p = row[a.ppl_field]
        if lo <= p <= hi:
            bins[min(math.floor((p - lo) / w + 1e-9), m - 1)].append(row)

    # Step 2: targets from the Gaussian pdf at the bin centres, largest remainder to sum to N.
    pdf = [math.exp(-0.5 * ((lo + (i + 0.5) * w - a.mu) / a.sigma) ** 2) / (a.sigma * math.sqrt(2 * math.pi)) for i in range(m)]
    total = sum(pdf)
    exact = [x / total * a.n for x in pdf]
    targets = [math.floor(x) for x in exact]
    left = a.n - sum(targets)
    order = sorted(range(m), key=lambda i: (-(exact[i] - math.floor(exact[i])), i))
    k = 0
    while left > 0:
        targets[order[k % m]] += 1
        k += 1
        left -= 1

    # Step 3: length-prioritised filling, per-query cap d.
    rng = random.Random(a.seed)
    count = {}
    selected = []
    taken_per_bin = []
    for i in range(m):
        if targets[i] == 0:
            taken_per_bin.append(0)
            continue
        cands = sorted(bins[i], key=lambda r: (-r[a.length_field], rng.random()))
        local = {}
        taken_ids = set()
        got = 0
        for cap in range(1, a.per_query + 1):
            for j, r in enumerate(cands):
                if got >= targets[i]:
                    break
                if j in taken_ids:
                    continue
                q = r[a.query_field]
                if count.get(q, 0) >= a.per_query or local.get(q, 0) >= cap:
                    continue
                taken_ids.add(j)
                count[q] = count.get(q, 0) + 1
                local[q] = local.get(q, 0) + 1
                selected.append(r)
                got += 1
        taken_per_bin.append(got)

    random.Random(a.seed).shuffle(selected)
    with open(a.output, "w", encoding="utf-8") as f:
        for r in selected:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    if a.stats:
        with open(a.stats, "w", encoding="utf-8") as f:
            json.dump({"kept": len(rows), "bins": [{"index": i, "target": targets[i], "available": len(bins[i]), "taken": taken_per_bin[i]} for i in range(m)]}, f)
    print(f"read {len(rows)} candidates, selected {len(selected)} of {a.n}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
