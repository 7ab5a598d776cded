// Turns the engine's samples file into per-problem details: streams it in chunks (bounded memory:
// texts are graded and dropped, only counts, lengths and entropies are kept), grades each chunk
// with the verifier, and keeps the first k samples of each problem (sample index < k), which is
// how a cached run with more samples serves a request for fewer.
import type { z } from "zod";
import { readRecords } from "../io/records.ts";
import { sampleRecord } from "../backend/index.ts";
import { InputError } from "../io/errors.ts";
import type { Problem } from "./benchmark.ts";
import type { ProblemDetail } from "./problem-detail.ts";
import { tokenWeightedEntropy } from "./summarize.ts";
import type { Progress } from "../io/progress.ts";
import { nullProgress } from "../io/progress.ts";

/** Grades a batch of (gold, response) pairs; true = the response's final answer matches. */
export type Grader = (items: readonly { gold: string; response: string }[]) => Promise<boolean[]>;

type SampleLine = z.output<typeof sampleRecord>;

interface Acc {
  verdicts: (0 | 1)[];
  lengths: number[];
  entropies: (number | null)[];
  truncated: number;
  filled: number;
}

// Samples graded together: enough to keep every verifier worker busy, few enough to bound memory.
const CHUNK = 512;

export async function gradeSamples(path: string, problems: readonly Problem[], k: number, grade: Grader, progress: Progress = nullProgress): Promise<ProblemDetail[]> {
  const gold = new Map(problems.map((p) => [p.id, p.answer]));
  const acc = new Map<string, Acc>(problems.map((p) => [p.id, { verdicts: Array(k), lengths: Array(k), entropies: Array(k), truncated: 0, filled: 0 }]));
  let chunk: SampleLine[] = [];
  const flush = async () => {
    const verdicts = await grade(chunk.map((s) => ({ gold: gold.get(s.id)!, response: s.text })));
    chunk.forEach((s, i) => {
      const a = acc.get(s.id)!;
      a.verdicts[s.sample] = verdicts[i] ? 1 : 0;
      a.lengths[s.sample] = s.n_tokens;
      a.entropies[s.sample] = s.mean_entropy ?? null;
      if (s.finish_reason === "length") a.truncated++;
      a.filled++;
    });
    progress.tick(chunk.length);
    chunk = [];
  };
  for await (const src of readRecords(path)) {
    const r = sampleRecord.safeParse(src.row);
    if (!r.success) throw new InputError(r.error.issues[0].message, { file: path, line: src.line, field: r.error.issues[0].path.join(".") });
    const s = r.data;
    if (s.sample >= k || !acc.has(s.id)) continue;
    if (acc.get(s.id)!.verdicts[s.sample] !== undefined || chunk.some((c) => c.id === s.id && c.sample === s.sample)) {
      throw new InputError(`sample ${s.sample} of problem "${s.id}" appears twice`, { file: path, line: src.line, field: "sample" });
    }
    chunk.push(s);
    if (chunk.length >= CHUNK) await flush();
  }
  if (chunk.length) await flush();
  return problems.map((p): ProblemDetail => {
    const a = acc.get(p.id)!;
    if (a.filled < k) throw new InputError(`problem "${p.id}" has ${a.filled} of the ${k} samples needed`, { file: path });
    return {
      id: p.id,
      n: k,
      correct: a.verdicts.reduce<number>((x, v) => x + v, 0),
      verdicts: a.verdicts,
      lengths: a.lengths,
      entropies: a.entropies,
      truncated: a.truncated,
      entropy: tokenWeightedEntropy(a.lengths, a.entropies),
    };
  });
}
