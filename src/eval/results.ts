// results.json: everything one `oxa eval` call measured, the single file other tools read
// (`oxa demo`, reports, a later `--buckets-from`). Shape, with fractions in [0, 1]:
//   { version, created_at, settings,
//     benchmarks: [{name, path, problems, hash, k}],
//     models: { <label>: { path,
//                          benchmarks: { <bench>: BenchSummary + {details, generated, cache_key, seconds} },
//                          average: the unweighted mean over benchmarks (as the paper's Avg.) } },
//     buckets: null | { base, benchmarks: { <bench>: {n, rows} } } }
// Model labels keep the order they were given in.
import type { BenchSummary } from "./summarize.ts";
import type { BucketRow } from "./buckets.ts";
import { mean } from "./stats.ts";

export interface BenchResult extends BenchSummary {
  /** details.jsonl, relative to the results file. */
  details: string;
  /** Samples generated in this call (0 = all from the cache). */
  generated: number;
  cache_key: string;
  /** Wall time of this call: getting the samples (0 when cached) and verifying them. */
  seconds: { generate: number; verify: number };
}

export interface AverageSummary extends Record<`pass@${number}`, number> {
  benchmarks: number;
  /** Each benchmark's Pass@k at its own k, averaged. */
  "pass@k": number;
  /** sqrt(sum se_b^2) / B: the benchmarks' problems are independent. */
  "pass@1_se": number | null;
  mean_length: number | null;
  entropy: number | null;
}

export interface ModelResult {
  path: string;
  benchmarks: Record<string, BenchResult>;
  average: AverageSummary;
}

export interface EvalResults {
  version: 1;
  created_at: string;
  settings: Record<string, unknown> & { k: number };
  /** k: samples per problem drawn for this benchmark (settings.k unless --bench-k changed it). */
  benchmarks: { name: string; path: string; problems: number; hash: string; k: number }[];
  models: Record<string, ModelResult>;
  buckets: null | { base: string; benchmarks: Record<string, { n: number; rows: BucketRow[] }> };
}

const nonNull = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);

export function averageOf(benches: readonly BenchSummary[]): AverageSummary {
  if (benches.length === 0) throw new RangeError("average: no benchmarks");
  const ses = benches.map((b) => b["pass@1_se"]);
  const out = {
    benchmarks: benches.length,
    "pass@k": mean(benches.map((b) => b[`pass@${b.k}`]))!,
    "pass@1_se": ses.includes(null) ? null : Math.sqrt(nonNull(ses).reduce((a, s) => a + s * s, 0)) / benches.length,
    mean_length: mean(nonNull(benches.map((b) => b.mean_length))),
    entropy: mean(nonNull(benches.map((b) => b.entropy))),
  } as AverageSummary;
  // Only the k' every benchmark has (they differ when benchmarks were sampled with different k).
  for (const k of benches[0].curve_ks) {
    if (benches.every((b) => b.curve_ks.includes(k))) out[`pass@${k}`] = mean(benches.map((b) => b[`pass@${k}`]))!;
  }
  return out;
}
