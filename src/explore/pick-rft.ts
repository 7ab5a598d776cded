// The RFT choice for one problem, a pure function: its correct, non-blank samples are considered
// in a seeded order (a shuffle keyed by (seed, problem id), so it does not depend on other
// problems or on set iteration); a sample is kept unless it is a near-duplicate of one already
// kept; at most `perProblem` are kept. Returns the kept samples in the order considered and why the
// others were dropped.
import { createRng, shuffleInPlace } from "../common/random.ts";
import { jaccard, tokenSet } from "./near-duplicate.ts";

export interface RftCandidate {
  /** Input position: the order before the seeded shuffle. */
  order: number;
  response: string;
}

export interface RftPick<T extends RftCandidate> {
  kept: T[];
  duplicates: number;
  overCap: number;
}

export function pickRft<T extends RftCandidate>(problemId: string, correct: readonly T[], o: { perProblem: number; similarity: number; seed: number }): RftPick<T> {
  const order = shuffleInPlace([...correct].sort((a, b) => a.order - b.order), createRng(o.seed, "rft", problemId).next);
  const kept: T[] = [];
  const sets: Set<string>[] = [];
  let duplicates = 0;
  let overCap = 0;
  for (const c of order) {
    const s = tokenSet(c.response);
    if (sets.some((k) => jaccard(k, s) >= o.similarity)) duplicates++;
    else if (kept.length >= o.perProblem) overCap++;
    else {
      kept.push(c);
      sets.push(s);
    }
  }
  return { kept, duplicates, overCap };
}
