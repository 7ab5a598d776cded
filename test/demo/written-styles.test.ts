// The styles a model writes, read from an evaluation's sample cache and its per-sample verdicts:
// counted by hand on a small cache (only the first k samples of each problem, as the eval graded
// them), pooled across seeds, and a missing or broken cache named in the error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { poolStyles, writtenStyles } from "../../src/demo/written-styles.ts";
import type { ModelResult, ProblemDetail } from "../../src/eval/index.ts";
import { InputError } from "../../src/io/errors.ts";

const TERSE = "<think>\n6 / 3 = 2\n</think>\nThe answer is \\boxed{2}.";
const VERIFY = "<think>\nFollow the sand through each step.\n6 / 3 = 2\nSo the result is 2. Now verify by going the other way.\n</think>\nThe answer is \\boxed{2}.";
const FRACTION = "<think>\nWork with fractions throughout, starting from 6/1.\n6/1 * 1/3 = 2/1\n</think>\nThe answer is \\boxed{2}.";
const BROKEN = "<think>\nsand sand sand";

/** An eval folder whose cache holds 4 samples per problem while the eval graded k = 3. */
function evalDir(texts: Record<string, string[]>): { dir: string; model: ModelResult } {
  const dir = mkdtempSync(join(tmpdir(), "oxa-written-"));
  const cache = join(dir, "samples", "key0", "n4");
  mkdirSync(cache, { recursive: true });
  const rows = Object.entries(texts).flatMap(([id, ts]) => ts.map((text, sample) => JSON.stringify({ id, sample, text, n_tokens: 9, finish_reason: "stop", mean_entropy: 0.5 })));
  writeFileSync(join(cache, "samples.jsonl"), rows.join("\n") + "\n");
  writeFileSync(join(cache, "meta.json"), JSON.stringify({ model: "m", benchmark: "b", n: 4, problems: 2, samples: rows.length, settings: {}, finished_at: "2026-12-03T00:00:00Z" }));
  const model = { path: "m", benchmarks: { world: { k: 3, cache_key: "key0", details: "sft/world/details.jsonl" } }, average: {} } as unknown as ModelResult;
  return { dir, model };
}

const detail = (id: string, verdicts: (0 | 1)[]): ProblemDetail => ({ id, n: verdicts.length, correct: verdicts.reduce<number>((a, v) => a + v, 0), verdicts, lengths: [], entropies: [], truncated: 0, entropy: null });

test("writtenStyles: each of the first k samples counted under its style with its verdict; later samples ignored", async () => {
  const { dir, model } = evalDir({
    p1: [TERSE, TERSE, VERIFY, FRACTION], // the 4th (sample 3) is beyond k = 3
    p2: [FRACTION, BROKEN, TERSE, VERIFY],
  });
  const details = [detail("p1", [1, 0, 1]), detail("p2", [0, 0, 1])];
  const counts = await writtenStyles(dir, model, details);
  assert.deepEqual(counts, {
    terse: { samples: 3, correct: 2 }, // p1 #0 right, p1 #1 wrong, p2 #2 right
    verify: { samples: 1, correct: 1 }, // p1 #2
    fraction: { samples: 1, correct: 0 }, // p2 #0
    other: { samples: 1, correct: 0 }, // p2 #1
  });
});

test("poolStyles adds seeds' counts style by style", () => {
  const pooled = poolStyles([{ terse: { samples: 3, correct: 2 }, other: { samples: 1, correct: 0 } }, { terse: { samples: 2, correct: 0 }, verify: { samples: 2, correct: 1 } }, {}]);
  assert.deepEqual(pooled, { terse: { samples: 5, correct: 2 }, verify: { samples: 2, correct: 1 }, other: { samples: 1, correct: 0 } });
});

test("writtenStyles: a missing sample cache and a broken sample row are named", async () => {
  const { dir, model } = evalDir({ p1: [TERSE, TERSE, TERSE, TERSE] });
  const other = { ...model, benchmarks: { world: { ...model.benchmarks.world, cache_key: "nokey" } } } as ModelResult;
  await assert.rejects(writtenStyles(dir, other, [detail("p1", [1, 1, 1])]), (e: unknown) => e instanceof InputError && e.message.includes(join(dir, "samples", "nokey")));
  writeFileSync(join(dir, "samples", "key0", "n4", "samples.jsonl"), JSON.stringify({ id: "p1", sample: 0, text: TERSE, n_tokens: 9, finish_reason: "stop", mean_entropy: 0.5 }) + "\n" + JSON.stringify({ id: "p1", sample: 1, n_tokens: 9 }) + "\n");
  await assert.rejects(writtenStyles(dir, model, [detail("p1", [1, 1, 1])]), (e: unknown) => e instanceof InputError && /line 2/.test(e.message) && /text/.test(e.message));
});
