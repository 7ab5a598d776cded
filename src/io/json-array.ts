// A JSON array of objects, streamed: each element's bytes are cut out as they arrive, so memory
// follows the largest element, never the file (the OXA authors' teacher files are multi-GB arrays).
// The cut tracks only nesting and strings (crossed with a native indexOf); the caller checks each
// element (UTF-8, JSON.parse — or select's byte scanner). A file cut short, a stray character between elements or an element that is
// not an object is an InputError naming the element (as its row number) and the byte offset.
import { InputError } from "./errors.ts";
import { bomLength } from "./lines.ts";

export interface ArrayElement {
  /** The element is bytes [start, end) of buf (valid until the generator is resumed twice). */
  buf: Buffer;
  start: number;
  end: number;
  /** 1-based position in the array. */
  index: number;
  /** Byte offset of the element's first byte in the (decompressed) file, and its length. */
  offset: number;
  bytes: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

type Where = "start" | "before-element" | "in-element" | "after-element" | "done";

export async function* splitJsonArray(chunks: AsyncIterable<Buffer>, file: string): AsyncGenerator<ArrayElement> {
  let buf: Buffer = Buffer.alloc(0);
  let base = 0; // file offset of buf[0]
  let p = 0; // scan position in buf
  let where: Where = "start";
  let first = true;
  let index = 0;
  // state inside an element
  let start = 0;
  let depth = 0;
  let inString = false;
  const fail = (message: string, at: number) => new InputError(`${message} (byte offset ${base + at})`, { file, line: index > 0 ? index : undefined });

  for await (const chunk of chunks) {
    // keep only what is still needed: the current element from its start, or nothing
    const keep = where === "in-element" ? start : p;
    buf = keep < buf.length ? Buffer.concat([buf.subarray(keep), chunk]) : chunk;
    base += keep;
    p -= keep;
    start -= keep;
    if (first) {
      if (buf.length < 3 && buf[0] === 0xef) continue; // maybe a byte-order mark: wait for its 3 bytes
      p = bomLength(buf);
      first = false;
    }
    while (p < buf.length && where !== "done") {
      if (where !== "in-element") {
        const c = buf[p];
        if (isWs(c)) {
          p++;
          continue;
        }
        if (where === "start") {
          if (c !== 0x5b) throw fail(c === 0x7b ? "a .json dataset must be a list of objects (this file holds one object)" : "a .json dataset must be a list of objects", p);
          where = "before-element";
          p++;
          continue;
        }
        if (c === 0x5d && (where === "after-element" || index === 0)) {
          where = "done";
          p++;
          continue;
        }
        if (where === "after-element") {
          if (c !== 0x2c) throw fail(`expected "," or "]" after element ${index}`, p);
          where = "before-element";
          p++;
          continue;
        }
        index++;
        if (c !== 0x7b) throw fail(`element ${index} is not an object`, p);
        where = "in-element";
        start = p;
        depth = 0;
        inString = false;
      }
      // inside an element: find where its outermost object closes
      if (inString) {
        const q = stringEnd(buf, p);
        if (q < 0) {
          p = buf.length; // the string goes on in the next chunk
          break;
        }
        p = q + 1;
        inString = false;
        continue;
      }
      const c = buf[p++];
      if (c === QUOTE) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) {
          yield { buf, start, end: p, index, offset: base + start, bytes: p - start };
          where = "after-element";
        }
      }
    }
    // a string cut by the chunk boundary: resume at its last unchecked quote candidate
    if (inString && where === "in-element") p = Math.max(start + 1, lastSafe(buf));
  }
  if (where === "in-element") throw fail(`the file ends inside element ${index}: it is cut short`, buf.length);
  if (where !== "done") throw fail(index === 0 && where === "start" ? "empty file: expected a list of objects" : `the file ends before the closing "]" (after element ${index})`, buf.length);
  for (; p < buf.length; p++) if (!isWs(buf[p])) throw fail("unexpected text after the closing \"]\"", p);
}

/** Index of the quote closing a string whose content is at `s` (not escaped), or −1 if not in buf. */
function stringEnd(buf: Buffer, s: number): number {
  let q = s;
  for (;;) {
    q = buf.indexOf(QUOTE, q);
    if (q < 0) return -1;
    let k = q - 1;
    while (k >= s && buf[k] === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q;
    q++;
  }
}

/** Where to resume a string scan after more bytes arrive: before a trailing run of backslashes. */
function lastSafe(buf: Buffer): number {
  let k = buf.length;
  while (k > 0 && buf[k - 1] === BACKSLASH) k--;
  return k;
}
