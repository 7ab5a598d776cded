// Pass@1 per problem level: a world's test file read for the levels, details counted by level by
// hand, and a problem missing from the world or a test row without a level refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { passByLevel, readLevels } from "../../src/demo/level-pass.ts";
import { poolCounts } from "../../src/demo/sample-counts.ts";
import { InputError } from "../../src/io/errors.ts";

const d = (id: string, n: number, correct: number) => ({ id, n, correct, lengths: [], entropies: [], truncated: 0, entropy: null });

test("passByLevel: each problem's samples and correct samples under its level, levels in order; pooled across seeds", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-levels-"));
  const test = join(dir, "test.json");
  writeFileSync(test, JSON.stringify([{ id: "a", level: 2 }, { id: "b", level: 1 }, { id: "c", level: 2 }, { id: "e", level: 3 }]));
  const levels = await readLevels(test);
  assert.deepEqual([...levels], [["a", 2], ["b", 1], ["c", 2], ["e", 3]]);
  const seed0 = passByLevel([d("a", 4, 1), d("b", 4, 4), d("c", 4, 0)], levels);
  assert.deepEqual(Object.keys(seed0), ["1", "2"], "levels in order; a level with no evaluated problem is absent");
  assert.deepEqual(seed0, { "1": { samples: 4, correct: 4 }, "2": { samples: 8, correct: 1 } });
  const seed1 = passByLevel([d("a", 4, 3), d("b", 4, 0), d("c", 4, 2), d("e", 4, 1)], levels);
  assert.deepEqual(poolCounts([seed0, seed1]), { "1": { samples: 8, correct: 4 }, "2": { samples: 16, correct: 6 }, "3": { samples: 4, correct: 1 } });
  assert.throws(() => passByLevel([d("zz", 4, 0)], levels), /"zz" is not in the world's test set/);
  writeFileSync(test, JSON.stringify([{ id: "a", level: 2 }, { id: "b" }]));
  await assert.rejects(readLevels(test), (e: unknown) => e instanceof InputError && e.message.includes("level") && e.message.includes(test));
});
