// Each arm against SFT over the held-out problems: the paired bootstrap of the Pass@1 difference.
// Seeds are pooled per problem (a problem's correct samples and samples summed over the seeds), so
// the unit resampled stays the problem — the same problems in every seed and both arms — and the
// seeds' spread enters as more samples of each problem. Each seed's own difference is kept beside it.
import { pairedBootstrap, pairPerProblemPass, type PairedBootstrapResult, type ProblemOutcome } from "../stats/index.ts";

/** The reference arm and the bootstrap's settings: 2,000 replicates, a 95 % percentile interval. */
export const COMPARISON = { reference: "sft", b: 2000, level: 0.95 } as const;

export interface ArmComparison extends PairedBootstrapResult {
  reference: string;
  /** Per seed, in the seeds' order: mean over problems of (arm − reference) Pass@1. */
  perSeedDiff: number[];
}

/** One problem outcome per id: the seeds' samples and correct samples summed. */
export function poolSeeds(perSeed: readonly (readonly ProblemOutcome[])[]): ProblemOutcome[] {
  const byId = new Map<string, ProblemOutcome>();
  for (const rows of perSeed) {
    for (const r of rows) {
      const p = byId.get(r.id) ?? { id: r.id, n: 0, correct: 0 };
      byId.set(r.id, { id: r.id, n: p.n + r.n, correct: p.correct + r.correct });
    }
  }
  return [...byId.values()];
}

const meanDiff = (arm: readonly ProblemOutcome[], ref: readonly ProblemOutcome[]) => {
  const p = pairPerProblemPass(arm, ref);
  return p.arm.reduce((s, a, i) => s + a - p.reference[i], 0) / p.ids.length;
};

/**
 * `details[label][i]` is the model's per-problem outcomes in the i-th seed. Every label but the
 * reference is compared with it; `seed` seeds the bootstrap's resampling.
 */
export function compareWithReference(details: Readonly<Record<string, readonly (readonly ProblemOutcome[])[]>>, seed: number): Record<string, ArmComparison> {
  const ref = details[COMPARISON.reference];
  if (!ref) throw new RangeError(`no details of the reference arm "${COMPARISON.reference}"`);
  const out: Record<string, ArmComparison> = {};
  for (const [label, seeds] of Object.entries(details)) {
    if (label === COMPARISON.reference) continue;
    if (seeds.length !== ref.length) throw new RangeError(`"${label}" has ${seeds.length} seeds, the reference ${ref.length}`);
    const pooled = pairPerProblemPass(poolSeeds(seeds), poolSeeds(ref));
    out[label] = {
      reference: COMPARISON.reference,
      ...pairedBootstrap(pooled.arm, pooled.reference, { b: COMPARISON.b, seed, level: COMPARISON.level }),
      perSeedDiff: seeds.map((rows, i) => meanDiff(rows, ref[i])),
    };
  }
  return out;
}
