#!/usr/bin/env python3
"""Checks that the Python baseline (baseline_select.py) selects the same kind of set as `oxa select`.

Both selections' PPLs are binned independently here (the SPEC's bin rule, recomputed) and each
bin's count is compared with the other selection's and with `taken` in oxa's stats JSON. Also
reported: how many rows both chose, and in how many bins the chosen length multisets differ —
that can only come from ties (equal lengths broken by different seeded draws, and a tie choice
that uses up a query another bin would have taken). Exit status 1 when any per-bin count differs.

    engine/.venv/bin/python bench/select/compare_baseline.py OURS.jsonl OURS.stats.json BASELINE.jsonl
"""
import json
import math
import sys
from collections import Counter


def load(path, ppl_field="ppl"):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(ours_path, stats_path, base_path):
    stats = json.load(open(stats_path, encoding="utf-8"))
    lo, hi = stats["range"]["min"], stats["range"]["max"]
    w = stats["options"]["binWidth"]
    m = round((hi - lo) / w)

    def bin_of(p):
        return min(math.floor((p - lo) / w + 1e-9), m - 1)

    ours, base = load(ours_path), load(base_path)
    hist_ours = Counter(bin_of(r["ppl"]) for r in ours)
    hist_base = Counter(bin_of(r["ppl"]) for r in base)
    bad = 0
    for b in stats["bins"]:
        i = b["index"]
        if not (hist_ours[i] == hist_base[i] == b["taken"]):
            bad += 1
            print(f"bin {i} [{b['lo']}, {b['hi']}): ours {hist_ours[i]}, baseline {hist_base[i]}, stats taken {b['taken']}, target {b['target']}")
    used = sum(1 for b in stats["bins"] if b["target"] > 0)
    print(f"rows: ours {len(ours)}, baseline {len(base)}; bins with a target: {used}; bins whose counts differ: {bad}")

    key = lambda r: (r["query"], r["response"])
    both = set(map(key, ours)) & set(map(key, base))
    print(f"rows chosen by both: {len(both)} of {len(ours)} ({100 * len(both) / max(1, len(ours)):.2f}%)")
    len_ours = {i: Counter() for i in range(m)}
    len_base = {i: Counter() for i in range(m)}
    for r in ours:
        len_ours[bin_of(r["ppl"])][r["len"]] += 1
    for r in base:
        len_base[bin_of(r["ppl"])][r["len"]] += 1
    diff_len_bins = [i for i in range(m) if len_ours[i] != len_base[i]]
    print(f"bins whose chosen length multisets differ: {len(diff_len_bins)}")
    for i in diff_len_bins[:5]:
        only_o = len_ours[i] - len_base[i]
        only_b = len_base[i] - len_ours[i]
        print(f"  bin {i}: lengths only ours {sorted(only_o.elements())[:8]}, only baseline {sorted(only_b.elements())[:8]}; bin's shortest chosen: ours {min(len_ours[i])}, baseline {min(len_base[i])}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
