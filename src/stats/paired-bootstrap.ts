// Paired bootstrap over problems of the Pass@1 difference between an arm and a reference (SFT):
// both arms answered the same problems, so resampling problems (not samples) keeps each problem's
// difficulty in both terms and the interval reflects which problems the test set happened to hold.
// Resampling draws with the project's one seeded generator, so the interval is reproducible.
import { createRandom, randomInt } from "../common/random.ts";
import { percentileSorted } from "./percentile.ts";

export interface PairedBootstrapOptions {
  /** Bootstrap replicates. */
  b: number;
  /** Seed of the resampling stream. */
  seed: number;
  /** Confidence level of the percentile interval, e.g. 0.95. */
  level: number;
}

export interface PairedBootstrapResult {
  problems: number;
  b: number;
  seed: number;
  level: number;
  /** Mean over problems of (arm − reference) Pass@1: the observed difference. */
  meanDiff: number;
  /** Its standard error, sd(d) / sqrt(m) with the (m − 1) variance; null when m < 2. */
  se: number | null;
  /** Standard deviation of the bootstrap replicates (the bootstrap's own SE estimate). */
  bootstrapSe: number;
  /** Percentile interval of the replicates at `level`. */
  ciLow: number;
  ciHigh: number;
  /** Share of replicates with a difference ≤ 0: how often the resampled test set shows no gain. */
  shareAtOrBelowZero: number;
}

/** The replicate means, in draw order: replicate j draws m indices uniformly with replacement from one stream. */
export function bootstrapReplicates(diffs: readonly number[], b: number, seed: number): number[] {
  const m = diffs.length;
  const rand = createRandom(seed);
  const out = new Array<number>(b);
  for (let j = 0; j < b; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += diffs[randomInt(rand, m)];
    out[j] = s / m;
  }
  return out;
}

/** `arm[i]` and `reference[i]` are the two arms' Pass@1 on problem i (see pairPerProblemPass). */
export function pairedBootstrap(arm: readonly number[], reference: readonly number[], opts: PairedBootstrapOptions): PairedBootstrapResult {
  const m = arm.length;
  if (m === 0) throw new RangeError("pairedBootstrap: no problems");
  if (reference.length !== m) throw new RangeError(`pairedBootstrap: ${m} arm values but ${reference.length} reference values`);
  if (!Number.isInteger(opts.b) || opts.b < 1) throw new RangeError(`pairedBootstrap: b = ${opts.b} must be a positive integer`);
  if (!(opts.level > 0 && opts.level < 1)) throw new RangeError(`pairedBootstrap: level = ${opts.level} must lie in (0, 1)`);
  const diffs = arm.map((a, i) => a - reference[i]);
  let s = 0;
  for (const d of diffs) s += d;
  const meanDiff = s / m;
  let ss = 0;
  for (const d of diffs) ss += (d - meanDiff) ** 2;
  const se = m < 2 ? null : Math.sqrt(ss / (m - 1) / m);
  const reps = bootstrapReplicates(diffs, opts.b, opts.seed);
  let rs = 0;
  let atOrBelow = 0;
  for (const r of reps) {
    rs += r;
    if (r <= 0) atOrBelow++;
  }
  const rMean = rs / opts.b;
  let rss = 0;
  for (const r of reps) rss += (r - rMean) ** 2;
  const sorted = [...reps].sort((x, y) => x - y);
  const tail = (1 - opts.level) / 2;
  return {
    problems: m,
    b: opts.b,
    seed: opts.seed,
    level: opts.level,
    meanDiff,
    se,
    bootstrapSe: opts.b < 2 ? 0 : Math.sqrt(rss / (opts.b - 1)),
    ciLow: percentileSorted(sorted, tail),
    ciHigh: percentileSorted(sorted, 1 - tail),
    shareAtOrBelowZero: atOrBelow / opts.b,
  };
}
