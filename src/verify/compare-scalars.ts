// Equivalence of two scalar expressions. Exact rational (and Gaussian-rational) values must be
// equal exactly; a written decimal also matches a value it correctly rounds to (roundingDigits);
// irrational values match within relTol; expressions with variables match when they agree at
// several fixed pseudo-random points. When no number can be trusted (overflow, 10^{10^{10}}) only
// an identical expression matches: a false match is worse than a miss.
import { show, symbolsOf, type Node } from "./ast.ts";
import type { Budget } from "./budget.ts";
import { evaluate, type Env } from "./evaluate.ts";
import type { ResolvedOptions } from "./options.ts";
import * as R from "./rational.ts";
import * as V from "./value.ts";
import type { Value } from "./value.ts";

/**
 * Two closed-form values that are both too large (or undefined) to evaluate and are written
 * differently (2^{10^7} vs 4^{5·10^6}): neither "equal" nor "not equal" can be shown, and saying
 * "not equal" would count a right answer as an error. verify() reports it as status "undecided".
 */
export class Undecided extends Error {
  constructor(a: Node, b: Node) {
    super(`${show(a).slice(0, 40)} and ${show(b).slice(0, 40)} are too large to compare exactly`);
    this.name = "Undecided";
  }
}

export interface ScalarContext {
  options: ResolvedOptions;
  budget: Budget;
}

/** Fixed, irregular sample values of alternating sign (deterministic verdicts; |x| ≠ x shows at once). */
const SAMPLES = [0.7317, -1.3259, 1.9131, -0.4621, 2.4773, -2.2087, 1.1842, -0.8853, 1.6294, -1.7406, 0.3561, -2.0719];
const POINTS = 4;

function infinitySign(n: Node): number {
  if (n.t === "const" && n.name === "inf") return 1;
  if (n.t === "neg") return -infinitySign(n.a);
  return 0;
}

/** A written decimal (possibly negated) and its number of decimals, or null. */
function decimalLiteral(n: Node): { v: R.Q; decimals: number } | null {
  if (n.t === "num") return n.decimals > 0 ? { v: n.v, decimals: n.decimals } : null;
  if (n.t === "neg") {
    const d = decimalLiteral(n.a);
    return d ? { v: R.neg(d.v), decimals: d.decimals } : null;
  }
  return null;
}

function close(a: { re: number; im: number }, b: { re: number; im: number }, relTol: number): boolean {
  const scale = Math.max(Math.hypot(a.re, a.im), Math.hypot(b.re, b.im), 1e-3);
  return Math.hypot(a.re - b.re, a.im - b.im) <= relTol * scale;
}

/** Does the decimal `lit` correctly round the value `v` at its own precision? */
function roundsTo(lit: { v: R.Q; decimals: number }, v: Value, o: ResolvedOptions): boolean {
  if (lit.decimals < o.roundingDigits || !V.isReal(v)) return false;
  const half = R.q(1n, 2n * 10n ** BigInt(lit.decimals));
  if (v.exact) return R.cmp(R.sub(v.re, lit.v).n < 0n ? R.sub(lit.v, v.re) : R.sub(v.re, lit.v), half) <= 0;
  return Number.isFinite(v.re) && Math.abs(v.re - R.toNumber(lit.v)) <= R.toNumber(half) * (1 + 1e-9);
}

type Decision = boolean | "unknown";

function valuesEqual(a: Node, b: Node, va: Value, vb: Value, o: ResolvedOptions): Decision {
  if (va.exact && vb.exact) {
    if (R.eq(va.re, vb.re) && R.eq(va.im, vb.im)) return true;
  } else if (V.isFiniteValue(va) && V.isFiniteValue(vb)) {
    if (close(V.toFloat(va), V.toFloat(vb), o.relTol)) return true;
  } else return "unknown";
  const la = decimalLiteral(a), lb = decimalLiteral(b);
  if (la && !lb) return roundsTo(la, vb, o);
  if (lb && !la) return roundsTo(lb, va, o);
  return false;
}

function envAt(names: string[], k: number): Env {
  return new Map(names.map((name, j) => [name, V.float(SAMPLES[(k + 3 * j) % SAMPLES.length] + j * 0.0137)]));
}

/** Equality of two scalar expressions (no ±, no containers). */
export function scalarsEqual(a: Node, b: Node, ctx: ScalarContext): boolean {
  const sa = infinitySign(a), sb = infinitySign(b);
  if (sa || sb) return sa === sb;
  const names = [...symbolsOf(a, symbolsOf(b))].sort();
  let d: Decision;
  if (names.length === 0) {
    const va = evaluate(a, new Map(), ctx.budget), vb = evaluate(b, new Map(), ctx.budget);
    d = valuesEqual(a, b, va, vb, ctx.options);
    if (d === "unknown" && !V.isFiniteValue(va) && !V.isFiniteValue(vb) && show(a) !== show(b)) throw new Undecided(a, b);
  } else {
    d = agreeAtPoints(names, (env) => [evaluate(a, env, ctx.budget), evaluate(b, env, ctx.budget)], (x, y) => close(x, y, 1e-8));
  }
  return d === "unknown" ? show(a) === show(b) : d;
}

/** Evaluates a pair at POINTS sample points; all usable points must agree and at least two be usable. */
export function agreeAtPoints(
  names: string[],
  at: (env: Env) => [Value, Value],
  same: (x: { re: number; im: number }, y: { re: number; im: number }) => boolean,
): Decision {
  let usable = 0;
  for (let k = 0; k < POINTS; k++) {
    const [x, y] = at(envAt(names, k));
    const fx = V.isFiniteValue(x), fy = V.isFiniteValue(y);
    if (!fx && !fy) continue;
    if (fx !== fy) return false;
    if (!same(V.toFloat(x), V.toFloat(y))) return false;
    usable++;
  }
  return usable >= 2 ? true : "unknown";
}
