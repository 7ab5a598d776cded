// Difficulty buckets from a base model's pass counts (the paper's Figure 2d): problems are
// grouped by how many of the base model's n samples were correct, and each model's Pass@1 on a
// group is compared with the base's on the same problems.
//
// The paper's buckets for n = 128 are 0, 1-4, 5-16, 17-64, 65-128. For another n the upper ends
// are scaled by n/128 and rounded, each bucket keeps at least one count, and buckets past n are
// dropped, so n = 16 gives 0, 1, 2, 3-8, 9-16 and n = 4 gives 0, 1, 2, 3, 4.
// Problems missing from a model's details are left out of that model's bucket means (and
// counted in `missing`); a model evaluated on none of a bucket's problems gets null there.
import type { ProblemDetail } from "./problem-detail.ts";
import { mean } from "./stats.ts";

const PAPER_UPPER = [0, 4, 16, 64, 128];

export interface Bucket {
  lo: number;
  hi: number;
  label: string;
}

export function bucketEdges(n: number): Bucket[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`buckets: n must be a positive integer, got ${n}`);
  const out: Bucket[] = [];
  let lo = 0;
  for (const u of PAPER_UPPER) {
    if (lo > n) break;
    const hi = u === 128 ? n : Math.min(n, Math.max(lo, Math.round((u * n) / 128)));
    out.push({ lo, hi, label: lo === hi ? `${lo}` : `${lo}-${hi}` });
    lo = hi + 1;
  }
  return out;
}

export interface BucketRow {
  label: string;
  lo: number;
  hi: number;
  problems: number;
  base_pass1: number | null;
  /** Per model label: its Pass@1 on the bucket's problems, and the gain over the base. */
  models: Record<string, { pass1: number | null; gain: number | null; missing: number }>;
}

export function bucketGains(base: readonly ProblemDetail[], models: Readonly<Record<string, readonly ProblemDetail[]>>): { n: number; rows: BucketRow[] } {
  if (base.length === 0) throw new RangeError("buckets: the base details are empty");
  const n = base[0].n;
  const odd = base.find((d) => d.n !== n);
  if (odd) throw new RangeError(`buckets: base problem "${odd.id}" has n=${odd.n} samples but the others have ${n}; pass counts need one n`);
  const byId = Object.fromEntries(Object.entries(models).map(([label, ds]) => [label, new Map(ds.map((d) => [d.id, d]))]));
  const rows = bucketEdges(n).map((b): BucketRow => {
    const members = base.filter((d) => d.correct >= b.lo && d.correct <= b.hi);
    const basePass = mean(members.map((d) => d.correct / d.n));
    const row: BucketRow = { label: b.label, lo: b.lo, hi: b.hi, problems: members.length, base_pass1: basePass, models: {} };
    for (const [label, map] of Object.entries(byId)) {
      const pairs = members.flatMap((d) => (map.has(d.id) ? [[d, map.get(d.id)!] as const] : []));
      const pass1 = mean(pairs.map(([, m]) => m.correct / m.n));
      const gain = pass1 === null ? null : pass1 - mean(pairs.map(([b0]) => b0.correct / b0.n))!;
      row.models[label] = { pass1, gain, missing: members.length - pairs.length };
    }
    return row;
  });
  return { n, rows };
}
