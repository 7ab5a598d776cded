// Streaming line reader over a file: constant memory, with 1-based line numbers and byte offsets
// (so a later pass can seek straight back to a record it chose).
import { createReadStream } from "node:fs";

export interface Line {
  text: string;
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line's first byte in the file. */
  offset: number;
  /** Length of the line in bytes, without the newline. */
  bytes: number;
}

export async function* readLines(path: string, opts: { highWaterMark?: number } = {}): AsyncGenerator<Line> {
  const stream = createReadStream(path, { highWaterMark: opts.highWaterMark ?? 1 << 20 });
  let carry: Buffer | null = null;
  let line = 0;
  let offset = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      let end = nl;
      if (end > start && buf[end - 1] === 13) end--; // tolerate CRLF
      line++;
      yield { text: buf.toString("utf8", start, end), line, offset: offset + start, bytes: end - start };
      start = nl + 1;
    }
    offset += start;
    carry = start < buf.length ? buf.subarray(start) : null;
  }
  if (carry && carry.length > 0) {
    line++;
    let end = carry.length;
    if (carry[end - 1] === 13) end--;
    yield { text: carry.toString("utf8", 0, end), line, offset, bytes: end };
  }
}
