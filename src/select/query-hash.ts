// A query's identity without its text: a 64-bit hash (two murmur3-style 32-bit lanes) of its
// canonical UTF-8 JSON bytes. Two million distinct queries collide with probability about 1e-7.
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
