// Mean ± standard error of one figure across seeds (or any repeated runs): what the study's table
// prints per arm, so a difference can be told from run-to-run noise.

export interface SeedSummary {
  /** How many values (seeds). */
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1 in the denominator); null when n < 2. */
  sd: number | null;
  /** Standard error of the mean, sd / sqrt(n); null when n < 2 (one seed says nothing about spread). */
  se: number | null;
}

/** Summarises values across seeds; throws on an empty list or a non-finite value (a bug upstream, not noise). */
export function seedSummary(values: readonly number[]): SeedSummary {
  if (values.length === 0) throw new RangeError("seedSummary: no values");
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`seedSummary: non-finite value ${v}`);
  const n = values.length;
  let s = 0;
  for (const v of values) s += v;
  const mean = s / n;
  if (n < 2) return { n, mean, sd: null, se: null };
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  return { n, mean, sd, se: sd / Math.sqrt(n) };
}
