// The `rft` stage with its I/O: read self-samples, verify every one with the one verifier, keep per
// problem the correct ones that pickRft keeps, and write them in input order as training rows, with
// a JSON summary. The same input and seed give the same bytes. Samples are held in memory (one
// problem's samples are compared with each other; a run of N = 100 samples x 10k problems is ~1M rows).
import { AtomicRowWriter } from "../io/row-writer.ts";
import { rftRowSchema } from "./rft-row-schema.ts";
import { OutputGroup } from "../io/atomic.ts";
import { assertReadable } from "../io/records.ts";
import type { StartProgress } from "../io/progress.ts";
import { besideOut } from "../select/index.ts";
import { pickRft } from "./pick-rft.ts";
import type { RftConfig } from "./rft-config.ts";
import { readSelfSamples, type SelfSample } from "./self-samples.ts";
import { verifierFor } from "./verify-flags.ts";

export interface RftSummary {
  out: string;
  stats: string;
  samples: number;
  correct: number;
  /** Correct samples whose response is blank (never trained on). */
  blank: number;
  problems: number;
  /** Problems with at least one correct sample. */
  solved: number;
  kept: number;
  dropped: { nearDuplicate: number; overCap: number };
}

export async function runRft(c: Readonly<RftConfig>, ports: { progress: StartProgress }): Promise<RftSummary> {
  assertReadable(c.input);
  const bar = ports.progress(`reading ${c.input}`);
  const all: SelfSample[] = [];
  for await (const s of readSelfSamples(c.input, c)) all.push(s);
  bar.finish(`${all.length} samples`);
  const pool = verifierFor(c);
  let verdicts;
  try {
    verdicts = await pool.verifyMany(all.map((s) => ({ gold: s.gold, response: s.response })));
  } finally {
    await pool.close();
  }
  const byProblem = new Map<string, SelfSample[]>();
  let blank = 0;
  for (const [i, s] of all.entries()) {
    if (!byProblem.has(s.problemId)) byProblem.set(s.problemId, []);
    if (!verdicts[i].correct) continue;
    if (s.response.trim() === "") blank++;
    else byProblem.get(s.problemId)!.push(s);
  }
  const kept: SelfSample[] = [];
  let nearDuplicate = 0;
  let overCap = 0;
  let solved = 0;
  for (const [pid, correct] of byProblem) {
    if (correct.length) solved++;
    const p = pickRft(pid, correct, c);
    kept.push(...p.kept);
    nearDuplicate += p.duplicates;
    overCap += p.overCap;
  }
  kept.sort((a, b) => a.order - b.order);
  const stats = c.stats ?? besideOut(c.out, ".stats.json");
  const summary: RftSummary = {
    out: c.out,
    stats,
    samples: all.length,
    correct: verdicts.filter((v) => v.correct).length,
    blank,
    problems: byProblem.size,
    solved,
    kept: kept.length,
    dropped: { nearDuplicate, overCap },
  };
  await new OutputGroup().all(async (group) => {
    const w = new AtomicRowWriter(c.out, { schema: rftRowSchema, format: c.format, group });
    for (const s of kept) await w.write({ id: s.id, prompt: s.question, response: s.response, loss_type: 0, problem_id: s.problemId, gold: s.gold });
    await w.close();
    const { out: _o, stats: _s, ...written } = summary;
    group.json(stats, { input: c.input, seed: c.seed, perProblem: c.perProblem, similarity: c.similarity, ...written });
  });
  return summary;
}
