// The tests' own exact arithmetic, independent of src/world: a tiny recursive-descent evaluator
// over bigint rationals for "+ - * / ( )", numbers and one unknown x.
type Q = [bigint, bigint];

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
function norm([n, d]: Q): Q {
  if (d === 0n) throw new Error("division by zero");
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return [n / g, d / g];
}

export function evaluate(src: string, x: Q = [0n, 1n]): Q {
  const toks = src.match(/\d+|[-+*/()x]/g) ?? [];
  if (toks.join("") !== src.replace(/\s+/g, "")) throw new Error(`cannot parse "${src}"`);
  let i = 0;
  const atom = (): Q => {
    const t = toks[i++];
    if (t === "-") {
      const [n, d] = atom();
      return [-n, d];
    }
    if (t === "(") {
      const v = sum();
      if (toks[i++] !== ")") throw new Error(`missing ) in "${src}"`);
      return v;
    }
    if (t === "x") return x;
    if (!/^\d+$/.test(t ?? "")) throw new Error(`unexpected "${t}" in "${src}"`);
    return [BigInt(t), 1n];
  };
  const product = (): Q => {
    let v = atom();
    while (toks[i] === "*" || toks[i] === "/") {
      const op = toks[i++];
      const [n, d] = atom();
      v = op === "*" ? norm([v[0] * n, v[1] * d]) : norm([v[0] * d, v[1] * n]);
    }
    return v;
  };
  const sum = (): Q => {
    let v = product();
    while (toks[i] === "+" || toks[i] === "-") {
      const op = toks[i++];
      const [n, d] = product();
      v = norm([op === "+" ? v[0] * d + n * v[1] : v[0] * d - n * v[1], v[1] * d]);
    }
    return v;
  };
  const v = sum();
  if (i !== toks.length) throw new Error(`trailing input in "${src}"`);
  return norm(v);
}

export const showQ = ([n, d]: Q) => (d === 1n ? `${n}` : `${n}/${d}`);

/** The answer of a world program: a story's value, or x solving a linear "lhs = rhs". */
export function solveProgram(program: string): string {
  if (!program.includes("=")) return showQ(evaluate(program));
  const [lhs, rhs] = program.split("=");
  const b = evaluate(lhs, [0n, 1n]);
  const a1 = evaluate(lhs, [1n, 1n]);
  const a = norm([a1[0] * b[1] - b[0] * a1[1], a1[1] * b[1]]);
  const r = evaluate(rhs);
  const num = norm([r[0] * b[1] - b[0] * r[1], r[1] * b[1]]);
  return showQ(norm([num[0] * a[1], num[1] * a[0]]));
}

/**
 * Every arithmetic claim "A = B (= C ...)" in a text, where each side is numbers and operators
 * only. A claim may not start right after a letter, a ")" or an operator, so "2x + 14 = 40" is
 * not mistaken for "14 = 40".
 */
export function claims(text: string): string[][] {
  const re = /(?<![\w)]|[-+*/=] *)-?[\d(][\d ()+\-*/]*(?:= *-?[\d(][\d ()+\-*/]*)+/g;
  return [...text.matchAll(re)].map((m) => m[0].split("=").map((s) => s.trim()));
}

/** "\frac{17}{4}" or "17/4" or "-3" -> "17/4" style. */
export function boxedAnswer(response: string): string | null {
  const i = response.lastIndexOf("\\boxed{");
  if (i < 0) return null;
  let depth = 0;
  let j = i + 7;
  for (; j < response.length; j++) {
    if (response[j] === "{") depth++;
    else if (response[j] === "}" && depth-- === 0) break;
  }
  const inner = response.slice(i + 7, j);
  const m = inner.match(/^(-?)\\frac\{(\d+)\}\{(\d+)\}$/);
  return m ? showQ(norm([BigInt(m[1] + m[2]), BigInt(m[3])])) : showQ(evaluate(inner));
}
