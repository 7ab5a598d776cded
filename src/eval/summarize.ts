// One model on one benchmark, from its per-problem details:
//   pass@1    = mean over problems of c_i / n_i  (= mean correctness over all samples when every
//               problem has the same n, which is how `oxa eval` samples)
//   pass@1_se = standard error of that mean across problems (sample sd of c_i/n_i over sqrt(P));
//               it measures problem-to-problem spread, the uncertainty that matters when
//               comparing models on a fixed, small benchmark
//   pass@k'   = mean over problems of the unbiased estimator (pass-at-k.ts) for k' = 1, 2, 4, ...
//               up to k = the smallest n; pass@k at k = n is exactly the share of problems
//               with at least one correct sample
//   entropy   = token-weighted mean of the per-sample mean entropies, sum(h_s * t_s) / sum(t_s):
//               the mean token entropy over every generated token of the benchmark, so long
//               samples count for their length (samples without tokens or entropy are skipped)
//   lengths   = mean and median generated tokens over all samples
// An empty details list is an error (there is nothing to average).
import type { ProblemDetail } from "./problem-detail.ts";
import { curveKs, passAtK } from "./pass-at-k.ts";
import { mean, median, standardError } from "./stats.ts";

export type PassKeys = Record<`pass@${number}`, number>;

export interface BenchSummary extends PassKeys {
  problems: number;
  /** Samples per problem (the smallest n when they differ). */
  k: number;
  samples: number;
  "pass@1_se": number | null;
  /** The Pass@k' curve's k', each also present as a "pass@<k'>" key. */
  curve_ks: number[];
  mean_length: number | null;
  median_length: number | null;
  entropy: number | null;
  /** Share of samples cut off by the token limit. */
  truncated: number;
}

/** Token-weighted mean entropy over samples; null when no sample has both. */
export function tokenWeightedEntropy(lengths: readonly number[], entropies: readonly (number | null)[]): number | null {
  let num = 0;
  let den = 0;
  for (let i = 0; i < entropies.length; i++) {
    const h = entropies[i];
    const t = lengths[i] ?? 0;
    if (h === null || t <= 0) continue;
    num += h * t;
    den += t;
  }
  return den > 0 ? num / den : null;
}

export function summarize(details: readonly ProblemDetail[]): BenchSummary {
  if (details.length === 0) throw new RangeError("summarize: no problems");
  const k = Math.min(...details.map((d) => d.n));
  const ks = curveKs(k);
  const perProblem = details.map((d) => d.correct / d.n);
  const lengths = details.flatMap((d) => d.lengths);
  const entropies = details.flatMap((d) => (d.entropies.length === d.lengths.length ? d.entropies : d.lengths.map(() => null)));
  const samples = details.reduce((a, d) => a + d.n, 0);
  const out = {
    problems: details.length,
    k,
    samples,
    "pass@1_se": standardError(perProblem),
    curve_ks: ks,
    mean_length: mean(lengths),
    median_length: median(lengths),
    entropy: tokenWeightedEntropy(lengths, entropies),
    truncated: details.reduce((a, d) => a + d.truncated, 0) / samples,
  } as BenchSummary;
  for (const kk of ks) out[`pass@${kk}`] = mean(details.map((d) => passAtK(d.n, d.correct, kk)))!;
  return out;
}
