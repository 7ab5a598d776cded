// The candidate pool: one entry per kept response, as columns of typed arrays — query id, PPL,
// length, verdict and where the row lives in its file — and never the texts, so two million
// candidates cost about 80 MB whatever the responses' lengths.

export const CORRECT = 1;
export const INCORRECT = 2;
export const FAILED = 4;

export class CandidatePool {
  size = 0;
  /** Number of distinct queries seen while reading (query ids are 0 … queries−1). */
  queries = 0;
  qid: Int32Array = new Int32Array(1024);
  ppl: Float64Array = new Float64Array(1024);
  len: Float64Array = new Float64Array(1024);
  flags: Uint8Array = new Uint8Array(1024);
  /** 1-based line (JSONL) or row number (JSON, Parquet) of the source row. */
  line: Int32Array = new Int32Array(1024);
  /** Byte offset and length of the source line (JSONL only; 0 otherwise). */
  offset: Float64Array = new Float64Array(1024);
  bytes: Int32Array = new Int32Array(1024);
  /** Index within the row's response lists, or −1 for a one-response row. */
  item: Int32Array = new Int32Array(1024);

  push(qid: number, ppl: number, len: number, flags: number, line: number, offset: number, bytes: number, item: number): number {
    if (this.size === this.qid.length) this.grow(this.size * 2);
    const i = this.size++;
    this.qid[i] = qid;
    this.ppl[i] = ppl;
    this.len[i] = len;
    this.flags[i] = flags;
    this.line[i] = line;
    this.offset[i] = offset;
    this.bytes[i] = bytes;
    this.item[i] = item;
    return i;
  }

  /** Makes room for `n` entries at once. */
  reserve(n: number): void {
    if (n > this.qid.length) this.grow(n);
  }

  private grow(cap: number): void {
    const re = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a.subarray(0, this.size) as any);
      return b;
    };
    this.qid = re(this.qid);
    this.ppl = re(this.ppl);
    this.len = re(this.len);
    this.flags = re(this.flags);
    this.line = re(this.line);
    this.offset = re(this.offset);
    this.bytes = re(this.bytes);
    this.item = re(this.item);
  }
}
