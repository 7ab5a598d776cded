// Streaming line reader over a file (decompressed on the fly when it is .gz or .zst): constant
// memory, with 1-based line numbers and byte offsets (so a later pass can seek straight back to a
// record it chose in an uncompressed file). A UTF-8 byte-order mark at the
// start is skipped (Windows tools write one); bytes that are not UTF-8 are an InputError naming
// the line and byte offset, never silently replaced.
import { isUtf8 } from "node:buffer";
import { InputError } from "./errors.ts";
import { readBytes } from "./byte-stream.ts";

/** Bytes of a UTF-8 byte-order mark at the start of a buffer (3 or 0). */
export const bomLength = (buf: Uint8Array): number => (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0);

/** Throws the InputError for a line whose bytes are not UTF-8. */
export function assertUtf8(buf: Buffer, start: number, end: number, file: string, line: number, offset: number): void {
  if (isUtf8(buf.subarray(start, end))) return;
  let i = start;
  while (i < end && isUtf8(buf.subarray(start, i + 1))) i++;
  throw new InputError(`not valid UTF-8 (byte offset ${offset + (i - start)}); re-encode the file as UTF-8`, { file, line });
}

export interface Line {
  text: string;
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line's first byte in the file. */
  offset: number;
  /** Length of the line in bytes, without the newline. */
  bytes: number;
}

/** One line as bytes [start, end) of buf (newline and CR excluded), before any decoding. */
export interface LineSpan {
  buf: Buffer;
  start: number;
  end: number;
  line: number;
  offset: number;
}

/** The file's lines as byte spans (a BOM skipped, CRLF tolerated): no decoding, no UTF-8 check. */
export async function* lineSpans(path: string, opts: { highWaterMark?: number } = {}): AsyncGenerator<LineSpan> {
  let carry: Buffer | null = null;
  let line = 0;
  let offset = 0;
  for await (const chunk of readBytes(path, opts.highWaterMark ?? 1 << 20)) {
    const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = offset === 0 && line === 0 ? bomLength(buf) : 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      let end = nl;
      if (end > start && buf[end - 1] === 13) end--; // tolerate CRLF
      line++;
      yield { buf, start, end, line, offset: offset + start };
      start = nl + 1;
    }
    offset += start;
    carry = start < buf.length ? buf.subarray(start) : null;
  }
  if (carry && carry.length > 0) {
    line++;
    let end = carry.length;
    if (carry[end - 1] === 13) end--;
    yield { buf: carry, start: 0, end, line, offset };
  }
}

export async function* readLines(path: string, opts: { highWaterMark?: number } = {}): AsyncGenerator<Line> {
  for await (const l of lineSpans(path, opts)) {
    assertUtf8(l.buf, l.start, l.end, path, l.line, l.offset);
    yield { text: l.buf.toString("utf8", l.start, l.end), line: l.line, offset: l.offset, bytes: l.end - l.start };
  }
}
