// The q-quantile of a sample by linear interpolation between order statistics (R's type 7, numpy's
// default), so the bootstrap's percentile interval matches what a reader computes with numpy.

/** q in [0, 1]; `sorted` ascending and non-empty. */
export function percentileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError("percentile: empty sample");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile: q = ${q} is outside [0, 1]`);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
