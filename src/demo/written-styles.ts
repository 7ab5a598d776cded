// Which teacher style each model writes, and how often each style ends in a right answer: the
// mechanism behind an arm's Pass@1. An arm trained on the rarer styles may still answer in the
// common one, or write a rare style and get it wrong more often; the study's premise world is built
// so that the rare styles pay off, and this is where a reader sees whether they were learned and
// whether they did. Read from an evaluation's cached samples (src/eval/sample-cache.ts) and its
// per-sample verdicts (details.jsonl), the first k samples of each problem as the eval graded them.
import { join } from "node:path";
import { findComplete, type ModelResult, type ProblemDetail } from "../eval/index.ts";
import { sampleRecord } from "../backend/index.ts";
import { readRecords } from "../io/records.ts";
import { InputError } from "../io/errors.ts";
import { STYLE_IDS, styleOf, type WrittenStyle } from "../world/index.ts";
import { poolCounts, type SampleCount } from "./sample-counts.ts";

/** The styles in table order: the teacher's, then samples that open in none of them. */
export const WRITTEN_STYLES: readonly WrittenStyle[] = [...STYLE_IDS, "other"];

/** Samples and correct samples per style (styles no sample was written in are left out). */
export type StyleCounts = Partial<Record<WrittenStyle, SampleCount>>;

/**
 * The styles of one model's samples on the world benchmark of the eval in `evalDir` (its default
 * sample cache, `<evalDir>/samples`), each sample's verdict taken from `details`.
 */
export async function writtenStyles(evalDir: string, model: ModelResult, details: readonly ProblemDetail[]): Promise<StyleCounts> {
  const b = model.benchmarks.world;
  const entry = findComplete(join(evalDir, "samples"), b.cache_key, b.k);
  if (!entry) throw new InputError(`no complete sample folder for cache key ${b.cache_key} with ${b.k} samples per problem`, { file: join(evalDir, "samples", b.cache_key) });
  const verdicts = new Map(details.map((d) => [d.id, d.verdicts]));
  const counts: StyleCounts = {};
  for await (const src of readRecords(entry.samples)) {
    const r = sampleRecord.safeParse(src.row);
    if (!r.success) throw new InputError(r.error.issues[0].message, { file: entry.samples, line: src.line, field: r.error.issues[0].path.join(".") });
    const s = r.data;
    if (s.sample >= b.k || !verdicts.has(s.id)) continue;
    const v = verdicts.get(s.id);
    if (!v) throw new InputError(`problem "${s.id}" has no per-sample verdicts`, { file: join(evalDir, b.details), field: "verdicts" });
    const c = (counts[styleOf(s.text)] ??= { samples: 0, correct: 0 });
    c.samples++;
    c.correct += v[s.sample];
  }
  return counts;
}

/** Several evaluations' counts added up (an arm's seeds pooled). */
export const poolStyles = (all: readonly StyleCounts[]): StyleCounts => poolCounts(all);
