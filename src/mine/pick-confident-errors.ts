// High-confidence errors for unlikelihood training (SPEC "High-confidence errors"): among the
// incorrect, scored, non-degenerate self-samples of the pool, keep each query's `perQuery`
// lowest-PPL ones — across every row that repeats the query — then the `k` lowest-PPL overall.
// Order is (PPL ascending, pool index ascending), so ties go to the earlier row and the result
// is the same as sorting everything and taking greedily. Memory: `perQuery` slots per query and
// a bounded heap of k, never a sort of the whole pool.
import { BinaryHeap } from "../common/binary-heap.ts";
import type { CandidatePool } from "../select/pool.ts";

export interface PickOptions {
  k: number;
  perQuery: number;
}

/** Pool indices of the chosen errors, PPL ascending. */
export function pickConfidentErrors(pool: CandidatePool, o: PickOptions): Int32Array {
  const { ppl } = pool;
  const better = (a: number, b: number) => ppl[a] < ppl[b] || (ppl[a] === ppl[b] && a < b);
  const c = o.perQuery;
  const slots = new Int32Array(pool.queries * c).fill(-1);
  for (let i = 0; i < pool.size; i++) {
    // Insertion into the query's sorted slots; i falls off the end when the slots hold c better ones.
    let x = i;
    const base = pool.qid[i] * c;
    for (let s = base; s < base + c; s++) {
      const y = slots[s];
      if (y < 0) {
        slots[s] = x;
        break;
      }
      if (better(x, y)) {
        slots[s] = x;
        x = y;
      }
    }
  }
  const worstFirst = (a: number, b: number) => better(b, a);
  const heap = new BinaryHeap(worstFirst, Math.min(o.k, 1 << 16));
  for (let s = 0; s < slots.length; s++) {
    const x = slots[s];
    if (x < 0) continue;
    if (heap.size < o.k) heap.push(x);
    else if (better(x, heap.peek())) heap.replaceTop(x);
  }
  const out = new Int32Array(heap.size);
  for (let j = out.length - 1; j >= 0; j--) out[j] = heap.pop();
  return out;
}
