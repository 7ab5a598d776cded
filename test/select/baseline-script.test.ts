// The Python baseline of Algorithm 1 (bench/select/baseline_select.py), timed against `oxa select`
// in bench/select/bench-baseline.sh, must select the same kind of set: checked here against the
// hand-worked example of docs/curation.md and, per bin, against `oxa select` itself through
// bench/select/compare_baseline.py — which must also notice a mismatch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { runSelect } from "../../src/select/index.ts";

const py = "engine/.venv/bin/python";
const fixture = "test/select/fixtures/teacher.jsonl";
const dir = mkdtempSync(join(tmpdir(), "oxa-baseline-"));
const common = ["--correct-field", "correct", "--mu", "2", "--sigma", "0.5", "--min-ppl", "1", "--max-ppl", "3", "--bin-width", "0.5", "--seed", "3"];

function baseline(out: string, extra: string[]): { bins: { target: number; available: number; taken: number }[] } {
  const stats = `${out}.stats.json`;
  const r = spawnSync(py, ["bench/select/baseline_select.py", fixture, out, ...common, ...extra, "--stats", stats], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(readFileSync(stats, "utf8"));
}

const responses = (file: string) =>
  readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l).response as string);

test("baseline: the worked example of docs/curation.md (targets 1,3,3,1; longest first; each query once)", () => {
  const out = join(dir, "worked.jsonl");
  const stats = baseline(out, ["--n", "8"]);
  assert.deepEqual(
    stats.bins.map((b) => [b.target, b.available, b.taken]),
    [
      [1, 4, 1],
      [3, 6, 3],
      [3, 7, 3],
      [1, 5, 1],
    ],
  );
  assert.deepEqual(responses(out).sort(), ["r12a", "r1b", "r2a", "r3c", "r5b", "r6a", "r8a", "r9b"]);
});

for (const [n, d] of [
  [8, 1],
  [12, 2],
  [13, 1],
] as const) {
  test(`baseline and oxa select: equal per-bin counts (N = ${n}, d = ${d}); a changed file is caught`, async () => {
    const ours = join(dir, `ours-${n}-${d}.jsonl`);
    await runSelect({ strategy: "gaussian", input: fixture, out: ours, n, perQuery: d, seed: 3, mu: 2, sigma: 0.5, minPpl: 1, maxPpl: 3, binWidth: 0.5, redistribute: false, fields: { query: "query", response: "response", ppl: "ppl", length: "len", correct: "correct" } });
    const base = join(dir, `base-${n}-${d}.jsonl`);
    baseline(base, ["--n", String(n), "--per-query", String(d)]);
    const compare = (file: string) => spawnSync(py, ["bench/select/compare_baseline.py", ours, ours.replace(/\.jsonl$/, ".stats.json"), file], { encoding: "utf8" });
    const same = compare(base);
    assert.equal(same.status, 0, same.stdout + same.stderr);
    assert.match(same.stdout, /bins whose counts differ: 0/);
    // one row fewer in the baseline's output: the comparison must fail
    const short = join(dir, `short-${n}-${d}.jsonl`);
    writeFileSync(short, readFileSync(base, "utf8").trim().split("\n").slice(1).join("\n") + "\n");
    assert.equal(compare(short).status, 1);
  });
}
