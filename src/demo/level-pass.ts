// Pass@1 per problem level (the number of operations, src/world/difficulty.ts): where an arm's
// gain or loss comes from. The premise world's rare styles break hard steps into small ones, so an
// arm that profits from them should gain most on the longer problems; the eval's own difficulty
// buckets (by the base's pass counts) cannot show it when the base solves nothing.
import type { ProblemDetail } from "../eval/index.ts";
import { readRecords } from "../io/records.ts";
import { InputError } from "../io/errors.ts";
import type { SampleCount } from "./sample-counts.ts";

/** Samples and correct samples per level ("1", "2", ...). */
export type LevelCounts = Record<string, SampleCount>;

/** The level of every held-out problem of a world's test file. */
export async function readLevels(testPath: string): Promise<Map<string, number>> {
  const levels = new Map<string, number>();
  for await (const { row, line } of readRecords(testPath)) {
    if (typeof row.id !== "string" || !Number.isInteger(row.level)) throw new InputError("a test problem needs a string id and an integer level", { file: testPath, line, field: typeof row.id !== "string" ? "id" : "level" });
    levels.set(row.id, row.level as number);
  }
  return levels;
}

/** One evaluation's details counted by the level of each problem, in level order. */
export function passByLevel(details: readonly ProblemDetail[], levels: ReadonlyMap<string, number>): LevelCounts {
  const out: LevelCounts = {};
  const sorted = [...details].sort((a, b) => (levels.get(a.id) ?? 0) - (levels.get(b.id) ?? 0));
  for (const d of sorted) {
    const level = levels.get(d.id);
    if (level === undefined) throw new RangeError(`problem "${d.id}" is not in the world's test set`);
    const c = (out[String(level)] ??= { samples: 0, correct: 0 });
    c.samples += d.n;
    c.correct += d.correct;
  }
  return out;
}
