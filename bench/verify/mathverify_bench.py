"""Runs Hugging Face math-verify on a file of (gold, response) rows, for comparison with oxa's verifier.

Usage: bench/verify/.venv-mathverify/bin/python bench/verify/mathverify_bench.py IN.jsonl OUT.json [--min-seconds S]
Writes {"verdicts": [...], "seconds": wall s, "cpu_seconds": s, "items": n, "passes": p}: one verdict per
row from the first pass; the timing covers as many whole passes as fit in --min-seconds (at least one),
single process. CPU seconds make the rate comparable on a machine shared with other work.
"""
import json
import sys
import time

from math_verify import parse, verify


def gold_text(g: str) -> str:
    # math-verify reads LaTeX inside delimiters or a box; bare gold strings get $...$ as its docs do.
    return g if ("$" in g or "\\boxed" in g) else f"${g}$"


def one(gold: str, response: str) -> bool:
    try:
        return bool(verify(parse(gold_text(gold)), parse(response)))
    except Exception:
        return False


def main() -> None:
    src, dst = sys.argv[1], sys.argv[2]
    min_seconds = float(sys.argv[sys.argv.index("--min-seconds") + 1]) if "--min-seconds" in sys.argv else 0.0
    rows = [json.loads(line) for line in open(src, encoding="utf8") if line.strip()]
    start = time.perf_counter()
    cpu0 = time.process_time()
    verdicts = [one(r["gold"], r["response"]) for r in rows]
    passes = 1
    while time.perf_counter() - start < min_seconds:
        for r in rows:
            one(r["gold"], r["response"])
        passes += 1
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    json.dump({"verdicts": verdicts, "seconds": seconds, "cpu_seconds": cpu, "items": len(rows), "passes": passes}, open(dst, "w"))


if __name__ == "__main__":
    main()
