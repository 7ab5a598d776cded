// The ranked baselines share one step: walk candidates in a priority order and take each unless
// its query already has d selected, until n are taken. The order is a lazily popped heap, so a
// pool of millions costs O(pool) to heapify plus O(n log pool) to take.
import { BinaryHeap } from "../common/binary-heap.ts";
import type { CandidatePool } from "./pool.ts";

export function takeRanked(pool: CandidatePool, eligible: Int32Array, before: (a: number, b: number) => boolean, perQuery: number, n: number): number[] {
  const heap = BinaryHeap.of(eligible, before);
  const count = new Int32Array(pool.queries);
  const picked: number[] = [];
  while (picked.length < n) {
    const c = heap.pop();
    if (c < 0) break;
    if (count[pool.qid[c]] >= perQuery) continue;
    count[pool.qid[c]]++;
    picked.push(c);
  }
  return picked;
}
