// The `mine` stage with its I/O: read verified, base-model-scored self-samples (no texts in
// memory), keep the incorrect, scored, not-failed ones with PPL ≥ the floor and length ≤ the cap,
// pick the confident errors, and write them (JSONL, PPL ascending) with a JSON summary.
import type { OutputFormat } from "../io/output-format.ts";
import { OutputGroup } from "../io/atomic.ts";
import { nullProgress, type Progress, type StartProgress } from "../io/progress.ts";
import { besideOut, portableSummary, readPool, writeChosen, type DuplicateReport, type PoolFields, type PoolSummary } from "../select/index.ts";
import { pickConfidentErrors } from "./pick-confident-errors.ts";

/** The paper's settings: K = 50,000, one per query, PPL floor 1.2. */
export const MINE_DEFAULTS = { k: 50_000, perQuery: 1, minPpl: 1.2 } as const;

export interface MineRun {
  input: string;
  out: string;
  /** JSONL or Parquet (default: by out's extension). */
  format?: OutputFormat;
  stats?: string;
  k: number;
  perQuery: number;
  /** Samples with PPL below this are degenerate repetition, not confident reasoning. */
  minPpl: number;
  maxLen?: number;
  fields: PoolFields & { correct: string };
  /** Threads for reading a large JSONL file (default 1). */
  threads?: number;
  progress?: StartProgress;
}

export interface MineResult {
  out: string;
  stats: string;
  requested: number;
  mined: number;
  candidates: number;
  queries: number;
  excluded: Record<string, number>;
  /** Repeated (query, response) rows left out, the first one named. */
  duplicates: DuplicateReport;
  ppl: { min: number | null; max: number | null };
  input: PoolSummary;
}

export async function runMine(o: MineRun): Promise<MineResult> {
  const progress = o.progress ?? (() => nullProgress);
  const bar = progress(`reading ${o.input}`);
  const { pool, summary } = await readPool(o.input, { fields: o.fields, rule: { kind: "mine", minPpl: o.minPpl, maxLen: o.maxLen }, progress: bar, threads: o.threads });
  bar.finish(`${summary.kept} candidate errors`);
  const picked = pickConfidentErrors(pool, { k: o.k, perQuery: o.perQuery });

  const statsPath = o.stats ?? besideOut(o.out, ".stats.json");
  const result: MineResult = {
    out: o.out,
    stats: statsPath,
    requested: o.k,
    mined: picked.length,
    candidates: summary.kept,
    queries: summary.queries,
    excluded: summary.excluded,
    duplicates: summary.duplicates,
    ppl: picked.length ? { min: pool.ppl[picked[0]], max: pool.ppl[picked[picked.length - 1]] } : { min: null, max: null },
    input: summary,
  };
  const { out: _o, stats: _s, ...written } = result;
  // the errors and their summary appear together or not at all
  await new OutputGroup().all(async (group) => {
    await writeChosen(o.input, pool, picked, o.fields, { out: o.out, command: "mine", format: o.format }, progress(`writing ${o.out}`, picked.length), group);
    group.json(statsPath, { ...written, input: portableSummary(summary, statsPath) });
  });
  return result;
}
