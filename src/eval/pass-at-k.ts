// The unbiased Pass@k estimator and the Pass@k' curve of one problem.
//
// With n samples of which c are correct, the chance that k samples drawn without replacement
// contain at least one correct one is
//     pass@k = 1 - C(n-c, k) / C(n, k) = 1 - prod_{i=n-c+1..n} (1 - k/i)
// The product form never builds a binomial coefficient, so n = 128 (C(128,64) ~ 2.4e37) or
// n = 10,000 stays exact to rounding, and it has only c factors.
// Edge cases: c = 0 gives 0; n - c < k gives exactly 1 (every draw of k holds a correct one);
// k > n, k < 1, c outside [0, n] or non-integers are errors, not silently clipped.

export function passAtK(n: number, c: number, k: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`pass@k: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(c) || c < 0 || c > n) throw new RangeError(`pass@k: c must be an integer in [0, n=${n}], got ${c}`);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`pass@k: k must be a positive integer, got ${k}`);
  if (k > n) throw new RangeError(`pass@k: k=${k} exceeds the ${n} samples drawn; evaluate with at least k samples`);
  if (c === 0) return 0;
  if (n - c < k) return 1;
  let allWrong = 1;
  for (let i = n - c + 1; i <= n; i++) allWrong *= 1 - k / i;
  return 1 - allWrong;
}

/** The k' of a Pass@k' curve: 1, 2, 4, ... up to n, plus n itself when it is not a power of two. */
export function curveKs(n: number): number[] {
  const ks: number[] = [];
  for (let k = 1; k <= n; k *= 2) ks.push(k);
  if (ks[ks.length - 1] !== n) ks.push(n);
  return ks;
}
