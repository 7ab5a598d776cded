// Numbers the evaluator computes with: exact Gaussian rationals (re + im·i with BigInt fractions)
// while every step is rational, complex doubles once something irrational enters (π, √2, sin).
// A double that over- or underflows becomes NaN, which the comparison treats as "cannot decide".
import * as R from "./rational.ts";
import type { Q } from "./rational.ts";

export type Value = { exact: true; re: Q; im: Q } | { exact: false; re: number; im: number };

export const exact = (re: Q, im: Q = R.ZERO): Value => ({ exact: true, re, im });
export const float = (re: number, im = 0): Value => ({ exact: false, re, im });
export const NAN = float(NaN, NaN);

export function toFloat(v: Value): { re: number; im: number } {
  return v.exact ? { re: R.toNumber(v.re), im: R.toNumber(v.im) } : v;
}

export const isReal = (v: Value) => (v.exact ? R.isZero(v.im) : v.im === 0);
export const isFiniteValue = (v: Value) => {
  const f = toFloat(v);
  return Number.isFinite(f.re) && Number.isFinite(f.im);
};

/** Runs the exact rule, falling back to doubles when it refuses (too large) or does not apply. */
function tryExact(fn: () => Value | null, fallback: () => Value): Value {
  try {
    const v = fn();
    if (v) return v;
  } catch (e) {
    if (!(e instanceof R.TooLargeError)) throw e;
    return NAN;
  }
  return fallback();
}

export function add(a: Value, b: Value): Value {
  if (a.exact && b.exact) return tryExact(() => exact(R.add(a.re, b.re), R.add(a.im, b.im)), () => NAN);
  const x = toFloat(a), y = toFloat(b);
  return float(x.re + y.re, x.im + y.im);
}

export const neg = (a: Value): Value => (a.exact ? exact(R.neg(a.re), R.neg(a.im)) : float(-a.re, -a.im));
export const sub = (a: Value, b: Value) => add(a, neg(b));

export function mul(a: Value, b: Value): Value {
  if (a.exact && b.exact)
    return tryExact(() => exact(R.sub(R.mul(a.re, b.re), R.mul(a.im, b.im)), R.add(R.mul(a.re, b.im), R.mul(a.im, b.re))), () => NAN);
  const x = toFloat(a), y = toFloat(b);
  return float(x.re * y.re - x.im * y.im, x.re * y.im + x.im * y.re);
}

export function div(a: Value, b: Value): Value {
  if (a.exact && b.exact) {
    const den = R.add(R.mul(b.re, b.re), R.mul(b.im, b.im));
    if (R.isZero(den)) return NAN;
    return tryExact(() => {
      const re = R.div(R.add(R.mul(a.re, b.re), R.mul(a.im, b.im)), den);
      const im = R.div(R.sub(R.mul(a.im, b.re), R.mul(a.re, b.im)), den);
      return exact(re, im);
    }, () => NAN);
  }
  const x = toFloat(a), y = toFloat(b);
  const d = y.re * y.re + y.im * y.im;
  if (d === 0) return NAN;
  return float((x.re * y.re + x.im * y.im) / d, (x.im * y.re - x.re * y.im) / d);
}

// Complex double helpers.
type C = { re: number; im: number };
const cexp = (z: C): C => {
  const m = Math.exp(z.re);
  return z.im === 0 ? { re: m, im: 0 } : { re: m * Math.cos(z.im), im: m * Math.sin(z.im) };
};
const clog = (z: C): C => ({ re: Math.log(Math.hypot(z.re, z.im)), im: Math.atan2(z.im, z.re) });
const cmul = (a: C, b: C): C => ({ re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re });

function floatPow(a: C, b: C): Value {
  if (a.re === 0 && a.im === 0) return b.re > 0 ? float(0) : NAN;
  if (a.im === 0 && b.im === 0 && (a.re > 0 || Number.isInteger(b.re))) return float(Math.pow(a.re, b.re));
  const r = cexp(cmul(b, clog(a)));
  return float(r.re, r.im);
}

/** Power: exact for rational bases with integer exponents (size-capped) and exact roots. */
export function pow(a: Value, b: Value): Value {
  if (a.exact && b.exact && R.isZero(b.im)) {
    const e = b.re;
    if (R.isZero(a.im)) {
      if (R.isInteger(e)) return R.isZero(a.re) && e.n < 0n ? NAN : tryExact(() => exact(R.pow(a.re, e.n)), () => NAN);
      // Rational exponent p/k: exact when the k-th root of the base is exact.
      if (e.d <= 64n && a.re.n >= 0n) {
        const k = Number(e.d);
        const rn = R.exactRoot(a.re.n, k), rd = R.exactRoot(a.re.d, k);
        if (rn !== null && rd !== null) return tryExact(() => exact(R.pow(R.q(rn, rd), e.n)), () => NAN);
      }
      if (e.d === 2n && a.re.n < 0n) {
        const rn = R.exactRoot(-a.re.n, 2), rd = R.exactRoot(a.re.d, 2);
        if (rn !== null && rd !== null) return mul(pow(exact(R.ZERO, R.ONE), exact(R.q(e.n))), pow(exact(R.q(rn, rd)), exact(R.q(e.n))));
      }
    } else if (R.isInteger(e) && e.n >= 0n && e.n <= 4096n) {
      let r: Value = exact(R.ONE);
      for (let k = 0n; k < e.n; k++) r = mul(r, a);
      return r;
    }
  }
  return floatPow(toFloat(a), toFloat(b));
}

export function sqrt(a: Value): Value {
  return pow(a, exact(R.q(1n, 2n)));
}

/** Applies a real-analytic function to a real argument; complex arguments go through exp/log forms. */
export function apply(name: string, a: Value): Value {
  const z = toFloat(a);
  if (z.im !== 0) {
    if (name === "exp") return float(cexp(z).re, cexp(z).im);
    if (name === "ln") return float(clog(z).re, clog(z).im);
    return NAN;
  }
  const x = z.re;
  switch (name) {
    case "sin": return float(Math.sin(x));
    case "cos": return float(Math.cos(x));
    case "tan": return float(Math.tan(x));
    case "cot": return float(1 / Math.tan(x));
    case "sec": return float(1 / Math.cos(x));
    case "csc": return float(1 / Math.sin(x));
    case "arcsin": return Math.abs(x) <= 1 ? float(Math.asin(x)) : NAN;
    case "arccos": return Math.abs(x) <= 1 ? float(Math.acos(x)) : NAN;
    case "arctan": return float(Math.atan(x));
    case "sinh": return float(Math.sinh(x));
    case "cosh": return float(Math.cosh(x));
    case "tanh": return float(Math.tanh(x));
    case "exp": return float(Math.exp(x));
    case "ln": return x > 0 ? float(Math.log(x)) : x < 0 ? float(Math.log(-x), Math.PI) : NAN;
    default: return NAN;
  }
}

export function abs(a: Value): Value {
  if (a.exact && R.isZero(a.im)) return exact(a.re.n < 0n ? R.neg(a.re) : a.re);
  const z = toFloat(a);
  return float(Math.hypot(z.re, z.im));
}
