// Dense query ids 0 … Q−1 from 64-bit query hashes (h0, h1), one per pool entry. A single hash
// table over millions of queries misses the cache on nearly every lookup; so entries are first
// partitioned by their hash's top bits into buckets whose tables fit in the L2 cache, and each
// bucket is numbered in turn. Ids are deterministic (bucket order, then entry order); nothing
// depends on which query gets which number, only on equal hashes getting equal ids.

const BUCKET_BITS = 6;

/** Also says which ids occur more than once (`repeated[id]` = 1). */
export function denseQueryIds(h0: Uint32Array, h1: Uint32Array, n: number): { ids: Int32Array; count: number; repeated: Uint8Array } {
  const buckets = 1 << BUCKET_BITS;
  const shift = 32 - BUCKET_BITS;
  const starts = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) starts[(h0[i] >>> shift) + 1]++;
  let largest = 0;
  for (let b = 0; b < buckets; b++) {
    largest = Math.max(largest, starts[b + 1]);
    starts[b + 1] += starts[b];
  }
  // Scatter the hashes themselves into bucket order, so that a bucket is numbered from one
  // contiguous, cache-resident stretch of memory.
  const order = new Int32Array(n);
  const a0 = new Uint32Array(n);
  const a1 = new Uint32Array(n);
  const fill = starts.slice(0, buckets);
  for (let i = 0; i < n; i++) {
    const k = fill[h0[i] >>> shift]++;
    order[k] = i;
    a0[k] = h0[i];
    a1[k] = h1[i];
  }

  const cap = 1 << Math.ceil(Math.log2(Math.max(16, largest * 2)));
  const mask = cap - 1;
  const slots = new Int32Array(cap); // bucket-order position + 1 of the slot's first holder; 0 = empty
  const sortedIds = new Int32Array(n);
  const repeated = new Uint8Array(n);
  let count = 0;
  for (let b = 0; b < buckets; b++) {
    slots.fill(0);
    for (let k = starts[b]; k < starts[b + 1]; k++) {
      const a = a0[k];
      const c = a1[k];
      let s = (Math.imul(a ^ c, 0x9e3779b1) >>> 7) & mask;
      for (;;) {
        const j = slots[s] - 1;
        if (j < 0) {
          slots[s] = k + 1;
          sortedIds[k] = count++;
          break;
        }
        if (a0[j] === a && a1[j] === c) {
          sortedIds[k] = sortedIds[j];
          repeated[sortedIds[j]] = 1;
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }
  const ids = new Int32Array(n);
  for (let k = 0; k < n; k++) ids[order[k]] = sortedIds[k];
  return { ids, count, repeated: repeated.subarray(0, count) };
}
