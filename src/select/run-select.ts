// The `select` stage with its I/O: pass one reads the pool (no texts), the strategy picks, pass
// two reads back only the chosen rows and writes them — JSONL, a JSON summary and an SVG, each
// atomically. Bad rows stop it with an InputError naming file, line and field.
import { OutputGroup } from "../io/atomic.ts";
import type { OutputFormat } from "../io/output-format.ts";
import { nullProgress, type Progress, type StartProgress } from "../io/progress.ts";
import { readPool } from "./read-pool.ts";
import type { DuplicateReport } from "./drop-duplicates.ts";
import type { PoolFields } from "./row-facts.ts";
import { checkSelectOptions, selectCandidates, type SelectOptions } from "./select-candidates.ts";
import { selectionChart } from "./selection-chart.ts";
import { selectionStats, type SelectionStats } from "./selection-stats.ts";
import { besideOut, portableSummary, writeChosen } from "./write-chosen.ts";

export interface SelectRun extends SelectOptions {
  input: string;
  out: string;
  /** JSONL or Parquet (default: by out's extension). */
  format?: OutputFormat;
  /** Where the JSON summary and the SVG go (defaults: beside `out`). */
  stats?: string;
  svg?: string;
  fields: PoolFields;
  /** Threads for reading a large JSONL file (default 1). */
  threads?: number;
  progress?: StartProgress;
}

export interface SelectResult {
  out: string;
  stats: string;
  svg: string;
  requested: number;
  selected: number;
  shortfall: number;
  candidates: number;
  excluded: Record<string, number>;
  /** Repeated (query, response) rows left out, the first one named. */
  duplicates: DuplicateReport;
}

export async function runSelect(o: SelectRun): Promise<{ result: SelectResult; stats: SelectionStats }> {
  const { input, out, format, stats: _s, svg: _v, fields, progress: _p, threads: _t, ...options } = o;
  checkSelectOptions(options);
  const progress = o.progress ?? (() => nullProgress);
  const bar = progress(`reading ${o.input}`);
  const { pool, summary } = await readPool(o.input, { fields: o.fields, rule: { kind: "select", requireCorrect: Boolean(o.fields.correct) }, progress: bar, threads: o.threads });
  bar.finish(`${summary.kept} candidates`);
  const sel = selectCandidates(pool, options);

  const statsPath = o.stats ?? besideOut(out, ".stats.json");
  const svgPath = o.svg ?? besideOut(out, ".svg");
  // the rows, the summary and the picture appear together or not at all
  const stats = await new OutputGroup().all(async (group) => {
    await writeChosen(input, pool, sel.picked, fields, { out, command: "select", format }, progress(`writing ${out}`, sel.picked.length), group);
    const stats = selectionStats(pool, sel, options, portableSummary(summary, statsPath));
    group.json(statsPath, stats);
    group.file(svgPath, selectionChart(stats));
    return stats;
  });
  return {
    stats,
    result: {
      out,
      stats: statsPath,
      svg: svgPath,
      requested: o.n,
      selected: sel.picked.length,
      shortfall: stats.totals.shortfall,
      candidates: summary.kept,
      excluded: summary.excluded,
      duplicates: summary.duplicates,
    },
  };
}
