// Equivalence of a predicted answer with the gold answer, gold first. Shapes must agree (a set
// is not a tuple, [1,2) is not [1,2]), with these deliberate asymmetries and bridges:
//  - a predicted assignment "x = v" (or "x = a = v") counts as its value v for a gold value;
//    a gold assignment "y = 2x+1" likewise accepts its right side;
//  - intervals and one-variable inequalities meet as intervals, in either role;
//  - a gold tuple accepts the same values as a bare list or as assignments "x=1, y=2";
//  - a gold list or set is unordered (a list is ordered under listOrder: "ordered"); a bare predicted
//    list may answer a gold set;
//  - a computed chain ("\binom{6}{2} = 15") is its final side, and a labelled answer
//    ("|PQ| = 5", "(a,b) = (4,1)") its right side against an answer that is not an equation (labels.ts);
//  - ratios are equal when proportional (3:8 = 6:16), and a two-part ratio a:b is also the value a/b.
import { show, symbolsOf, type Node } from "./ast.ts";
import { agreeAtPoints, scalarsEqual, type ScalarContext } from "./compare-scalars.ts";
import { evaluate } from "./evaluate.ts";
import { isComputed, isLabel } from "./labels.ts";
import type { Answer, Interval } from "./to-answer.ts";
import { toAnswer } from "./to-answer.ts";

const PI: Node = { t: "const", name: "pi" };
const HUNDRED: Node = { t: "num", v: { n: 100n, d: 1n }, decimals: 0 };

function stripTop(n: Node, t: "pct" | "deg"): Node | null {
  if (n.t === t) return n.a;
  if (n.t === "neg") {
    const a = stripTop(n.a, t);
    return a ? { t: "neg", a } : null;
  }
  return null;
}

const containsPi = (n: Node): boolean => show(n).includes("pi");

/** The readings of a scalar under the percent and degree policies. */
function readings(n: Node, other: Node, ctx: ScalarContext): Node[] {
  let out: Node[] = [n];
  const pct = stripTop(n, "pct");
  if (pct) {
    const policy = ctx.options.percent;
    const bothPct = stripTop(other, "pct") !== null;
    if (policy === "ignore" || bothPct) out = [pct];
    else if (policy === "value") out = [{ t: "bin", op: "/", a: pct, b: HUNDRED }];
    else out = [pct, { t: "bin", op: "/", a: pct, b: HUNDRED }];
  }
  const deg = stripTop(n, "deg");
  if (deg) out = containsPi(other) ? [deg, { t: "deg", a: deg }] : [deg];
  return out;
}

function scalarMatch(g: Node, p: Node, ctx: ScalarContext): boolean {
  // A percentage is not an angle: 60% ≠ 60°.
  if ((stripTop(g, "pct") && stripTop(p, "deg")) || (stripTop(g, "deg") && stripTop(p, "pct"))) return false;
  for (const a of readings(g, p, ctx)) for (const b of readings(p, g, ctx)) if (scalarsEqual(a, b, ctx)) return true;
  return false;
}

/** Unordered: every gold item is matched by a distinct predicted item and none is left over. */
function multisetMatch(g: Answer[], p: Answer[], ctx: ScalarContext): boolean {
  if (g.length !== p.length) return false;
  const used = new Array(p.length).fill(false);
  outer: for (const x of g) {
    for (let j = 0; j < p.length; j++) {
      if (!used[j] && answersEqual(x, p[j], ctx)) {
        used[j] = true;
        continue outer;
      }
    }
    return false;
  }
  return true;
}

const orderedMatch = (g: Answer[], p: Answer[], ctx: ScalarContext) => g.length === p.length && g.every((x, j) => answersEqual(x, p[j], ctx));

function dedupe(items: Answer[], ctx: ScalarContext): Answer[] {
  const out: Answer[] = [];
  for (const x of items) if (!out.some((y) => answersEqual(x, y, ctx))) out.push(x);
  return out;
}

function intervalsEqual(g: Interval[], p: Interval[], ctx: ScalarContext): boolean {
  if (g.length !== p.length) return false;
  const used = new Array(p.length).fill(false);
  return g.every((x) => {
    const j = p.findIndex((y, k) => !used[k] && x.open === y.open && x.close === y.close && scalarMatch(x.lo, y.lo, ctx) && scalarMatch(x.hi, y.hi, ctx));
    if (j >= 0) used[j] = true;
    return j >= 0;
  });
}

const asIntervals = (a: Answer): Interval[] | null =>
  a.k === "intervals" ? a.parts : a.k === "tuple" && a.items.length === 2 && a.items.every((x) => x.k === "scalar")
    ? [{ open: a.open, close: a.close, lo: (a.items[0] as any).n, hi: (a.items[1] as any).n }]
    : null;

/** lhs − rhs of two equations vanish together: their ratio is one non-zero constant at every point. */
function equationsEquivalent(g: Node, p: Node, ctx: ScalarContext): boolean {
  const names = [...symbolsOf(g, symbolsOf(p))].sort();
  if (names.length === 0) return false;
  let ratio: { re: number; im: number } | null = null;
  const d = agreeAtPoints(
    names,
    (env) => [evaluate(g, env, ctx.budget), evaluate(p, env, ctx.budget)],
    (x, y) => {
      const den = y.re * y.re + y.im * y.im;
      if (den === 0) return x.re === 0 && x.im === 0;
      const r = { re: (x.re * y.re + x.im * y.im) / den, im: (x.im * y.re - x.re * y.im) / den };
      if (Math.hypot(r.re, r.im) < 1e-12) return false;
      if (!ratio) ratio = r;
      return Math.hypot(r.re - ratio.re, r.im - ratio.im) <= 1e-8 * Math.max(1, Math.hypot(ratio.re, ratio.im));
    },
  );
  return d === true;
}

const difference = (lhs: Node, rhs: Node): Node => ({ t: "bin", op: "-", a: lhs, b: rhs });

/** The name an assignment gives a value to: "x" in x = 3, "f(x)" in f(x) = x^2 (read as f·x). */
function assigned(lhs: Node): string | null {
  if (lhs.t === "sym") return lhs.name;
  if (lhs.t === "bin" && lhs.op === "*" && lhs.a.t === "sym" && /^[a-zA-Z]'*$/.test(lhs.a.name) && (lhs.b.t === "sym" || (lhs.b.t === "group" && lhs.b.items.every((x) => x.t === "sym")))) return show(lhs);
  return null;
}

function assignmentValues(a: Answer): Answer[] | null {
  if (a.k !== "list" || !a.items.every((x) => x.k === "eq" && assigned(x.lhs) !== null)) return null;
  const names = a.items.map((x) => assigned((x as any).lhs));
  return new Set(names).size === names.length ? a.items.map((x) => (x as any).rhs as Answer) : null;
}

const ratioValue = (items: Node[]): Node => ({ t: "bin", op: "/", a: items[0], b: items[1] });

/** h:mm with whole hours 0–23 and two-digit minutes 10–59: possibly a clock time (3:45), not a ratio. */
const clockLike = (items: Node[]) =>
  items.length === 2 && items.every((x) => x.t === "num" && x.decimals === 0 && x.v.d === 1n) &&
  (items[0] as any).v.n <= 23n && (items[1] as any).v.n >= 10n && (items[1] as any).v.n <= 59n;

/** Ratios are equal when proportional: every part over the first part agrees. Two clock-like
 * answers (3:45 vs 1:15) must agree part by part: a time halved is not the same time. */
function ratiosEqual(g: Node[], p: Node[], ctx: ScalarContext): boolean {
  if (g.length !== p.length) return false;
  if (clockLike(g) && clockLike(p)) return g.every((x, j) => scalarMatch(x, p[j], ctx));
  return g.every((x, j) => j === 0 || scalarMatch({ t: "bin", op: "/", a: x, b: g[0] }, { t: "bin", op: "/", a: p[j], b: p[0] }, ctx));
}

export function answersEqual(g: Answer, p: Answer, ctx: ScalarContext): boolean {
  ctx.budget.check();
  if (g.k === "eq" && isComputed(g.lhs)) return answersEqual(g.rhs, p, ctx);
  if (p.k === "eq" && isComputed(p.lhs)) return answersEqual(g, p.rhs, ctx);
  // A structure given a name ("A^2 = \begin{pmatrix}…", "M^{-1} = …") is the structure.
  if (p.k === "eq" && g.k !== "eq" && (assigned(p.lhs) !== null || isLabel(p.lhs) || (g.k === "matrix" && p.rhs.k === "matrix"))) return answersEqual(g, p.rhs, ctx);
  if (p.k === "ratio" && g.k === "scalar" && p.items.length === 2) return scalarMatch(g.n, ratioValue(p.items), ctx);
  switch (g.k) {
    case "ratio":
      if (p.k === "ratio") return ratiosEqual(g.items, p.items, ctx);
      return g.items.length === 2 && p.k === "scalar" && scalarMatch(ratioValue(g.items), p.n, ctx);
    case "scalar":
      return p.k === "scalar" && scalarMatch(g.n, p.n, ctx);
    case "eq":
      if (p.k === "eq") {
        const gn = assigned(g.lhs), pn = assigned(p.lhs);
        if (gn !== null && pn !== null) return gn === pn && answersEqual(g.rhs, p.rhs, ctx);
        return g.rhs.k === "scalar" && p.rhs.k === "scalar" && equationsEquivalent(difference(g.lhs, g.rhsNode), difference(p.lhs, p.rhsNode), ctx);
      }
      return (assigned(g.lhs) !== null || isLabel(g.lhs, false)) && answersEqual(g.rhs, p, ctx);
    case "list": {
      // Assignments "a=2, b=3" against a tuple "(2, 3)": the values in order.
      const values = assignmentValues(g);
      if (values && p.k === "tuple" && p.open === "(" && p.close === ")") return orderedMatch(values, p.items, ctx);
      if (ctx.options.listOrder === "ordered") return p.k === "list" && orderedMatch(g.items, p.items, ctx);
      return (p.k === "list" || p.k === "set") && multisetMatch(g.items, p.items, ctx);
    }
    case "set":
      return (p.k === "set" || p.k === "list") && multisetMatch(dedupe(g.items, ctx), dedupe(p.items, ctx), ctx);
    case "tuple": {
      if (p.k === "tuple") return g.open === p.open && g.close === p.close && orderedMatch(g.items, p.items, ctx);
      if (p.k === "intervals") {
        const iv = asIntervals(g);
        return iv !== null && intervalsEqual(iv, p.parts, ctx);
      }
      if (g.open === "(" && g.close === ")") {
        if (p.k === "list") return orderedMatch(g.items, assignmentValues(p) ?? p.items, ctx);
        if (p.k === "matrix" && (p.rows.length === 1 || p.rows[0].length === 1)) return orderedMatch(g.items, p.rows.flat().map(toAnswer), ctx);
      }
      return false;
    }
    case "intervals": {
      if (g.v && p.k === "intervals" && p.v && g.v !== p.v) return false;
      const iv = asIntervals(p);
      return iv !== null && intervalsEqual(g.parts, iv, ctx);
    }
    case "matrix":
      if (p.k === "matrix") {
        return g.rows.length === p.rows.length && g.rows[0].length === p.rows[0].length && g.rows.every((r, i) => r.every((x, j) => scalarMatch(x, p.rows[i][j], ctx)));
      }
      if (p.k === "tuple" && p.open === "(" && (g.rows.length === 1 || g.rows[0].length === 1)) return orderedMatch(g.rows.flat().map(toAnswer), p.items, ctx);
      return false;
    case "rel":
      return p.k === "rel" && show(g.n) === show(p.n);
  }
  return false;
}

/** Describes why two answers of different shapes cannot match. */
export function shapeName(a: Answer): string {
  return a.k === "scalar" ? "a value" : a.k === "eq" ? "an equation" : a.k === "intervals" ? "an interval" : `a ${a.k}`;
}

