// Reading the inputs of `oxa pairs`: explore's rows and the RFT set, each row checked through a
// minimal schema (only the fields used; others pass) with file, line and field in the error.
import { z } from "zod";
import { InputError } from "../io/errors.ts";
import { readRecords } from "../io/records.ts";

const completion = z.object({ text: z.string(), correct: z.boolean(), finish_reason: z.enum(["stop", "length"]) });

export const exploredRow = z.object({
  id: z.string(),
  problem_id: z.string(),
  prompt: z.string(),
  rationale: z.string(),
  steps: z.array(z.string().min(1)).min(1),
  pit: z.number().int().min(1).nullable(),
  explored: z.array(z.object({ step: z.number().int().min(1), completions: z.array(completion) })),
});
export type ExploredRow = z.output<typeof exploredRow>;

export const rftRow = z.object({ id: z.string(), problem_id: z.string(), prompt: z.string(), response: z.string() });
export type RftRow = z.output<typeof rftRow>;

export async function readChecked<S extends z.ZodType>(path: string, schema: S, check?: (row: z.output<S>) => string | null): Promise<z.output<S>[]> {
  const out: z.output<S>[] = [];
  const ids = new Set<string>();
  for await (const src of readRecords(path)) {
    const r = schema.safeParse(src.row);
    if (!r.success) {
      const iss = r.error.issues[0];
      throw new InputError(iss.message, { file: src.file, line: src.line, field: iss.path.join(".") || undefined });
    }
    const row = r.data as z.output<S> & { id: string };
    if (ids.has(row.id)) throw new InputError(`duplicate id "${row.id}"`, { file: src.file, line: src.line, field: "id" });
    ids.add(row.id);
    const bad = check?.(row);
    if (bad) throw new InputError(bad, { file: src.file, line: src.line, field: bad.startsWith("pit") ? "pit" : "steps" });
    out.push(row);
  }
  return out;
}

/** An explored row must be whole: its steps join to its rationale, and its pit is explored and within the steps. */
export function checkExplored(r: ExploredRow): string | null {
  if (r.steps.join("") !== r.rationale) return "steps do not join to the rationale";
  if (r.pit !== null && (r.pit > r.steps.length || !r.explored.some((e) => e.step === r.pit))) return `pit ${r.pit} is not an explored step of ${r.steps.length}`;
  return null;
}
