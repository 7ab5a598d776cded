// Chooses the training subset from a candidate pool by one of five strategies:
//   gaussian      Algorithm 1: PPL bins filled to Gaussian targets, longest first (fill-bins.ts)
//   interval      the same bins over [min, max] with equal targets (uniform PPL within [a, b])
//   random        n at random (the SFT baseline)
//   lowest-ppl    the globally lowest PPL (SFT_LP); ties: longer first
//   long-low-ppl  the longest among PPL ≤ a ceiling (--max-ppl, else the pool's median PPL)
// All of them: at most `perQuery` per query, each candidate at most once, remaining ties broken
// by a seeded draw, and the result shuffled with the seed. Same pool + options ⇒ same picks.
import { UsageError } from "../io/errors.ts";
import { binIndex, binLayout, flatTargets, gaussianTargets, type BinLayout } from "./bins.ts";
import { fillBins, type BinFill } from "./fill-bins.ts";
import { CandidatePool } from "./pool.ts";
import { createRandom, randomKey, shuffleInPlace } from "../common/random.ts";
import { takeRanked } from "./take-ranked.ts";

export const STRATEGIES = ["gaussian", "random", "lowest-ppl", "interval", "long-low-ppl"] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface SelectOptions {
  strategy: Strategy;
  n: number;
  perQuery: number;
  seed: number;
  mu: number;
  sigma: number;
  /** PPL range; defaults depend on the strategy (see resolveRange). */
  minPpl?: number;
  maxPpl?: number;
  binWidth: number;
  redistribute: boolean;
}

export interface Selection {
  /** Pool indices of the selected candidates, in output (shuffled) order. */
  picked: Int32Array;
  /** The PPL range candidates had to fall in. */
  range: { min: number; max: number };
  /** Bin layout and per-bin accounts (binned strategies only). */
  layout?: BinLayout;
  bins?: BinFill[];
}

/** The paper's settings (μ = 2.5 is for ~1.5B/3B models; use 3.0 for ~7B and Qwen3-1.7B). */
export const SELECT_DEFAULTS = { strategy: "gaussian", n: 50_000, perQuery: 1, seed: 0, mu: 2.5, sigma: 0.25, binWidth: 0.05, redistribute: false } as const satisfies Partial<SelectOptions>;

/** The PPL range a strategy uses, given the flags. */
export function resolveRange(pool: CandidatePool, o: SelectOptions): { min: number; max: number } {
  switch (o.strategy) {
    case "gaussian":
      return { min: o.minPpl ?? 1.0, max: o.maxPpl ?? 5.0 };
    case "interval":
      if (o.minPpl === undefined || o.maxPpl === undefined) throw new UsageError("--strategy interval needs --min-ppl and --max-ppl (the interval [a, b])");
      return { min: o.minPpl, max: o.maxPpl };
    case "long-low-ppl":
      return { min: o.minPpl ?? -Infinity, max: o.maxPpl ?? medianPpl(pool) };
    default:
      return { min: o.minPpl ?? -Infinity, max: o.maxPpl ?? Infinity };
  }
}

/**
 * Throws the UsageError the options would cause, before any data is read (the median-PPL ceiling
 * of long-low-ppl is the one thing that needs the pool).
 */
export function checkSelectOptions(o: SelectOptions): void {
  const { min, max } = resolveRange(new CandidatePool(), { ...o, maxPpl: o.maxPpl ?? (o.strategy === "long-low-ppl" ? Infinity : undefined) });
  if (!(max >= min)) throw new UsageError(`empty PPL range ${min} … ${max}`);
  if (o.strategy === "gaussian") gaussianTargets(binLayout(min, max, o.binWidth), o.mu, o.sigma, o.n);
  if (o.strategy === "interval") binLayout(min, max, o.binWidth);
}

function medianPpl(pool: CandidatePool): number {
  const v = pool.ppl.slice(0, pool.size).filter((x) => !Number.isNaN(x)).sort();
  return v.length === 0 ? Infinity : v[(v.length - 1) >> 1];
}

export function selectCandidates(pool: CandidatePool, o: SelectOptions): Selection {
  const range = resolveRange(pool, o);
  if (!(range.max >= range.min)) throw new UsageError(`empty PPL range ${range.min} … ${range.max}`);
  let result: Selection;
  if (o.strategy === "gaussian" || o.strategy === "interval") {
    const layout = binLayout(range.min, range.max, o.binWidth);
    const targets = o.strategy === "gaussian" ? gaussianTargets(layout, o.mu, o.sigma, o.n) : flatTargets(layout, o.n);
    const binOf = new Int32Array(pool.size);
    for (let i = 0; i < pool.size; i++) binOf[i] = binIndex(layout, pool.ppl[i]);
    const { picked, bins } = fillBins(pool, binOf, targets, { perQuery: o.perQuery, seed: o.seed, redistribute: o.redistribute });
    result = { picked: Int32Array.from(picked), range, layout, bins };
  } else {
    const eligible: number[] = [];
    for (let i = 0; i < pool.size; i++) if (pool.ppl[i] >= range.min && pool.ppl[i] <= range.max) eligible.push(i);
    const draw = new Uint32Array(pool.size);
    for (const i of eligible) draw[i] = randomKey(o.seed, i);
    const { ppl, len } = pool;
    const byDraw = (a: number, b: number) => draw[a] < draw[b] || (draw[a] === draw[b] && a < b);
    const before =
      o.strategy === "random"
        ? byDraw
        : o.strategy === "lowest-ppl"
          ? (a: number, b: number) => ppl[a] < ppl[b] || (ppl[a] === ppl[b] && (len[a] > len[b] || (len[a] === len[b] && byDraw(a, b))))
          : (a: number, b: number) => len[a] > len[b] || (len[a] === len[b] && (ppl[a] < ppl[b] || (ppl[a] === ppl[b] && byDraw(a, b))));
    result = { picked: Int32Array.from(takeRanked(pool, Int32Array.from(eligible), before, o.perQuery, o.n)), range };
  }
  shuffleInPlace(result.picked, createRandom(o.seed));
  return result;
}
