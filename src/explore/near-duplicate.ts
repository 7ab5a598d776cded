// The near-duplicate measure of the RFT set (and of pair dedup). Two rationales are near-duplicates
// when the Jaccard similarity of their token sets is at least a threshold (default 0.9):
//   normalise: lower case; GSM8K calculator annotations <<...>> removed; thousands separators
//     dropped (1,000 -> 1000); trailing decimal zeros dropped (2.50 -> 2.5, 3.0 -> 3); whitespace
//     runs -> one space
//   tokens: words [a-z]+, numbers, and every other non-space character alone
//   J(a, b) = |A ∩ B| / |A ∪ B|  (two empty sets: 1)
// Equal normalised texts have J = 1, so exact duplicates up to spacing and number format are
// always caught; the threshold also catches rewordings that share almost all their tokens.
// Deterministic: no hashing, no sampling (MinHash would be approximate).

export function normaliseRationale(text: string): string {
  return text
    .toLowerCase()
    .replace(/<<[^<>]*>>/g, "")
    .replace(/(\d),(?=\d{3}(?!\d))/g, "$1")
    .replace(/(\d+)\.(\d*?)0+(?!\d)/g, (_, int: string, frac: string) => (frac ? `${int}.${frac}` : int))
    .replace(/\s+/g, " ")
    .trim();
}

export function tokenSet(text: string): Set<string> {
  return new Set(normaliseRationale(text).match(/[a-z]+|\d+(?:\.\d+)?|[^\sa-z\d]/g) ?? []);
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  return both / (a.size + b.size - both);
}
