// Evaluates a scalar Node to a Value, with every variable bound by `env`. Exact while it can be,
// doubles once irrational; NaN marks "no trustworthy number" (domain errors, overflow, containers).
import type { Node } from "./ast.ts";
import { Budget } from "./budget.ts";
import * as R from "./rational.ts";
import * as V from "./value.ts";
import type { Value } from "./value.ts";

export type Env = ReadonlyMap<string, Value>;

const MAX_FACTORIAL = 5000n;
const DEG = V.float(Math.PI / 180);
const HUNDRED = V.exact(R.q(100n));

export function evaluate(n: Node, env: Env, budget: Budget): Value {
  budget.check();
  switch (n.t) {
    case "num": return V.exact(n.v);
    case "sym": return env.get(n.name) ?? V.NAN;
    case "const":
      if (n.name === "pi") return V.float(Math.PI);
      if (n.name === "e") return V.float(Math.E);
      if (n.name === "i") return V.exact(R.ZERO, R.ONE);
      return V.float(Infinity);
    case "neg": return V.neg(evaluate(n.a, env, budget));
    case "pct": return V.div(evaluate(n.a, env, budget), HUNDRED);
    case "deg": return V.mul(evaluate(n.a, env, budget), DEG);
    case "bin": {
      const a = evaluate(n.a, env, budget);
      const b = evaluate(n.b, env, budget);
      switch (n.op) {
        case "+": return V.add(a, b);
        case "-": return V.sub(a, b);
        case "*": return V.mul(a, b);
        case "/": return V.div(a, b);
        case "^": return V.pow(a, b);
        default: return V.NAN; // ± has two values; callers expand it first
      }
    }
    case "fn":
      if (n.name === "det") return n.args[0].t === "matrix" ? determinant(n.args[0].rows.map((r) => r.map((x) => evaluate(x, env, budget)))) : V.NAN;
      return applyFunction(n.name, n.args.map((a) => evaluate(a, env, budget)));
    default: return V.NAN;
  }
}

const realExact = (v: Value): v is Value & { exact: true } => v.exact && R.isZero(v.im);
const asInteger = (v: Value): bigint | null => (realExact(v) && R.isInteger(v.re) ? v.re.n : null);

function factorial(v: Value): Value {
  const k = asInteger(v);
  if (k === null || k < 0n || k > MAX_FACTORIAL) return V.NAN;
  let r = 1n;
  for (let j = 2n; j <= k; j++) r *= j;
  return V.exact(R.q(r));
}

/** C(n, k) for an integer k: exact for integer n, else the falling-factorial polynomial n(n−1)…/k!. */
function binom(a: Value, b: Value): Value {
  const n = asInteger(a), k = asInteger(b);
  if (k === null) return V.NAN;
  if (n === null) {
    if (k < 0n || k > 1000n) return V.NAN;
    let r: Value = V.exact(R.ONE);
    for (let j = 0n; j < k; j++) r = V.div(V.mul(r, V.sub(a, V.exact(R.q(j)))), V.exact(R.q(j + 1n)));
    return r;
  }
  if (n < 0n || n > 100000n) return V.NAN;
  if (k < 0n || k > n) return V.exact(R.ZERO);
  let r = 1n;
  const kk = k < n - k ? k : n - k;
  if (kk > MAX_FACTORIAL) return V.NAN;
  for (let j = 1n; j <= kk; j++) r = (r * (n - kk + j)) / j;
  return V.exact(R.q(r));
}

function root(a: Value, index: Value): Value {
  const k = asInteger(index);
  // Odd roots of negative reals are real: ∛(-8) = -2, not a complex principal value.
  if (k !== null && k % 2n === 1n && V.isReal(a) && V.toFloat(a).re < 0) return V.neg(root(V.neg(a), index));
  return V.pow(a, V.div(V.exact(R.ONE), index));
}

function roundReal(v: Value, how: "floor" | "ceil"): Value {
  if (realExact(v)) {
    const f = v.re.n / v.re.d - (v.re.n < 0n && v.re.n % v.re.d !== 0n ? 1n : 0n);
    return V.exact(R.q(how === "floor" || R.isInteger(v.re) ? f : f + 1n));
  }
  const z = V.toFloat(v);
  return z.im === 0 ? V.float(Math[how](z.re)) : V.NAN;
}

/** The determinant of a square matrix of at most 5 rows, by cofactor expansion (exact when the entries are). */
function determinant(m: Value[][]): Value {
  const n = m.length;
  if (n === 0 || n > 5 || m.some((r) => r.length !== n)) return V.NAN;
  if (n === 1) return m[0][0];
  let sum: Value = V.exact(R.ZERO);
  for (let j = 0; j < n; j++) {
    const minor = m.slice(1).map((r) => r.filter((_, k) => k !== j));
    const term = V.mul(m[0][j], determinant(minor));
    sum = j % 2 === 0 ? V.add(sum, term) : V.sub(sum, term);
  }
  return sum;
}

function applyFunction(name: string, args: Value[]): Value {
  const [a, b] = args;
  switch (name) {
    case "mod": {
      const x = asInteger(a), y = asInteger(b);
      if (x === null || y === null || y === 0n) return V.NAN;
      const r = x % y;
      return V.exact(R.q(r < 0n ? r + (y < 0n ? -y : y) : r));
    }
    case "factorial": return factorial(a);
    case "binom": return binom(a, b);
    case "root": return root(a, b);
    case "abs": return V.abs(a);
    case "floor": case "ceil": return roundReal(a, name);
    case "log": return V.div(V.apply("ln", a), V.apply("ln", b ?? V.exact(R.q(10n))));
    case "gcd": case "lcm": {
      const xs = args.map(asInteger);
      if (xs.some((x) => x === null)) return V.NAN;
      let g = xs[0]!;
      for (const x of xs.slice(1)) g = name === "gcd" ? R.gcd(g, x!) : (g === 0n || x === 0n ? 0n : (g * x!) / R.gcd(g, x!));
      return V.exact(R.q(g < 0n ? -g : g));
    }
    case "max": case "min": {
      if (!args.every(realExact)) return V.NAN;
      const sorted = [...args].sort((x, y) => R.cmp((x as any).re, (y as any).re));
      return name === "max" ? sorted[sorted.length - 1] : sorted[0];
    }
    default: return args.length === 1 ? V.apply(name, a) : V.NAN;
  }
}
