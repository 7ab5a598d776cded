// The candidate pool: one entry per kept response, as columns of typed arrays — query id, PPL,
// length, verdict and where the row lives in its file — and never the texts, so two million
// candidates cost about 80 MB whatever the responses' lengths.

export const CORRECT = 1;
export const INCORRECT = 2;
export const FAILED = 4;

/** One entry given as an object (for pools built in memory rather than read from a file). */
export interface PoolEntry {
  qid: number;
  ppl: number;
  len: number;
  flags?: number;
  line?: number;
  item?: number;
}

export class CandidatePool {
  size = 0;
  /** Number of distinct queries (query ids are 0 … queries−1). */
  queries = 0;
  qid: Int32Array = new Int32Array(0);
  ppl: Float64Array = new Float64Array(0);
  len: Float64Array = new Float64Array(0);
  flags: Uint8Array = new Uint8Array(0);
  /** 1-based line (JSONL) or row number (JSON, Parquet) of the source row. */
  line: Int32Array = new Int32Array(0);
  /** Byte offset and length of the source line (JSONL only; 0 otherwise). */
  offset: Float64Array = new Float64Array(0);
  bytes: Int32Array = new Int32Array(0);
  /** Index within the row's response lists, or −1 for a one-response row. */
  item: Int32Array = new Int32Array(0);

  /** An empty pool with room for n entries (columns zero-filled, size still 0). */
  static withCapacity(n: number): CandidatePool {
    const p = new CandidatePool();
    Object.assign(p, {
      qid: new Int32Array(n),
      ppl: new Float64Array(n),
      len: new Float64Array(n),
      flags: new Uint8Array(n),
      line: new Int32Array(n),
      offset: new Float64Array(n),
      bytes: new Int32Array(n),
      item: new Int32Array(n),
    });
    return p;
  }

  /** A pool of the given entries, in order (line defaults to the entry's position + 1). */
  static of(entries: readonly PoolEntry[]): CandidatePool {
    const p = CandidatePool.withCapacity(entries.length);
    entries.forEach((e, i) => {
      p.qid[i] = e.qid;
      p.ppl[i] = e.ppl;
      p.len[i] = e.len;
      p.flags[i] = e.flags ?? CORRECT;
      p.line[i] = e.line ?? i + 1;
      p.item[i] = e.item ?? -1;
      p.queries = Math.max(p.queries, e.qid + 1);
    });
    p.size = entries.length;
    return p;
  }
}
