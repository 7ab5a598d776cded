// A query's identity without its text: a 64-bit hash (two murmur3-style 32-bit lanes) of its
// canonical UTF-8 JSON bytes — taken straight from the raw bytes of a JSONL line when they are
// already canonical, which is nearly always. Two million distinct queries collide with
// probability about 1e-7.
import { mix32 } from "../common/random.ts";

/**
 * Hashes bytes [start, end) of `buf` (with `dv` a DataView over the same bytes) into two 32-bit
 * lanes, `out[0]` and `out[1]`: murmur3-style mixing, eight bytes a step, one word per lane, the
 * lanes crossed at the end so that each depends on every byte.
 */
export function hashBytes(buf: Uint8Array, dv: DataView, start: number, end: number, out: Uint32Array): void {
  let h1 = 0x9747b28c;
  let h2 = 0x3c6ef372;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    h1 ^= mixA(dv.getInt32(i, true));
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
    h2 ^= mixB(dv.getInt32(i + 4, true));
    h2 = (h2 << 17) | (h2 >>> 15);
    h2 = (Math.imul(h2, 5) + 0x561ccd1b) | 0;
  }
  let a = 0;
  let b = 0;
  for (let s = 0; i < end; i++, s += 8) {
    if (s < 32) a |= buf[i] << s;
    else b |= buf[i] << (s - 32);
  }
  h1 ^= mixA(a) ^ (end - start);
  h2 ^= mixB(b) ^ (end - start);
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  h1 = mix32(h1);
  h2 = mix32(h2);
  out[0] = (h1 + h2) >>> 0;
  out[1] = (h2 + h1 + h2) >>> 0;
}

function mixA(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}

function mixB(k: number): number {
  k = Math.imul(k, 0x4cf5ad43);
  k = (k << 16) | (k >>> 16);
  return Math.imul(k, 0x38b34ae5);
}

/** Hashes a query given as a string over its canonical JSON encoding (what the byte path sees). */
export function hashString(query: string, out: Uint32Array): void {
  const bytes = Buffer.from(JSON.stringify(query).slice(1, -1), "utf8");
  hashBytes(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length, out);
}

/** Query hashes straight from the bytes of a JSON string's content in the current buffer. */
export class QueryHasher {
  private buf: Buffer = Buffer.alloc(0);
  private dv: DataView = new DataView(new ArrayBuffer(0));
  readonly out = new Uint32Array(2);
  /** Position of the next backslash at or after the last query (a cache: queries only move forward). */
  private nextBs = -1;

  setBuffer(buf: Buffer): void {
    this.buf = buf;
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.nextBs = -1;
  }

  hash(qs: number, qe: number): void {
    const { buf, out } = this;
    if (this.nextBs < qs) {
      const p = buf.indexOf(0x5c, qs);
      this.nextBs = p < 0 ? Infinity : p;
    }
    // Only \uXXXX and \/ spell a string differently from its canonical JSON encoding.
    for (let p = this.nextBs; p < qe; ) {
      const c = buf[p + 1];
      if (c === 0x75 || c === 0x2f) return hashString(JSON.parse(buf.toString("utf8", qs - 1, qe + 1)), out);
      p = buf.indexOf(0x5c, p + 2);
      if (p < 0) p = Infinity;
      this.nextBs = p;
    }
    hashBytes(buf, this.dv, qs, qe, out);
  }
}
