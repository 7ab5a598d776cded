// Dense ids for queries without keeping their text: each query's canonical UTF-8 JSON bytes are
// hashed to 64 bits (two murmur3-style 32-bit lanes) and looked up in an open-addressing table
// on typed arrays. Two million distinct queries collide with probability about 1e-7, and the
// table costs 16 bytes a slot instead of a copy of every query string.
import { mix32 } from "./seeded-random.ts";

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

/**
 * Maps 64-bit query hashes to dense ids 0, 1, 2, … in order of first appearance. Linear probing
 * over one Int32Array of [lo, hi, id + 1, unused] slots, so that a probe touches one cache line.
 */
export class QueryTable {
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    const cap = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.slots = new Int32Array(cap * 4);
    this.mask = cap - 1;
  }

  /** The id of the query with hash (h0, h1), allocating the next id when it is new. */
  idOf(h0: number, h1: number): number {
    const slots = this.slots;
    const lo = h0 | 0;
    const hi = h1 | 0;
    let slot = (h0 ^ Math.imul(h1, 0x9e3779b1)) & this.mask;
    for (;;) {
      const at = slot << 2;
      const id = slots[at + 2];
      if (id === 0) {
        slots[at] = lo;
        slots[at + 1] = hi;
        slots[at + 2] = ++this.size;
        if (this.size * 2 > this.mask) this.grow((this.mask + 1) * 2);
        return this.size - 1;
      }
      if (slots[at] === lo && slots[at + 1] === hi) return id - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Makes room for about `n` queries at once (saves rehashing while a big file is read). */
  reserve(n: number): void {
    const cap = 1 << Math.ceil(Math.log2(Math.max(16, n * 2)));
    if (cap > this.mask + 1) this.grow(cap);
  }

  private grow(cap: number): void {
    const old = this.slots;
    this.slots = new Int32Array(cap * 4);
    this.mask = cap - 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 2] === 0) continue;
      let slot = (old[at] ^ Math.imul(old[at + 1], 0x9e3779b1)) & this.mask;
      while (this.slots[(slot << 2) + 2] !== 0) slot = (slot + 1) & this.mask;
      this.slots.set(old.subarray(at, at + 3), slot << 2);
    }
  }
}
