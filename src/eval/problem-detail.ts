// One line of details.jsonl: how a model did on one problem, sample by sample. Summaries,
// Pass@k curves and difficulty buckets are all computed from these records alone, so a details
// file from an earlier run (or written by hand) can be re-summarised or used as a bucket base.
import { z } from "zod";
import { readRecords } from "../io/records.ts";
import { InputError } from "../io/errors.ts";

export const problemDetail = z
  .object({
    id: z.string().min(1),
    /** Samples drawn for this problem. */
    n: z.number().int().min(1),
    /** How many of them the verifier accepted. */
    correct: z.number().int().min(0),
    /** Per sample, in sample order: 1 = correct. Optional in hand-made files. */
    verdicts: z.array(z.union([z.literal(0), z.literal(1)])).optional(),
    /** Generated tokens per sample, in sample order. */
    lengths: z.array(z.number().int().min(0)).default([]),
    /** The engine's mean token entropy of each sample (null where it has no tokens). */
    entropies: z.array(z.number().nullable()).default([]),
    /** Samples cut off by the token limit. */
    truncated: z.number().int().min(0).default(0),
    /** Token-weighted mean entropy of this problem's samples (see summarize.ts). */
    entropy: z.number().nullable().default(null),
  })
  .refine((d) => d.correct <= d.n, { message: "correct exceeds n", path: ["correct"] })
  .refine((d) => d.verdicts === undefined || (d.verdicts.length === d.n && d.verdicts.reduce<number>((a, v) => a + v, 0) === d.correct), {
    message: "verdicts must hold n entries summing to correct",
    path: ["verdicts"],
  })
  .refine((d) => d.lengths.length === 0 || d.lengths.length === d.n, { message: "lengths must hold n entries (or none)", path: ["lengths"] });

export type ProblemDetail = z.infer<typeof problemDetail>;

/** Reads a details.jsonl file, naming file, line and field for a bad record or a repeated id. */
export async function readDetails(path: string): Promise<ProblemDetail[]> {
  const out: ProblemDetail[] = [];
  const seen = new Set<string>();
  for await (const src of readRecords(path)) {
    const r = problemDetail.safeParse(src.row);
    if (!r.success) {
      const iss = r.error.issues[0];
      throw new InputError(iss.message, { file: src.file, line: src.line, field: iss.path.join(".") || undefined });
    }
    if (seen.has(r.data.id)) throw new InputError(`problem id "${r.data.id}" appears twice`, { file: src.file, line: src.line, field: "id" });
    seen.add(r.data.id);
    out.push(r.data);
  }
  if (out.length === 0) throw new InputError("no problems in details file", { file: path });
  return out;
}
