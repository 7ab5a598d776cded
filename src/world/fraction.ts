// Exact rational numbers over bigint, always in lowest terms with a positive denominator:
// the world's answers are exact, never floating point.
export interface Frac {
  readonly n: bigint;
  readonly d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};

export function frac(n: bigint | number, d: bigint | number = 1n): Frac {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError("division by zero");
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd) || 1n;
  return { n: nn / g, d: dd / g };
}

export const add = (a: Frac, b: Frac) => frac(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Frac, b: Frac) => frac(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Frac, b: Frac) => frac(a.n * b.n, a.d * b.d);
export const div = (a: Frac, b: Frac) => frac(a.n * b.d, a.d * b.n);
export const eq = (a: Frac, b: Frac) => a.n === b.n && a.d === b.d;
export const isInt = (a: Frac) => a.d === 1n;
export const lt = (a: Frac, b: Frac) => a.n * b.d < b.n * a.d;

/** "17", "17/4", "-3/2". */
export const show = (a: Frac) => (isInt(a) ? `${a.n}` : `${a.n}/${a.d}`);
/** As an operand inside an expression: fractions get parentheses so precedence never matters. */
export const term = (a: Frac) => (isInt(a) ? `${a.n}` : `(${a.n}/${a.d})`);
/** "17" or "\frac{17}{4}" (sign in front). */
export const latex = (a: Frac) => (isInt(a) ? `${a.n}` : `${a.n < 0n ? "-" : ""}\\frac{${a.n < 0n ? -a.n : a.n}}{${a.d}}`);
