// The JSON summary of a selection: what was read and left out, the per-bin account (target,
// available, taken, shortfall, received), totals, how many responses each selected query got,
// and histograms of the pool and the selection over one PPL grid (the picture's data).
import { binCenter, type BinLayout } from "./bins.ts";
import type { CandidatePool } from "./pool.ts";
import type { PoolSummary } from "./read-pool.ts";
import type { Selection, SelectOptions } from "./select-candidates.ts";

export interface Histogram {
  min: number;
  width: number;
  counts: number[];
}

export interface SelectionStats {
  strategy: string;
  options: SelectOptions;
  input: PoolSummary;
  range: { min: number | null; max: number | null };
  totals: { requested: number; selected: number; shortfall: number; candidatesInRange: number };
  bins?: { index: number; lo: number; hi: number; center: number; target: number; available: number; taken: number; shortfall: number; received: number }[];
  perQuery: { queries: number; histogram: Record<string, number> };
  selected: { ppl: Moments; len: Moments };
  histograms: { pool: Histogram; selected: Histogram; target?: number[] };
}

interface Moments {
  mean: number | null;
  min: number | null;
  max: number | null;
}

function moments(values: Float64Array, idx: ArrayLike<number>): Moments {
  if (idx.length === 0) return { mean: null, min: null, max: null };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < idx.length; k++) {
    const v = values[idx[k]];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { mean: sum / idx.length, min, max };
}

/** The chart grid: the bins themselves, or 60 bins over the pool's bulk (to its 99.5th percentile). */
function grid(pool: CandidatePool, sel: Selection): { min: number; width: number; count: number } {
  if (sel.layout) return { min: sel.layout.min, width: sel.layout.width, count: sel.layout.count };
  const finite = pool.ppl.slice(0, pool.size).filter(Number.isFinite).sort();
  if (finite.length === 0) return { min: 0, width: 1, count: 1 };
  const lo = finite[0];
  let hi = finite[Math.min(finite.length - 1, Math.floor(finite.length * 0.995))];
  for (const i of sel.picked) hi = Math.max(hi, pool.ppl[i]);
  const width = (hi - lo || 1) / 60;
  return { min: lo, width, count: 60 };
}

function histogram(g: { min: number; width: number; count: number }, values: Float64Array, idx: Iterable<number>): Histogram {
  const counts = new Array(g.count).fill(0);
  const max = g.min + g.count * g.width;
  for (const i of idx) {
    const v = values[i];
    if (v >= g.min && v <= max) counts[Math.min(Math.floor((v - g.min) / g.width + 1e-9), g.count - 1)]++;
  }
  return { min: g.min, width: g.width, counts };
}

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

export function selectionStats(pool: CandidatePool, sel: Selection, options: SelectOptions, input: PoolSummary): SelectionStats {
  const perQuery = new Map<number, number>();
  for (const i of sel.picked) perQuery.set(pool.qid[i], (perQuery.get(pool.qid[i]) ?? 0) + 1);
  const hist: Record<string, number> = {};
  for (const c of perQuery.values()) hist[c] = (hist[c] ?? 0) + 1;
  let inRange = 0;
  for (let i = 0; i < pool.size; i++) if (pool.ppl[i] >= sel.range.min && pool.ppl[i] <= sel.range.max) inRange++;
  const g = grid(pool, sel);
  const layout: BinLayout | undefined = sel.layout;
  return {
    strategy: options.strategy,
    options,
    input,
    range: { min: Number.isFinite(sel.range.min) ? sel.range.min : null, max: Number.isFinite(sel.range.max) ? sel.range.max : null },
    totals: { requested: options.n, selected: sel.picked.length, shortfall: options.n - sel.picked.length, candidatesInRange: inRange },
    bins: layout && sel.bins?.map((b, i) => ({ index: i, lo: layout.min + i * layout.width, hi: layout.min + (i + 1) * layout.width, center: binCenter(layout, i), ...b })),
    perQuery: { queries: perQuery.size, histogram: hist },
    selected: { ppl: moments(pool.ppl, sel.picked), len: moments(pool.len, sel.picked) },
    histograms: { pool: histogram(g, pool.ppl, range(pool.size)), selected: histogram(g, pool.ppl, sel.picked), target: sel.bins?.map((b) => b.target) },
  };
}
