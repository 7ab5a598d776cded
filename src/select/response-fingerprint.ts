// A response's fingerprint without its text: a 64-bit hash of its length and of its first and last
// 64 bytes (as written in the file, or as canonical JSON for a parsed row). Constant work per
// response whatever its length, so pass one stays one read of the file; equal fingerprints are only
// candidates — drop-duplicates.ts compares the texts themselves before calling two rows duplicates.
// The bytes are taken as written: a file that spells one text two ways (`\u00e9` in one row, `é`
// in another) hides that repeat. Checking every response for such escapes cost a quarter of
// select's time on the 2M-row benchmark; one writer spells a text one way, so repeats are found.
import { mix32 } from "../common/random.ts";
import { hashBytes } from "./query-hash.ts";

const EDGE = 64;
const head = new Uint32Array(2);

/** Fingerprints bytes [start, end) of `buf` (`dv` a DataView over the same bytes) into out[0], out[1]. */
export function fingerprintBytes(buf: Uint8Array, dv: DataView, start: number, end: number, out: Uint32Array): void {
  const n = end - start;
  if (n <= 2 * EDGE) return hashBytes(buf, dv, start, end, out);
  hashBytes(buf, dv, start, start + EDGE, head);
  hashBytes(buf, dv, end - EDGE, end, out);
  out[0] = mix32((out[0] ^ head[1]) + n) >>> 0;
  out[1] = mix32(out[1] ^ head[0] ^ Math.imul(n, 0x9e3779b1)) >>> 0;
}

/** Fingerprints a response given as a string, over its canonical JSON encoding. */
export function fingerprintString(text: string, out: Uint32Array): void {
  const bytes = Buffer.from(JSON.stringify(text).slice(1, -1), "utf8");
  fingerprintBytes(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length, out);
}
