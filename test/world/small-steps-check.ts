// The tests' own checker of the premise world's small steps, independent of src/world: what
// claims() cannot see — carries, the digits a column product reads, which partial products and
// chunks a block must contain, remainders, lowest terms — recomputed with bigint here. Every
// equation in the lines is checked by claims() as well.

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
/** The nonzero place-value parts of n, largest first: 1044 -> 1000, 40, 4. */
const places = (n: bigint) => [...n.toString()].map((d, i, all) => BigInt(d) * 10n ** BigInt(all.length - 1 - i)).filter((x) => x !== 0n);
const nums = (s: string) => (s.match(/\d+/g) ?? []).map(BigInt);

function fail(what: string, line: string): never {
  throw new Error(`${what} in: ${line}`);
}

/** "Multiply A by K column by column from the right: ...; the digits read P." */
function columns(line: string) {
  const m = line.match(/^Multiply (\d+) by (\d) column by column from the right: (.+); the digits read (\d+)\.$/) ?? fail("not a column product", line);
  const [a, k] = [BigInt(m[1]), BigInt(m[2])];
  const digits = [...m[1]].reverse().map(BigInt);
  const cols = m[3].split("; ");
  if (cols.length !== digits.length) fail("one column per digit", line);
  let carry = 0n;
  const written: string[] = [];
  cols.forEach((c, i) => {
    const x = c.match(/^(\d) \* (\d)(?: \+ (\d+))? = (\d+), write (\d+)(?: and carry (\d+))?$/) ?? fail(`bad column "${c}"`, line);
    if (BigInt(x[1]) !== digits[i] || BigInt(x[2]) !== k) fail(`column ${i} multiplies the wrong digits`, line);
    if (BigInt(x[3] ?? "0") !== carry) fail(`column ${i} adds carry ${x[3]} instead of ${carry}`, line);
    const v = digits[i] * k + carry;
    if (BigInt(x[4]) !== v) fail(`column ${i} value`, line);
    const last = i === cols.length - 1;
    if (last !== (x[6] === undefined)) fail("only the last column has no carry", line);
    if (last) written.push(x[5]);
    else {
      if (BigInt(x[5]) !== v % 10n || BigInt(x[6]) !== v / 10n) fail(`column ${i}: ${v} is not written ${x[5]} carry ${x[6]}`, line);
      written.push(x[5]);
    }
    carry = v / 10n;
  });
  const read = written.reverse().join("");
  if (read !== m[4] || BigInt(read) !== a * k) fail(`digits read ${read}, product ${a * k}`, line);
}

/** The three lines of a place-value product. */
function placeValue(lines: readonly string[], i: number): number {
  const m = lines[i].match(/^Work out (\d+) \* (\d+) by place value: (.+)\.$/) ?? fail("not a place-value product", lines[i]);
  const [a, b] = [BigInt(m[1]), BigInt(m[2])];
  const [pa, pb] = [places(a), places(b)];
  const splits = [pa.length > 1 ? `${a} = ${pa.join(" + ")}` : "", pb.length > 1 ? `${b} = ${pb.join(" + ")}` : ""].filter(Boolean).join(" and ");
  if (m[3] !== splits) fail(`splits should be "${splits}"`, lines[i]);
  const expected = pa.flatMap((x) => pb.map((y) => [x, y, x * y]));
  const got = lines[i + 1].replace(/\.$/, "").split(", ").map(nums);
  if (JSON.stringify(got.map(String)) !== JSON.stringify(expected.map(String))) fail("partial products", lines[i + 1]);
  const sums = (lines[i + 2].match(/^Add the parts: (.+)\.$/) ?? fail("no sum of the parts", lines[i + 2]))[1].split(", ").map(nums);
  let acc = expected[0][2];
  sums.forEach(([s, t, r], j) => {
    if (s !== acc || t !== expected[j + 1][2] || r !== s + t) fail(`running sum ${j}`, lines[i + 2]);
    acc = r;
  });
  if (sums.length !== expected.length - 1 || acc !== a * b) fail(`the parts add to ${acc}, not ${a * b}`, lines[i + 2]);
  return 3;
}

/** The two lines of a division in place-value chunks. */
function chunks(lines: readonly string[], i: number): number {
  const m = lines[i].match(/^Divide (\d+) by (\d+) in place-value chunks: (.+)\.$/) ?? fail("not a chunked division", lines[i]);
  const [a, c] = [BigInt(m[1]), BigInt(m[2])];
  let rest = a;
  let q = 0n;
  for (const ch of m[3].split("; ")) {
    const [k, c2, p, r, p2, r2] = nums(ch);
    if (c2 !== c || p !== k * c || r !== rest || p2 !== p || r2 !== rest - p || places(k).length !== 1) fail(`chunk "${ch}"`, lines[i]);
    rest = r2;
    q += k;
  }
  if (q !== a / c || rest !== a % c) fail(`quotient ${q} remainder ${rest}`, lines[i]);
  const s = lines[i + 1].match(/^So the whole part is ([\d +]+?)(?: = (\d+))?(?:, with (\d+) left over)?\.$/) ?? fail("no whole part", lines[i + 1]);
  if (BigInt(s[2] ?? s[1]) !== q || BigInt(s[3] ?? "0") !== rest) fail("whole part or remainder", lines[i + 1]);
  return 2;
}

/** The three lines of an estimated quotient: estimate, correction, check. */
function estimate(lines: readonly string[], i: number): number {
  const m = lines[i].match(/^Estimate (\d+) \/ (\d+) as about (\d+) and check by multiplying back: (\d+) \* (\d+) = (\d+)\.$/) ?? fail("not an estimate", lines[i]);
  const [a, c, q0] = [BigInt(m[1]), BigInt(m[2]), BigInt(m[3])];
  const [q, r] = [a / c, a % c];
  if (q0 % 10n !== 0n || (q0 > q ? q0 - q : q - q0) > 5n || BigInt(m[4]) !== q0 || BigInt(m[5]) !== c) fail("estimate is not the quotient to the nearest ten", lines[i]);
  const fix = lines[i + 1];
  const ends = fix.match(/(?:correct the estimate (?:up|down): .* = (\d+)|the whole part is (\d+)|That is exactly (\d+), so the estimate is right)\.$/) ?? fail("no correction", fix);
  if (ends[3] !== undefined ? q0 !== q || r !== 0n || BigInt(ends[3]) !== a : BigInt(ends[1] ?? ends[2]) !== q) fail(`corrected to the wrong quotient (${q})`, fix);
  if (fix.startsWith("That is short") !== q0 < q || fix.startsWith("That is too much") !== q0 > q) fail("correction goes the wrong way", fix);
  const check = lines[i + 2].match(/^Check: (\d+) \* (\d+) = (\d+)(?: and (\d+) \+ (\d+) = (\d+))?\.$/) ?? fail("no check", lines[i + 2]);
  if (BigInt(check[1]) !== q || BigInt(check[2]) !== c || BigInt(check[6] ?? check[3]) !== a || BigInt(check[5] ?? "0") !== r) fail("check", lines[i + 2]);
  return 3;
}

/** "Split C into parts and add/take away one part at a time: ..." — parts are C's place values. */
function split(line: string) {
  const m = line.match(/^Split (\d+) into ([\d +]+) and (?:add|take away) one part at a time: /) ?? fail("not a split", line);
  if (m[2] !== places(BigInt(m[1])).join(" + ")) fail("parts are not the place values", line);
}

/** "Go up/down to the ten first: a + c = a + x + y = T + y = r." — T is a multiple of ten, x and y are positive. */
function viaTen(line: string) {
  const m = line.match(/^Go (up|down) to the ten first: (\d+) ([-+]) (\d+) = \2 \3 (\d+) \3 (\d+) = (\d+) \3 \6 = (\d+)\.$/) ?? fail("not a step through a ten", line);
  const [a, x, y, ten] = [BigInt(m[2]), BigInt(m[5]), BigInt(m[6]), BigInt(m[7])];
  if ((m[1] === "up") !== (m[3] === "+") || ten % 10n !== 0n || x <= 0n || y <= 0n || x + y !== BigInt(m[4]) || ten !== (m[3] === "+" ? a + x : a - x)) fail("does not pass through the next ten", line);
}

function lowestTerms(line: string) {
  const none = line.match(/^(\d+) and (\d+) have no common factor, so \1\/\2 is in lowest terms\.$/);
  if (none) {
    if (gcd(BigInt(none[1]), BigInt(none[2])) !== 1n) fail("they have a common factor", line);
    return;
  }
  const m = line.match(/^Both divide by (\d+): (\d+) \/ \1 = (\d+) and (\d+) \/ \1 = (\d+), so \2\/\4 = (\d+)(?:\/(\d+))?\.$/) ?? fail("not a reduction", line);
  const [g, n, d] = [BigInt(m[1]), BigInt(m[2]), BigInt(m[4])];
  if (gcd(n, d) !== g) fail(`the greatest common factor is ${gcd(n, d)}`, line);
}

/** Lines a premise style adds, by their opening words (anything else is not a small step). */
export const SMALL_STEP = /^(Work out \d+ \* \d+ by place value|\d+ \* \d+ = \d+, |Add the parts|Multiply \d+ by \d column|Divide \d+ by \d+ in place-value chunks|So the whole part is|Estimate \d+ \/ \d+|That is |That leaves |Check: |\d+ = \d+ \* \d+ \+ \d+, so|Split \d+ into|Go (up|down) to the ten first|Over the common denominator|\d+\/\d+ [-+] \d+\/\d+ = |\d+ and \d+ have no common factor|Both divide by|\d+\/\d+ = \d+\.$|Divide first|Multiply the fractions|Dividing by \S+ is multiplying by)/;

/**
 * Checks every small-step block among `lines`; returns how many blocks it checked. Lines that are
 * not small steps are skipped (claims() checks their arithmetic).
 */
export function checkSmallSteps(lines: readonly string[]): number {
  let blocks = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith("Work out ")) i += placeValue(lines, i) - 1;
    else if (l.startsWith("Multiply ") && l.includes(" column by column ")) columns(l);
    else if (l.startsWith("Divide ") && l.includes(" in place-value chunks")) i += chunks(lines, i) - 1;
    else if (l.startsWith("Estimate ")) i += estimate(lines, i) - 1;
    else if (l.startsWith("Split ")) split(l);
    else if (l.startsWith("Go ")) viaTen(l);
    else if (/^(\d+ and \d+ have no common factor|Both divide by)/.test(l)) lowestTerms(l);
    else continue;
    blocks++;
  }
  return blocks;
}
