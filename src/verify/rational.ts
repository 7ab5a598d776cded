// Exact rational arithmetic on BigInt, with a size cap: a result that would need more than
// MAX_BITS bits is refused (TooLargeError) instead of being computed, so `10^{10^{10}}` costs
// nothing and two huge values are never compared through lossy floats.

/** A reduced fraction n/d with d > 0. */
export interface Q {
  readonly n: bigint;
  readonly d: bigint;
}

/** Largest numerator or denominator we are willing to build (about 39,000 decimal digits). */
export const MAX_BITS = 1 << 17;

export class TooLargeError extends Error {
  constructor(what: string) {
    super(`${what} is too large to compute exactly`);
    this.name = "TooLargeError";
  }
}

const abs = (a: bigint) => (a < 0n ? -a : a);

export function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

export function bitLength(a: bigint): number {
  a = abs(a);
  return a === 0n ? 0 : a.toString(16).length * 4;
}

function checkSize(q: Q): Q {
  if (bitLength(q.n) > MAX_BITS || bitLength(q.d) > MAX_BITS) throw new TooLargeError("a fraction");
  return q;
}

export function q(n: bigint, d: bigint = 1n): Q {
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

export const ZERO = q(0n);
export const ONE = q(1n);

export const add = (a: Q, b: Q) => checkSize(q(a.n * b.d + b.n * a.d, a.d * b.d));
export const sub = (a: Q, b: Q) => checkSize(q(a.n * b.d - b.n * a.d, a.d * b.d));
export const mul = (a: Q, b: Q) => checkSize(q(a.n * b.n, a.d * b.d));
export const div = (a: Q, b: Q) => checkSize(q(a.n * b.d, a.d * b.n));
export const neg = (a: Q): Q => ({ n: -a.n, d: a.d });
export const isZero = (a: Q) => a.n === 0n;
export const isInteger = (a: Q) => a.d === 1n;
export const eq = (a: Q, b: Q) => a.n === b.n && a.d === b.d;
export const cmp = (a: Q, b: Q) => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};

/** a^k for an integer k; refuses when the result would exceed MAX_BITS. */
export function pow(a: Q, k: bigint): Q {
  if (k === 0n) return ONE;
  if (a.n === 0n) {
    if (k < 0n) throw new RangeError("division by zero");
    return ZERO;
  }
  const base = k < 0n ? q(a.d, a.n) : a;
  const e = abs(k);
  const unit = abs(base.n) === 1n && base.d === 1n;
  if (unit) return q(base.n < 0n && e % 2n === 1n ? -1n : 1n);
  const bits = Math.max(bitLength(base.n), bitLength(base.d));
  if (e > BigInt(MAX_BITS) || Number(e) * (bits - 1) > MAX_BITS) throw new TooLargeError("a power");
  return checkSize({ n: base.n ** e, d: base.d ** e });
}

/** Integer k-th root of a non-negative integer when it is exact, else null. */
export function exactRoot(a: bigint, k: number): bigint | null {
  if (a < 0n) return null;
  if (a < 2n) return a;
  const K = BigInt(k);
  // Newton's method from an over-estimate; converges to floor(a^(1/k)).
  let x = 1n << BigInt(Math.ceil(bitLength(a) / k) + 1);
  for (;;) {
    const y = ((K - 1n) * x + a / x ** (K - 1n)) / K;
    if (y >= x) break;
    x = y;
  }
  return x ** K === a ? x : null;
}

/** The nearest double, or NaN when the value lies outside the double range (never a silent 0 or ∞). */
export function toNumber(a: Q): number {
  if (a.n === 0n) return 0;
  const bn = bitLength(a.n);
  const bd = bitLength(a.d);
  if (bn < 1000 && bd < 1000) return Number(a.n) / Number(a.d);
  const shift = bn - bd;
  if (Math.abs(shift) > 1000) return NaN;
  const sn = BigInt(Math.max(0, bn - 80));
  const sd = BigInt(Math.max(0, bd - 80));
  return (Number(a.n >> sn) / Number(a.d >> sd)) * 2 ** (Number(sn) - Number(sd));
}

/** Parses a decimal literal ("12", "-0.5", ".25", "3e5", "1.2E-3") exactly. */
export function fromDecimal(text: string): Q {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === "" && !m[3])) throw new SyntaxError(`not a decimal number: ${text}`);
  const frac = m[3] ?? "";
  let n = BigInt((m[2] || "0") + frac);
  let d = 10n ** BigInt(frac.length);
  const e = m[4] ? Number(m[4]) : 0;
  if (Math.abs(e) > 10000) throw new TooLargeError("an exponent");
  if (e > 0) n *= 10n ** BigInt(e);
  else if (e < 0) d *= 10n ** BigInt(-e);
  if (m[1] === "-") n = -n;
  return checkSize(q(n, d));
}

export function toString(a: Q): string {
  return a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`;
}
