// Preference pairs from explored rationales and the RFT set, a pure function (the pairs file
// format: docs/self-explore.md). Rules:
//   step pairs (one per explored rationale with a first pit j):
//     j = 1: prefix "", rejected = step 1, chosen = a correct sample of the problem from the RFT set
//            (the problem's RFT samples in a seeded order, taken in turn by its pit-1 rationales);
//     j > 1: prefix = steps 1..j-1, rejected = step j alone (its trailing separator cut off),
//            chosen = the shortest correct completion from prefix j-1 that ended by itself (not at the
//            length limit) and is not already the chosen of another pair of the same problem;
//     no pit, or no chosen left: no pair (counted).
//   outcome pairs: each RFT sample of a problem with one wrong rationale of that problem, the wrong
//     ones in a seeded order taken in turn; prefix "", rejected = the whole wrong rationale (EOS).
//   Never an empty or blank side; pairs equal in (kind, prompt, prefix, chosen, rejected) are kept once.
import { createRng, shuffleInPlace } from "../common/random.ts";
import { stepBody } from "./split-steps.ts";
import type { ExploredRow, RftRow } from "./pair-inputs.ts";

export interface Pair {
  id: string;
  problem_id: string;
  kind: "step" | "outcome";
  prompt: string;
  prefix: string;
  chosen: string;
  rejected: string;
  rejected_eos: boolean;
  pit_step?: number;
}

export interface PairCounts {
  step: number;
  outcome: number;
  /** Explored rationales without a first pit (no step pair). */
  noPit: number;
  /** Rationales with a pit but no chosen side available (no RFT sample for pit 1, or every correct completion used). */
  noChosen: number;
  duplicates: number;
}

export type PairKinds = "step" | "outcome" | "both";

const usable = (s: string) => s.trim() !== "";

export function buildPairs(explored: readonly ExploredRow[], rft: readonly RftRow[], o: { kinds: PairKinds; seed: number }): { pairs: Pair[]; counts: PairCounts } {
  const counts: PairCounts = { step: 0, outcome: 0, noPit: 0, noChosen: 0, duplicates: 0 };
  const rftBy = group(rft.filter((r) => usable(r.response)), (r) => r.problem_id);
  const pairs: Pair[] = [];
  const seen = new Set<string>();
  const add = (p: Pair) => {
    const key = JSON.stringify([p.kind, p.prompt, p.prefix, p.chosen, p.rejected]);
    if (seen.has(key)) return void counts.duplicates++;
    seen.add(key);
    pairs.push(p);
    counts[p.kind]++;
  };
  if (o.kinds !== "outcome") {
    const usedChosen = new Map<string, Set<string>>();
    const pit1Turn = new Map<string, number>();
    const pit1Order = new Map<string, RftRow[]>();
    for (const r of explored) {
      if (r.pit === null) {
        counts.noPit++;
        continue;
      }
      const used = usedChosen.get(r.problem_id) ?? new Set<string>();
      usedChosen.set(r.problem_id, used);
      let chosen: string | undefined;
      if (r.pit === 1) {
        if (!pit1Order.has(r.problem_id)) pit1Order.set(r.problem_id, seeded(rftBy.get(r.problem_id) ?? [], o.seed, "pit1", r.problem_id));
        const order = pit1Order.get(r.problem_id)!;
        const turn = pit1Turn.get(r.problem_id) ?? 0;
        pit1Turn.set(r.problem_id, turn + 1);
        chosen = order.length ? order[turn % order.length].response : undefined;
      } else {
        const before = r.explored.find((e) => e.step === r.pit! - 1);
        const candidates = (before?.completions ?? [])
          .map((c, i) => ({ ...c, i }))
          .filter((c) => c.correct && c.finish_reason === "stop" && usable(c.text) && !used.has(c.text))
          .sort((a, b) => a.text.length - b.text.length || a.i - b.i);
        chosen = candidates[0]?.text;
        if (chosen !== undefined) used.add(chosen);
      }
      const rejected = stepBody(r.steps[r.pit - 1]);
      if (chosen === undefined || !usable(rejected)) {
        counts.noChosen++;
        continue;
      }
      add({ id: `step-${r.id}`, problem_id: r.problem_id, kind: "step", prompt: r.prompt, prefix: r.steps.slice(0, r.pit - 1).join(""), chosen, rejected, rejected_eos: false, pit_step: r.pit });
    }
  }
  if (o.kinds !== "step") {
    const wrongBy = group(explored.filter((r) => usable(r.rationale)), (r) => r.problem_id);
    for (const [pid, correct] of rftBy) {
      const wrong = seeded(wrongBy.get(pid) ?? [], o.seed, "outcome", pid);
      if (!wrong.length) continue;
      correct.forEach((c, i) => {
        const w = wrong[i % wrong.length];
        add({ id: `outcome-${c.id}-${w.id}`, problem_id: pid, kind: "outcome", prompt: c.prompt, prefix: "", chosen: c.response, rejected: w.rationale, rejected_eos: true });
      });
    }
  }
  return { pairs, counts };
}

function group<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** The rows in a seeded order keyed by (seed, purpose, problem): independent of every other problem. */
const seeded = <T>(rows: readonly T[], seed: number, purpose: string, pid: string): T[] => shuffleInPlace([...rows], createRng(seed, purpose, pid).next);
