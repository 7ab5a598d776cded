// Per-problem Pass@1 (correct / n) paired by problem id between an arm and a reference arm: the
// unit the paired bootstrap resamples. Takes the {id, n, correct} fields of eval's details.jsonl
// records structurally, so this room stays pure and depends on no stage.

/** The fields of one details record the statistics need. */
export interface ProblemOutcome {
  id: string;
  n: number;
  correct: number;
}

export interface PairedPass {
  ids: string[];
  /** Per problem, in `ids` order: the arm's Pass@1. */
  arm: number[];
  /** Per problem, in `ids` order: the reference arm's Pass@1. */
  reference: number[];
}

function passById(rows: readonly ProblemOutcome[], which: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    if (out.has(r.id)) throw new RangeError(`${which}: problem id "${r.id}" appears twice`);
    if (!(r.n >= 1) || r.correct < 0 || r.correct > r.n) throw new RangeError(`${which}: problem "${r.id}" has correct ${r.correct} of n ${r.n}`);
    out.set(r.id, r.correct / r.n);
  }
  return out;
}

/** Pairs the two arms' per-problem Pass@1 by id, in sorted id order; both must cover the same problems
 *  (a paired comparison over different problem sets would compare the sets, not the arms). */
export function pairPerProblemPass(arm: readonly ProblemOutcome[], reference: readonly ProblemOutcome[]): PairedPass {
  const a = passById(arm, "arm");
  const r = passById(reference, "reference");
  const missing = [...a.keys()].filter((id) => !r.has(id)).concat([...r.keys()].filter((id) => !a.has(id)));
  if (missing.length > 0) throw new RangeError(`the arms cover different problems (e.g. "${missing[0]}"; ${missing.length} unmatched)`);
  const ids = [...a.keys()].sort();
  return { ids, arm: ids.map((id) => a.get(id)!), reference: ids.map((id) => r.get(id)!) };
}
