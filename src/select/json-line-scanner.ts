// A fast, allocation-free scanner for one JSONL line: finds the top-level values of a few named
// keys as byte spans, skipping everything else (long strings are crossed with a native indexOf,
// not byte by byte). Anything unusual makes `scan` return false, and the caller falls back to
// JSON.parse, which gives the precise error. It checks the line's structure (braces, quotes,
// colons, commas, literals) and the wanted values, not every escape inside a skipped string or
// every skipped number: such a line, if chosen, fails JSON.parse in pass two with its line number.

/** What a wanted key's value turned out to be. */
export const Kind = { Missing: 0, String: 1, Number: 2, True: 3, False: 4, Null: 5, Composite: 6 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

export class JsonLineScanner {
  private readonly keys: Uint8Array[];
  /** Per wanted key: kind of value found, and its span (string spans exclude the quotes). */
  readonly kind: Uint8Array;
  readonly start: Float64Array;
  readonly end: Float64Array;

  constructor(keys: string[]) {
    this.keys = keys.map((k) => new Uint8Array(Buffer.from(k, "utf8")));
    this.kind = new Uint8Array(keys.length);
    this.start = new Float64Array(keys.length);
    this.end = new Float64Array(keys.length);
  }

  /** Scans the object on bytes [from, to) of `buf`. False means: use JSON.parse instead. */
  scan(buf: Buffer, from: number, to: number): boolean {
    this.kind.fill(Kind.Missing);
    let p = skipWs(buf, from, to);
    if (buf[p] !== 0x7b) return false;
    p = skipWs(buf, p + 1, to);
    if (buf[p] === 0x7d) return skipWs(buf, p + 1, to) === to;
    for (;;) {
      if (p >= to || buf[p] !== QUOTE) return false;
      const kEnd = keyEnd(buf, p + 1, to);
      if (kEnd < 0) return false;
      const which = this.match(buf, p + 1, kEnd);
      p = skipWs(buf, kEnd + 1, to);
      if (buf[p] !== 0x3a) return false;
      p = skipWs(buf, p + 1, to);
      if (p >= to) return false;
      const c = buf[p];
      let vStart = p;
      let vEnd: number;
      let kind: Kind;
      if (c === QUOTE) {
        vStart = p + 1;
        vEnd = stringEnd(buf, vStart, to);
        if (vEnd < 0) return false;
        p = vEnd + 1;
        kind = Kind.String;
      } else if (c === 0x7b || c === 0x5b) {
        vEnd = compositeEnd(buf, p, to);
        if (vEnd < 0) return false;
        p = vEnd;
        kind = Kind.Composite;
      } else {
        vEnd = p;
        while (vEnd < to) {
          const d = buf[vEnd];
          if (d === 0x2c || d === 0x7d || isWs(d)) break;
          vEnd++;
        }
        kind = c === 0x74 ? Kind.True : c === 0x66 ? Kind.False : c === 0x6e ? Kind.Null : Kind.Number;
        if (kind !== Kind.Number && !literalIs(buf, vStart, vEnd, kind)) return false;
        p = vEnd;
      }
      if (which >= 0) {
        this.kind[which] = kind;
        this.start[which] = vStart;
        this.end[which] = vEnd;
      }
      p = skipWs(buf, p, to);
      if (buf[p] === 0x2c) {
        p = skipWs(buf, p + 1, to);
        continue;
      }
      if (buf[p] === 0x7d) return skipWs(buf, p + 1, to) === to;
      return false;
    }
  }

  private match(buf: Buffer, s: number, e: number): number {
    const n = e - s;
    outer: for (let k = 0; k < this.keys.length; k++) {
      const key = this.keys[k];
      if (key.length !== n) continue;
      for (let i = 0; i < n; i++) if (buf[s + i] !== key[i]) continue outer;
      return k;
    }
    return -1;
  }
}

function skipWs(buf: Buffer, p: number, to: number): number {
  while (p < to && isWs(buf[p])) p++;
  return p;
}

/**
 * Like stringEnd, for keys: short, so a plain loop beats the native indexOf call. A key with an
 * escape gives −1: it might spell a wanted key ("pp\u006c"), so JSON.parse must read the line.
 */
function keyEnd(buf: Buffer, s: number, to: number): number {
  for (let p = s; p < to; p++) {
    const c = buf[p];
    if (c === QUOTE) return p;
    if (c === BACKSLASH) return -1;
  }
  return -1;
}

/** Index of the closing quote of a string whose content starts at `s`, or -1. */
export function stringEnd(buf: Buffer, s: number, to: number): number {
  let q = s;
  for (;;) {
    q = buf.indexOf(QUOTE, q);
    if (q < 0 || q >= to) return -1;
    let k = q - 1;
    while (k >= s && buf[k] === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q; // an even run of backslashes escapes nothing
    q++;
  }
}

/** End (exclusive) of the object or array starting at `p`, crossing strings whole; -1 if unclosed. */
function compositeEnd(buf: Buffer, p: number, to: number): number {
  let depth = 0;
  while (p < to) {
    const c = buf[p];
    if (c === QUOTE) {
      const e = stringEnd(buf, p + 1, to);
      if (e < 0) return -1;
      p = e + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return p + 1;
    }
    p++;
  }
  return -1;
}

function literalIs(buf: Buffer, s: number, e: number, kind: Kind): boolean {
  const word = kind === Kind.True ? "true" : kind === Kind.False ? "false" : "null";
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[s + i] !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * The number in bytes [s, e), exactly as JSON.parse reads it, or NaN when it is not a JSON
 * number. Short decimals take Clinger's fast path (an exact integer divided by an exact power
 * of ten rounds correctly); anything longer goes through Number().
 */
export function parseNumber(buf: Buffer, s: number, e: number): number {
  let p = s;
  const neg = buf[p] === 0x2d;
  if (neg) p++;
  let mant = 0;
  let digits = 0;
  let scale = 0;
  const intStart = p;
  while (p < e && buf[p] >= 0x30 && buf[p] <= 0x39) {
    mant = mant * 10 + (buf[p++] - 0x30);
    digits++;
  }
  if (p === intStart || (buf[intStart] === 0x30 && p - intStart > 1)) return NaN;
  if (p < e && buf[p] === 0x2e) {
    p++;
    const fs = p;
    while (p < e && buf[p] >= 0x30 && buf[p] <= 0x39) {
      mant = mant * 10 + (buf[p++] - 0x30);
      digits++;
      scale++;
    }
    if (p === fs) return NaN;
  }
  if (p === e && digits <= 15 && scale <= 22) {
    const v = scale === 0 ? mant : mant / POW10[scale];
    return neg ? -v : v;
  }
  if (p < e && buf[p] !== 0x65 && buf[p] !== 0x45) return NaN;
  const text = buf.toString("latin1", s, e);
  return /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
}

const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
