// Small descriptive statistics used by the summaries. Empty input gives null, never NaN.

export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Standard error of the mean, sd / sqrt(m) with the (m - 1) sample variance; null when m < 2. */
export function standardError(xs: readonly number[]): number | null {
  const m = xs.length;
  const mu = mean(xs);
  if (mu === null || m < 2) return null;
  let ss = 0;
  for (const x of xs) ss += (x - mu) ** 2;
  return Math.sqrt(ss / (m - 1) / m);
}
