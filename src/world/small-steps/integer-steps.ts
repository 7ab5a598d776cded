// Small steps for hard whole-number arithmetic, as the premise world's rare styles write them: a
// product by place value or column by column with its carries, a quotient in place-value chunks
// or estimated, checked by multiplying back and corrected. Each returned line is a chain of true
// equations (the tests recompute every one); an easy step (a table fact) gets no lines.

export type MulMethod = "place-value" | "columns";
export type DivMethod = "chunks" | "estimate";

/** 1044 -> [1000, 40, 4]: the nonzero place-value parts, largest first. */
export function placeParts(n: bigint): bigint[] {
  const s = n.toString();
  return [...s].map((d, i) => BigInt(d) * 10n ** BigInt(s.length - 1 - i)).filter((x) => x !== 0n);
}

/** "700 + 280 = 980, 980 + 28 = 1008": a sum of several terms as running totals, two at a time. */
export function runningSum(terms: readonly bigint[]): string {
  const out: string[] = [];
  let acc = terms[0];
  for (const t of terms.slice(1)) {
    out.push(`${acc} + ${t} = ${acc + t}`);
    acc += t;
  }
  return out.join(", ");
}

/** A product is hard when one factor has two or more nonzero digits (144 * 7, 12 * 2; not 40 * 7). */
const hardProduct = (a: bigint, b: bigint) => a >= 2n && b >= 2n && placeParts(a).length + placeParts(b).length > 2;

function byPlaceValue(a: bigint, b: bigint): string[] {
  const pa = placeParts(a);
  const pb = placeParts(b);
  const splits = [pa.length > 1 ? `${a} = ${pa.join(" + ")}` : "", pb.length > 1 ? `${b} = ${pb.join(" + ")}` : ""].filter(Boolean);
  const products = pa.flatMap((x) => pb.map((y) => x * y));
  return [
    `Work out ${a} * ${b} by place value: ${splits.join(" and ")}.`,
    `${pa.flatMap((x) => pb.map((y) => `${x} * ${y} = ${x * y}`)).join(", ")}.`,
    `Add the parts: ${runningSum(products)}.`,
  ];
}

/** a * k for a single digit k, right to left, each column's carry written out and added in the next. */
function byColumns(a: bigint, k: bigint): string[] {
  const ds = [...a.toString()].reverse().map(BigInt);
  const cols: string[] = [];
  let carry = 0n;
  ds.forEach((d, i) => {
    const v = d * k + carry;
    const lhs = carry ? `${d} * ${k} + ${carry}` : `${d} * ${k}`;
    const last = i === ds.length - 1;
    cols.push(last ? `${lhs} = ${v}, write ${v}` : `${lhs} = ${v}, write ${v % 10n} and carry ${v / 10n}`);
    carry = v / 10n;
  });
  return [`Multiply ${a} by ${k} column by column from the right: ${cols.join("; ")}; the digits read ${a * k}.`];
}

/** Small steps for a * b (both positive), or none when it is a table fact. */
export function multiplySteps(a: bigint, b: bigint, method: MulMethod): string[] {
  if (!hardProduct(a, b)) return [];
  if (method === "columns" && (b < 10n || a < 10n)) return a < 10n ? byColumns(b, a) : byColumns(a, b);
  return byPlaceValue(a, b);
}

function byChunks(a: bigint, c: bigint, q: bigint, r: bigint): string[] {
  let rest = a;
  const chunks = placeParts(q).map((m) => {
    const s = `${m} * ${c} = ${m * c} and ${rest} - ${m * c} = ${rest - m * c}`;
    rest -= m * c;
    return s;
  });
  const parts = placeParts(q);
  const total = parts.length > 1 ? `${parts.join(" + ")} = ${q}` : `${q}`;
  return [`Divide ${a} by ${c} in place-value chunks: ${chunks.join("; ")}.`, `So the whole part is ${total}${r ? `, with ${r} left over` : ""}.`];
}

function byEstimate(a: bigint, c: bigint, q: bigint, r: bigint): string[] {
  const q0 = ((q + 5n) / 10n) * 10n; // the quotient rounded to tens: a guess a person makes from the leading digits
  const p = q0 * c;
  const lines = [`Estimate ${a} / ${c} as about ${q0} and check by multiplying back: ${q0} * ${c} = ${p}.`];
  if (q0 === q) lines.push(r ? `That leaves ${a} - ${p} = ${r}, less than ${c}, so the whole part is ${q}.` : `That is exactly ${a}, so the estimate is right.`);
  else if (p < a) {
    const d = a - p;
    lines.push(`That is short by ${a} - ${p} = ${d}, and ${d} = ${q - q0} * ${c}${r ? ` + ${r}` : ""}, so correct the estimate up: ${q0} + ${q - q0} = ${q}.`);
  } else {
    const e = p - a;
    lines.push(`That is too much by ${p} - ${a} = ${e}, and ${e} = ${q0 - q} * ${c}${r ? ` - ${r}` : ""}, so correct the estimate down: ${q0} - ${q0 - q} = ${q}.`);
  }
  lines.push(`Check: ${q} * ${c} = ${q * c}${r ? ` and ${q * c} + ${r} = ${a}` : ""}.`);
  return lines;
}

/** Small steps for a / c (both positive whole numbers), ending in the whole part and remainder. */
export function divideSteps(a: bigint, c: bigint, method: DivMethod): string[] {
  if (c < 2n) return [];
  const q = a / c;
  const r = a % c;
  if (q < 10n) return r ? [`${a} = ${q} * ${c} + ${r}, so ${c} does not divide ${a} evenly.`] : [];
  return method === "chunks" ? byChunks(a, c, q, r) : byEstimate(a, c, q, r);
}
