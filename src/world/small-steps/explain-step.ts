// What a style writes before one operation on the running value: nothing in the control world,
// small steps in the premise world. An explainer takes the value and the operation as the style
// computes it and returns lines that end where the style's own line for the step starts from:
// integers go through integer-steps.ts, fractions through numerators, denominators and a common
// factor. Values or operands that are not positive get no steps (no style computes with them).
import { frac, isInt, show, type Frac } from "../fraction.ts";
import type { Op } from "../problem.ts";
import { divideSteps, multiplySteps, placeParts, type DivMethod, type MulMethod } from "./integer-steps.ts";

export type Explain = (v: Frac, op: Op) => string[];

/** The control world's explainer: the step's result is written with no working. */
export const noExplain: Explain = () => [];

export interface StepMethods {
  mul: MulMethod;
  div: DivMethod;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * a +/- c for whole numbers: an amount of several digits split by place value and taken one part
 * at a time; a one-digit amount that crosses a ten goes to that ten first (17 + 5 = 17 + 3 + 2).
 */
function addSteps(a: bigint, c: bigint, sign: "+" | "-"): string[] {
  const parts = placeParts(c);
  if (parts.length < 2) {
    const x = sign === "+" ? (10n - (a % 10n)) % 10n : a % 10n; // the distance to the next ten up or down
    if (c >= 10n || x === 0n || x >= c) return [];
    const ten = sign === "+" ? a + x : a - x;
    const to = sign === "+" ? a + c : a - c;
    return [`Go ${sign === "+" ? "up" : "down"} to the ten first: ${a} ${sign} ${c} = ${a} ${sign} ${x} ${sign} ${c - x} = ${ten} ${sign} ${c - x} = ${to}.`];
  }
  const chain: string[] = [];
  let acc = a;
  for (let i = 0; i <= parts.length; i++) {
    chain.push([`${acc}`, ...parts.slice(i).map((x) => `${sign} ${x}`)].join(" "));
    if (i < parts.length) acc = sign === "+" ? acc + parts[i] : acc - parts[i];
  }
  return [`Split ${c} into ${parts.join(" + ")} and ${sign === "+" ? "add" : "take away"} one part at a time: ${a} ${sign} ${c} = ${chain.join(" = ")}.`];
}

/** n/d in lowest terms, with the common factor divided out step by step. */
function reduceSteps(n: bigint, d: bigint, m: StepMethods): string[] {
  const g = gcd(n, d);
  if (d === g) return g === 1n ? [] : [...divideSteps(n, d, m.div), `${n}/${d} = ${n / d}.`];
  if (g === 1n) return [`${n} and ${d} have no common factor, so ${n}/${d} is in lowest terms.`];
  return [...divideSteps(n, g, m.div), ...divideSteps(d, g, m.div), `Both divide by ${g}: ${n} / ${g} = ${n / g} and ${d} / ${g} = ${d / g}, so ${n}/${d} = ${show(frac(n, d))}.`];
}

function multiplyFractions(v: Frac, k: Frac, m: StepMethods): string[] {
  if (isInt(v) && isInt(k)) return multiplySteps(v.n, k.n, m.mul);
  if (isInt(v) && v.n % k.d === 0n) {
    // "keep 3/4 of 144": divide first, so every number stays a whole number
    const q = v.n / k.d;
    const times = k.n === 1n ? "" : `, then ${q} * ${k.n} = ${q * k.n}`;
    return [...divideSteps(v.n, k.d, m.div), ...multiplySteps(q, k.n, m.mul), `Divide first: ${v.n} / ${k.d} = ${q}${times}.`];
  }
  const n = v.n * k.n;
  const d = v.d * k.d;
  // a factor of 1 is not written: "the denominator stays 7"
  const part = (what: string, x: bigint, y: bigint) => (x === 1n || y === 1n ? `the ${what} stays ${x * y}` : `${what}s ${x} * ${y} = ${x * y}`);
  return [
    ...multiplySteps(v.n, k.n, m.mul),
    ...multiplySteps(v.d, k.d, m.mul),
    `Multiply the fractions: ${part("numerator", v.n, k.n)} and ${part("denominator", v.d, k.d)}.`,
    ...reduceSteps(n, d, m),
  ];
}

function addFractions(v: Frac, k: Frac, sign: "+" | "-", m: StepMethods): string[] {
  if (isInt(v) && isInt(k)) return addSteps(v.n, k.n, sign);
  const l = (v.d * k.d) / gcd(v.d, k.d);
  const x = v.n * (l / v.d);
  const y = k.n * (l / k.d);
  const n = sign === "+" ? x + y : x - y;
  if (n <= 0n) return [];
  const over = (f: Frac, to: bigint) => (f.d === l ? [] : [{ steps: multiplySteps(f.n, l / f.d, m.mul), line: `${show(f)} = ${to}/${l} since ${f.n} * ${l / f.d} = ${to}` }]);
  const rewrites = [...over(v, x), ...over(k, y)];
  return [
    ...rewrites.flatMap((w) => w.steps),
    `Over the common denominator ${l}: ${rewrites.map((w) => w.line).join(", and ")}.`,
    ...addSteps(x, y, sign),
    `${x}/${l} ${sign} ${y}/${l} = ${n}/${l}.`,
    ...reduceSteps(n, l, m),
  ];
}

/** The premise world's explainer for one style's methods. */
export function explainer(m: StepMethods): Explain {
  return (v, op) => {
    if (v.n <= 0n || op.k.n <= 0n) return [];
    switch (op.kind) {
      case "add":
        return addFractions(v, op.k, "+", m);
      case "sub":
        return addFractions(v, op.k, "-", m);
      case "mul":
      case "part":
        return multiplyFractions(v, op.k, m);
      case "div":
        if (isInt(v) && isInt(op.k)) return divideSteps(v.n, op.k.n, m.div);
        return [`Dividing by ${show(op.k)} is multiplying by ${show(frac(op.k.d, op.k.n))}.`, ...multiplyFractions(v, frac(op.k.d, op.k.n), m)];
    }
  };
}
