// The world's records, as pure generators: each problem is a function of (seed, split, index)
// alone, and a problem whose text already appeared in an earlier split is skipped, so the test
// set for a seed never depends on how many train or pretraining problems are asked for.
import { UsageError } from "../io/errors.ts";
import { show } from "./fraction.ts";
import { createRng, type Rng } from "../common/random.ts";
import { generateProblem } from "./generate-problem.ts";
import { expression, type Problem } from "./problem.ts";
import { STYLE_IDS, teach, type StyleId } from "./teacher.ts";
import type { WorldConfig } from "./world-config.ts";

export type Split = "test" | "train" | "pretrain";

export interface TrainRecord {
  id: string;
  query: string;
  gold: string;
  level: number;
  kind: Problem["kind"];
  /** The computation as an expression ("(12 + 5) * 3") or an equation in x ("(x + 7) * 3 = 30"). */
  program: string;
  responses: string[];
  styles: StyleId[];
}

export interface TestRecord {
  id: string;
  problem: string;
  answer: string;
  level: number;
  kind: Problem["kind"];
  program: string;
}

export interface PretrainRecord {
  id: string;
  /** The document: question, a blank line, then the common-style solution. */
  text: string;
  query: string;
  response: string;
  style: StyleId;
  gold: string;
  program: string;
}

export const programOf = (p: Problem) => (p.kind === "story" ? expression(show(p.start), p.ops) : `${expression("x", p.ops)} = ${show(p.end)}`);

/** Unique problems of one split, in order; `seen` holds the texts of earlier splits and grows. */
export function* problems(cfg: WorldConfig, split: Split, seen: Set<string>): Generator<{ id: string; p: Problem }> {
  let misses = 0;
  for (let i = 0, n = 0; ; i++) {
    const rng = createRng(cfg.seed, split, i);
    const level = rng.int(cfg.minLevel, cfg.maxLevel);
    const p = generateProblem(rng.next() < cfg.unknownShare ? "unknown" : "story", level, rng);
    if (seen.has(p.text)) {
      if (++misses > 10000) throw new UsageError(`the world ran out of distinct ${split} problems; widen the level range`);
      continue;
    }
    seen.add(p.text);
    yield { id: `${split}-${String(++n).padStart(6, "0")}`, p };
  }
}

export function trainRecord(cfg: WorldConfig, id: string, p: Problem): TrainRecord {
  const rng = createRng(cfg.seed, "teacher", id);
  const weights = STYLE_IDS.map((s) => cfg.styleWeights[s]);
  const styles = Array.from({ length: cfg.responses }, () => STYLE_IDS[rng.weighted(weights)]);
  const responses = styles.map((s) => teach(p, s, rng, cfg.variant));
  return { id, query: p.text, gold: show(p.answer), level: p.level, kind: p.kind, program: programOf(p), responses, styles };
}

export const testRecord = (id: string, p: Problem): TestRecord => ({ id, problem: p.text, answer: show(p.answer), level: p.level, kind: p.kind, program: programOf(p) });

/** The pretraining style, or with probability `pretrainOtherShare` another style drawn by the train weights. */
function pretrainStyleOf(cfg: WorldConfig, rng: Rng): StyleId {
  const others = STYLE_IDS.filter((s) => s !== cfg.pretrainStyle && cfg.styleWeights[s] > 0);
  if (others.length === 0 || !(rng.next() < cfg.pretrainOtherShare)) return cfg.pretrainStyle;
  return others[rng.weighted(others.map((s) => cfg.styleWeights[s]))];
}

export function pretrainRecord(cfg: WorldConfig, id: string, p: Problem): PretrainRecord {
  const rng = createRng(cfg.seed, "teacher", id);
  const style = pretrainStyleOf(cfg, rng);
  const response = teach(p, style, rng, cfg.variant);
  return { id, text: `${p.text}\n\n${response}`, query: p.text, response, style, gold: show(p.answer), program: programOf(p) };
}
