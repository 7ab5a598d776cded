// A JSON object of arrays ("columnar JSON": {"query": [...], "response": [...]}) read as rows in
// bounded memory. Pass one scans the object once and keeps only where each column's array starts (a
// byte offset per column). Then one cursor per column reads the file again from its array's start
// (plain files seek there; compressed ones decompress and skip) and cuts out one element at a time;
// the cursors advance in step, so memory is a read chunk per column plus one element per column,
// whatever the file's size. Columns of different lengths, a file cut short or a value that is not an
// array are InputErrors naming the column, the row and the byte offset.
// Speed: elements are cut synchronously while the current chunk holds them (strings skipped with the
// native Buffer.indexOf, not a byte loop) and handed over in batches bounded by BATCH_CHARS, each batch
// parsed with one JSON.parse; the async path (await per byte) only runs where a value crosses a chunk.
// An async step per element per column cost most of the time (docs/benchmarks.md, "Columnar JSON").
import { createReadStream } from "node:fs";
import { InputError } from "./errors.ts";
import { compressionOf, readBytes } from "./byte-stream.ts";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** The file's decompressed bytes from offset `from` on. */
async function* bytesFrom(path: string, from: number): AsyncGenerator<Buffer> {
  if (compressionOf(path) === null) {
    yield* createReadStream(path, { start: from, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
    return;
  }
  let at = 0;
  for await (const c of readBytes(path)) {
    if (at + c.length > from) yield at >= from ? c : c.subarray(from - at);
    at += c.length;
  }
}

/** A byte cursor over a stream of chunks that keeps only the value being cut out. */
class Cursor {
  private buf: Buffer = Buffer.alloc(0);
  private p = 0;
  private mark = -1;
  private ended = false;
  private readonly chunks: AsyncIterator<Buffer>;

  constructor(
    chunks: AsyncIterable<Buffer>,
    private base: number,
  ) {
    this.chunks = chunks[Symbol.asyncIterator]();
  }

  /** File offset of the next byte. */
  get offset(): number {
    return this.base + this.p;
  }

  /**
   * The first backslash at or after bsFrom in bsBuf (Infinity: none), kept between strings so a file
   * without escapes is searched once per chunk. It answers for any `from` in [bsFrom, bs]: a scan that
   * restarts earlier (the async path after a failed cutSync) searches again.
   */
  private bs = -1;
  private bsFrom = 0;
  private bsBuf: Buffer | null = null;

  private nextBackslash(from: number): number {
    if (this.bsBuf !== this.buf || from < this.bsFrom || from > this.bs) {
      const i = this.buf.indexOf(BACKSLASH, from);
      this.bsBuf = this.buf;
      this.bsFrom = from;
      this.bs = i < 0 ? Infinity : i;
    }
    return this.bs;
  }

  /** The index just past the string whose opening quote is at `q`, or −1 when this buffer ends first. */
  private stringEnd(q: number): number {
    const buf = this.buf;
    for (let i = q + 1; ; ) {
      const e = buf.indexOf(QUOTE, i);
      if (e < 0) return -1;
      const b = this.nextBackslash(i);
      if (b < e) {
        i = b + 2; // the escaped character, whatever it is
        if (i > buf.length) return -1;
        continue;
      }
      return e + 1;
    }
  }

  /**
   * One JSON value cut from the current buffer without waiting: its text, or undefined (nothing consumed)
   * when the buffer ends before the value does — the caller then takes the async path, value().
   */
  cutSync(): string | undefined {
    const buf = this.buf;
    let q = this.p;
    while (q < buf.length && isWs(buf[q])) q++;
    const start = q;
    let depth = 0;
    for (;;) {
      // the buffer ends first: a container or bare scalar may go on in the next chunk
      if (q >= buf.length) return undefined;
      const c = buf[q];
      if (c === QUOTE) {
        q = this.stringEnd(q);
        if (q < 0) return undefined;
        if (depth === 0) break;
        continue;
      }
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) break; // a scalar ended by its container's close
        if (--depth === 0) {
          q++;
          break;
        }
      } else if (depth === 0 && (c === 0x2c || isWs(c))) break; // a scalar's end
      q++;
    }
    if (q === start) return undefined; // no value here (a stray separator): the async path reports it
    this.p = q;
    return buf.toString("utf8", start, q);
  }

  /** The next byte that is not white space, from this buffer only (not consumed); −2 when the buffer ends first. */
  peekSync(): number {
    const buf = this.buf;
    while (this.p < buf.length && isWs(buf[this.p])) this.p++;
    return this.p < buf.length ? buf[this.p] : -2;
  }

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const n = await this.chunks.next();
    if (n.done) {
      this.ended = true;
      return false;
    }
    const keep = this.mark >= 0 ? this.mark : this.p;
    this.buf = keep < this.buf.length ? Buffer.concat([this.buf.subarray(keep), n.value]) : n.value;
    this.base += keep;
    this.p -= keep;
    if (this.mark >= 0) this.mark -= keep;
    return true;
  }

  /** The next byte (not consumed), or −1 at the end. */
  async byte(): Promise<number> {
    while (this.p >= this.buf.length) if (!(await this.more())) return -1;
    return this.buf[this.p];
  }

  /** The next byte that is not white space (not consumed), or −1 at the end. */
  async peek(): Promise<number> {
    for (;;) {
      const c = await this.byte();
      if (c < 0 || !isWs(c)) return c;
      this.p++;
    }
  }

  skip(): void {
    this.p++;
  }

  /** Ends the byte stream early (a zstd child process is killed, a file closed). */
  async close(): Promise<void> {
    await this.chunks.return?.(undefined);
  }

  /** Reads one JSON value: its text when `keep`, else "" (the bytes are dropped as they pass); null when the file ends inside it. */
  async value(keep: boolean): Promise<string | null> {
    if ((await this.peek()) < 0) return null;
    this.mark = keep ? this.p : -1;
    let depth = 0;
    for (;;) {
      let c = this.p < this.buf.length ? this.buf[this.p] : await this.byte();
      if (c < 0) return null;
      if (c === QUOTE) {
        this.p++;
        for (;;) {
          // within a string: jump to the next quote or backslash (native search; the backslash's position is kept)
          const e = this.buf.indexOf(QUOTE, this.p);
          this.p = Math.min(e < 0 ? this.buf.length : e, this.nextBackslash(this.p), this.buf.length);
          c = await this.byte();
          if (c < 0) return null;
          if (c !== QUOTE && c !== BACKSLASH) continue; // the buffer ended inside the string: scan on
          this.p++;
          if (c === QUOTE) break;
          if ((await this.byte()) < 0) return null; // the escaped character
          this.p++;
        }
        if (depth === 0) return this.take(keep);
        continue;
      }
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) return this.take(keep); // a scalar ended by its container's close
        if (--depth === 0) {
          this.p++;
          return this.take(keep);
        }
      } else if (depth === 0 && (c === 0x2c || isWs(c))) return this.take(keep); // a scalar's end
      this.p++;
    }
  }

  private take(keep: boolean): string {
    const s = keep ? this.buf.toString("utf8", this.mark, this.p) : "";
    this.mark = -1;
    return s;
  }
}

/** True when the file's first value is an object (columnar JSON) rather than a list. */
export async function isColumnarJson(path: string): Promise<boolean> {
  const c = new Cursor(readBytes(path, 1 << 12), 0);
  try {
    if ((await c.byte()) === 0xef) for (let i = 0; i < 3; i++) c.skip();
    return (await c.peek()) === 0x7b;
  } finally {
    await c.close();
  }
}

/** Pass one: each column's name and the file offset of its array's "[". */
async function columnStarts(path: string): Promise<{ name: string; offset: number }[]> {
  const c = new Cursor(readBytes(path), 0);
  const fail = (m: string) => new InputError(`${m} (byte offset ${c.offset})`, { file: path });
  if ((await c.byte()) === 0xef) for (let i = 0; i < 3; i++) c.skip();
  if ((await c.peek()) !== 0x7b) throw fail("columnar JSON must be an object of arrays");
  c.skip();
  const cols: { name: string; offset: number }[] = [];
  if ((await c.peek()) === 0x7d) return cols;
  for (;;) {
    if ((await c.peek()) !== QUOTE) throw fail("expected a column name");
    const key = await c.value(true);
    if (key === null) throw fail("the file ends inside a column name: it is cut short");
    const name = JSON.parse(key) as string;
    if ((await c.peek()) !== 0x3a) throw fail(`expected ":" after the column name ${key}`);
    c.skip();
    if ((await c.peek()) !== 0x5b) throw fail(`column ${key} is not an array`);
    cols.push({ name, offset: c.offset });
    if ((await c.value(false)) === null) throw fail(`the file ends inside column ${key}: it is cut short`);
    const sep = await c.peek();
    c.skip();
    if (sep === 0x7d) break;
    if (sep !== 0x2c) throw fail(`expected "," or "}" after column ${key}`);
  }
  return cols;
}

/** One column's elements, as JSON text, from its array's "[" on. */
async function* columnValues(path: string, name: string, offset: number): AsyncGenerator<Batch> {
  const c = new Cursor(bytesFrom(path, offset), offset);
  try {
    yield* elements(c, path, name);
  } finally {
    await c.close();
  }
}

/** Elements of one column, in order: their JSON texts and the file offset of each. */
interface Batch {
  texts: string[];
  offsets: number[];
}

/**
 * Elements handed over at once per column, at most BATCH_ITEMS and about BATCH_CHARS characters: memory
 * stays about a chunk per column (more items per batch gained no CPU and cost peak RSS: many small cells).
 */
const BATCH_CHARS = 1 << 20;
const BATCH_ITEMS = 1024;

async function* elements(c: Cursor, path: string, name: string): AsyncGenerator<Batch> {
  await c.peek();
  c.skip(); // the "["
  if ((await c.peek()) === 0x5d) return;
  let batch: Batch = { texts: [], offsets: [] };
  let chars = 0;
  for (;;) {
    c.peekSync();
    const at = c.offset;
    let text: string | null | undefined = c.cutSync();
    if (text === undefined) {
      text = await c.value(true);
      if (text === null) throw new InputError(`the file ends inside column ${JSON.stringify(name)}: it is cut short (byte offset ${c.offset})`, { file: path });
    }
    batch.texts.push(text);
    batch.offsets.push(at);
    chars += text.length;
    let sep = c.peekSync();
    if (sep === -2) sep = await c.peek();
    c.skip();
    if (sep === 0x5d) {
      yield batch;
      return;
    }
    if (sep !== 0x2c) throw new InputError(`expected "," or "]" in column ${JSON.stringify(name)} (byte offset ${c.offset - 1})`, { file: path });
    if (chars >= BATCH_CHARS || batch.texts.length >= BATCH_ITEMS) {
      yield batch;
      batch = { texts: [], offsets: [] };
      chars = 0;
    }
  }
}

/** The rows of a columnar JSON file: row i holds element i of every column. */
export async function* columnarRows(path: string): AsyncGenerator<{ row: Record<string, unknown>; line: number }> {
  const cols = await columnStarts(path);
  const its = cols.map((col) => columnValues(path, col.name, col.offset));
  try {
    yield* zipped(path, cols, its);
  } finally {
    await Promise.all(its.map((it) => it.return(undefined)));
  }
}

/** A batch's values: one JSON.parse for the whole batch; a malformed element is found and named one by one. */
function parsed(b: Batch, path: string, name: string, firstLine: number): unknown[] {
  try {
    return JSON.parse(`[${b.texts.join(",")}]`) as unknown[];
  } catch {
    return b.texts.map((t, i) => {
      try {
        return JSON.parse(t);
      } catch (e) {
        throw new InputError(`malformed JSON (${(e as Error).message}; byte offset ${b.offsets[i]})`, { file: path, line: firstLine + i, field: name });
      }
    });
  }
}

async function* zipped(path: string, cols: { name: string }[], its: AsyncGenerator<Batch>[]): AsyncGenerator<{ row: Record<string, unknown>; line: number }> {
  const queues = cols.map(() => ({ values: [] as unknown[], i: 0, done: false }));
  for (let line = 1; ; line++) {
    for (let k = 0; k < cols.length; k++) {
      const q = queues[k];
      if (q.i < q.values.length || q.done) continue;
      const n = await its[k].next();
      if (n.done) q.done = true;
      else {
        q.values = parsed(n.value, path, cols[k].name, line);
        q.i = 0;
      }
    }
    const ended = queues.filter((q) => q.done).length;
    if (ended === queues.length) return;
    if (ended > 0) {
      const short = cols.filter((_, i) => queues[i].done).map((c) => c.name);
      throw new InputError(`columns of different lengths: ${short.map((s) => JSON.stringify(s)).join(", ")} end${short.length === 1 ? "s" : ""} after ${line - 1} values, the others go on`, { file: path, line });
    }
    const row: Record<string, unknown> = {};
    for (let k = 0; k < cols.length; k++) row[cols[k].name] = queues[k].values[queues[k].i++];
    yield { row, line };
  }
}
