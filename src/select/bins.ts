// PPL bins and their targets, exactly as the reference behaviour in SPEC:
//   M = round((max − min) / w)  (half to even, as Python's round)
//   bin(ppl) = min(floor((ppl − min) / w + 1e-9), M − 1), for min ≤ ppl ≤ max; else discarded
//   target_i = the Gaussian pdf at bin centre x_i = min + (i + ½)·w, renormalised over the
//   M bins, times N; floored, and the N − Σ floor remaining units handed one each to the bins
//   with the largest fractional parts (ties: the lower bin first).
import { UsageError } from "../io/errors.ts";

export interface BinLayout {
  min: number;
  max: number;
  width: number;
  count: number;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function binLayout(min: number, max: number, width: number): BinLayout {
  if (!(max > min)) throw new UsageError(`the PPL range needs max > min (got ${min} … ${max})`);
  if (!(width > 0)) throw new UsageError(`--bin-width must be positive (got ${width})`);
  const count = roundHalfEven((max - min) / width);
  if (count < 1) throw new UsageError(`--bin-width ${width} is wider than the PPL range ${min} … ${max}`);
  return { min, max, width, count };
}

/** The bin of a PPL value, or −1 when it lies outside [min, max] (or is NaN). */
export function binIndex(layout: BinLayout, ppl: number): number {
  if (!(ppl >= layout.min && ppl <= layout.max)) return -1;
  return Math.min(Math.floor((ppl - layout.min) / layout.width + 1e-9), layout.count - 1);
}

export function binCenter(layout: BinLayout, i: number): number {
  return layout.min + (i + 0.5) * layout.width;
}

export function gaussianPdf(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / sigma;
  return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
}

/** Integer counts proportional to `weights` that sum to n: floor, then largest remainders. */
export function largestRemainder(weights: ArrayLike<number>, n: number): number[] {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  if (!(total > 0)) throw new UsageError("the target distribution has no mass inside the PPL range; widen the range or move --mu");
  const exact = Array.from(weights, (w) => (w / total) * n);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => i).sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])) || a - b);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]]++;
  return counts;
}

export function gaussianTargets(layout: BinLayout, mu: number, sigma: number, n: number): number[] {
  const pdf = Array.from({ length: layout.count }, (_, i) => gaussianPdf(binCenter(layout, i), mu, sigma));
  return largestRemainder(pdf, n);
}

/** Equal targets over the bins (PPL-interval sampling: uniform within [min, max]). */
export function flatTargets(layout: BinLayout, n: number): number[] {
  return largestRemainder(new Array(layout.count).fill(1), n);
}
