// The study's tables: every model's figures as mean ± SE across seeds, each arm's paired
// difference from SFT with its bootstrap interval, the teacher styles each model writes and its
// Pass@1 per problem level. One Table each (src/report/table.ts), rendered as terminal text,
// Markdown and HTML by the caller.
import type { Table } from "../report/table.ts";
import type { SeedSummary } from "../stats/index.ts";
import { COMPARISON } from "./arm-comparison.ts";
import type { DemoOutcome, VariantResults } from "./study-results.ts";
import { poolStyles, WRITTEN_STYLES } from "./written-styles.ts";
import { poolCounts } from "./sample-counts.ts";
import type { WrittenStyle } from "../world/index.ts";

const pct = (x: number) => (100 * x).toFixed(1);
const signed = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(1)}`;

/** "mean ± SE"; the SE is left out with one seed, "-" where there is no figure. */
export function meanSe(s: SeedSummary | null, scale: (x: number) => string): string {
  if (!s) return "-";
  return s.se === null ? scale(s.mean) : `${scale(s.mean)} ± ${scale(s.se)}`;
}

/**
 * The outcome with every variant's figures replaced by its figures after GRPO (null when no variant
 * has them), so the tables and the Pass@1 chart draw the after-RL study as they draw the study.
 */
export function afterRlOutcome(r: DemoOutcome): DemoOutcome | null {
  const vs = Object.entries(r.variants).filter(([, v]) => v?.afterRl);
  if (vs.length === 0) return null;
  return { ...r, variants: Object.fromEntries(vs.map(([k, v]) => [k, { ...v!, ...v!.afterRl! }])) };
}

const variants = (r: DemoOutcome): VariantResults[] => Object.values(r.variants).filter((v): v is VariantResults => v !== undefined);

/** Per variant and model: Pass@1, Pass@k, entropy and length across seeds. */
export function summaryTable(r: DemoOutcome): Table {
  const k = variants(r)[0]?.seeds[0]?.base.k ?? 0;
  const rows: string[][] = [];
  for (const v of variants(r)) {
    for (const [model, s] of Object.entries(v.summary)) {
      rows.push([v.variant, model, meanSe(s["pass@1"], pct), meanSe(s["pass@k"], pct), meanSe(s.entropy, (x) => x.toFixed(3)), meanSe(s.mean_length, (x) => x.toFixed(0)), String(v.seeds.length)]);
    }
  }
  return { headers: ["world", "model", "pass@1 (%)", `pass@${k} (%)`, "entropy", "length", "seeds"], rows, right: [false, false, true, true, true, true, true] };
}

/** Per variant and arm: Pass@1 minus SFT's, seeds pooled per problem, with the bootstrap interval. */
export function comparisonTable(r: DemoOutcome): Table {
  const level = `${Math.round(COMPARISON.level * 100)} % CI`;
  const rows: string[][] = [];
  for (const v of variants(r)) {
    for (const [arm, c] of Object.entries(v.comparisons)) {
      rows.push([v.variant, `${arm} − ${c.reference}`, signed(c.meanDiff), `[${signed(c.ciLow)}, ${signed(c.ciHigh)}]`, c.shareAtOrBelowZero.toFixed(3), c.perSeedDiff.map(signed).join(" ")]);
    }
  }
  return { headers: ["world", "arm", "Δ pass@1 (pp)", level, "share Δ ≤ 0", "Δ per seed"], rows, right: [false, false, true, true, true, false] };
}

/**
 * Per variant and model, seeds pooled: the share of samples written in each teacher style and the
 * Pass@1 of those samples ("share · Pass@1", percent; "-" where no sample is in that style).
 */
export function styleTable(r: DemoOutcome): Table {
  const rows: string[][] = [];
  for (const v of variants(r)) {
    for (const model of Object.keys(v.summary)) {
      const pooled = poolStyles(v.seeds.map((run) => (model === "base" ? run.base : run.arms[model]).written ?? {}));
      const total = WRITTEN_STYLES.reduce((n, st) => n + (pooled[st]?.samples ?? 0), 0);
      if (total === 0) continue;
      const cell = (st: WrittenStyle) => {
        const c = pooled[st];
        if (!c) return "-";
        const share = (100 * c.samples) / total;
        return `${share < 0.5 ? "<1" : share.toFixed(0)} · ${pct(c.correct / c.samples)}`;
      };
      rows.push([v.variant, model, String(total), ...WRITTEN_STYLES.map(cell)]);
    }
  }
  return { headers: ["world", "model", "samples", ...WRITTEN_STYLES], rows, right: [false, false, true, ...WRITTEN_STYLES.map(() => true)] };
}

/** Per variant and model, seeds pooled: Pass@1 (%) on the problems of each level; the header counts each level's problems. */
export function levelTable(r: DemoOutcome): Table {
  const all = variants(r);
  const first = all.find((v) => v.seeds[0]?.base.levels);
  if (!first) return { headers: [], rows: [] };
  const base = first.seeds[0].base;
  const levels = Object.keys(base.levels!);
  const rows: string[][] = [];
  for (const v of all) {
    for (const model of Object.keys(v.summary)) {
      const pooled = poolCounts(v.seeds.map((run) => (model === "base" ? run.base : run.arms[model]).levels ?? {}));
      if (Object.keys(pooled).length === 0) continue;
      rows.push([v.variant, model, ...levels.map((l) => (pooled[l] ? pct(pooled[l]!.correct / pooled[l]!.samples) : "-"))]);
    }
  }
  const problems = (l: string) => base.levels![l].samples / base.k;
  return { headers: ["world", "model", ...levels.map((l) => `level ${l} (${problems(l)})`)], rows, right: [false, false, ...levels.map(() => true)] };
}
