// What a scan of one part of a file (or of a whole JSON/Parquet file) yields: the kept responses
// as columns, with each query as its 64-bit hash rather than an id — ids are handed out when the
// parts are merged in file order, so the pool is the same whether one thread read it or two.
// Plain typed arrays and numbers only: a part crosses from a worker thread without copying.
import { InputError } from "../io/errors.ts";

export interface PartError {
  message: string;
  line?: number;
  field?: string;
}

export interface PoolPart {
  size: number;
  h0: Uint32Array;
  h1: Uint32Array;
  /** The response's fingerprint (response-fingerprint.ts): equal texts give equal lanes. */
  r0: Uint32Array;
  r1: Uint32Array;
  ppl: Float64Array;
  len: Float64Array;
  flags: Uint8Array;
  /** Line numbers within the part (1-based); the merge adds the lines of the parts before. */
  line: Int32Array;
  offset: Float64Array;
  bytes: Int32Array;
  item: Int32Array;
  /** Lines (JSONL) or rows consumed, blank lines included. */
  lines: number;
  rows: number;
  responses: number;
  excluded: Record<string, number>;
  /** The first bad row of the part, if any (scanning stops there). */
  error?: PartError;
}

const COLUMNS = ["h0", "h1", "r0", "r1", "ppl", "len", "flags", "line", "offset", "bytes", "item"] as const;

export function emptyPart(capacity = 1024): PoolPart {
  return {
    size: 0,
    h0: new Uint32Array(capacity),
    h1: new Uint32Array(capacity),
    r0: new Uint32Array(capacity),
    r1: new Uint32Array(capacity),
    ppl: new Float64Array(capacity),
    len: new Float64Array(capacity),
    flags: new Uint8Array(capacity),
    line: new Int32Array(capacity),
    offset: new Float64Array(capacity),
    bytes: new Int32Array(capacity),
    item: new Int32Array(capacity),
    lines: 0,
    rows: 0,
    responses: 0,
    excluded: {},
  };
}

export function pushToPart(p: PoolPart, h0: number, h1: number, r0: number, r1: number, ppl: number, len: number, flags: number, line: number, offset: number, bytes: number, item: number): void {
  if (p.size === p.h0.length) growPart(p, p.size * 2);
  const i = p.size++;
  p.h0[i] = h0;
  p.h1[i] = h1;
  p.r0[i] = r0;
  p.r1[i] = r1;
  p.ppl[i] = ppl;
  p.len[i] = len;
  p.flags[i] = flags;
  p.line[i] = line;
  p.offset[i] = offset;
  p.bytes[i] = bytes;
  p.item[i] = item;
}

export function growPart(p: PoolPart, cap: number): void {
  if (cap <= p.h0.length) return;
  for (const k of COLUMNS) {
    const a = p[k];
    const b = new (a.constructor as new (n: number) => typeof a)(cap);
    b.set(a.subarray(0, p.size) as never);
    (p as any)[k] = b;
  }
}

/** The buffers to transfer when posting a part to another thread. */
export function partBuffers(p: PoolPart): ArrayBuffer[] {
  return COLUMNS.map((k) => p[k].buffer as ArrayBuffer);
}

/** Records a bad row as the part's error (an InputError's bare message, line and field). */
export function partError(e: unknown, file: string): PartError {
  if (!(e instanceof InputError)) throw e;
  const prefix = new InputError("", { file, line: e.line, field: e.field }).message;
  return { message: e.message.slice(prefix.length), line: e.line, field: e.field };
}
