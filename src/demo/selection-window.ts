// The Gaussian selection window for a pool whose perplexities are not on the paper's scale.
//
// The paper's settings assume a base model whose PPL on teacher traces lies mostly in [1, 5]:
// window [1.0, 5.0], centre mu = 2.5 (upper part of the bulk), sigma = 0.25 = width/16, bin
// width 0.05 = width/80. A tiny model of the built-in world is far less sure of itself (its own
// style scores PPL ~2-8, the styles it never saw 30-1000), so the demo keeps the paper's
// *proportions* and anchors them on the pool:
//   window = [q(0.02), q(0.98)] of the candidates' PPL (the tails are outliers, as PPL > 5 was),
//   mu     = q(0.75): above the bulk, like 2.5 in a pool that is mostly below it,
//   sigma  = width / 16,  bin width = width / 80  (the paper's 80 bins).
// q is the nearest-rank quantile. Empty or constant pools are errors: there is nothing to select by.

export interface SelectionWindow {
  mu: number;
  sigma: number;
  minPpl: number;
  maxPpl: number;
  binWidth: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of an empty list");
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** Rounds to 4 significant digits so the parameters read well in manifests and logs. */
const round4 = (x: number) => Number(x.toPrecision(4));

export function selectionWindow(ppls: readonly number[], opts: { centre?: number } = {}): SelectionWindow {
  const sorted = ppls.filter((p) => Number.isFinite(p)).sort((a, b) => a - b);
  if (sorted.length === 0) throw new RangeError("selection window: no finite PPL in the pool");
  const minPpl = round4(quantile(sorted, 0.02));
  const maxPpl = round4(quantile(sorted, 0.98));
  const width = maxPpl - minPpl;
  if (!(width > 0)) throw new RangeError(`selection window: every PPL is ${minPpl}; nothing to select by`);
  return {
    mu: round4(quantile(sorted, opts.centre ?? 0.75)),
    sigma: round4(width / 16),
    minPpl,
    maxPpl,
    binWidth: round4(width / 80),
  };
}
