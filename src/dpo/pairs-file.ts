// The pairs file (agreed with `oxa pairs`): read, checked line by line and copied into the run
// directory, so the schedule and a later --resume refer to exactly these bytes. Extra fields are
// accepted and ignored; an error names the file, the line and the field.
import { createHash } from "node:crypto";
import { z } from "zod";
import { AtomicTextWriter } from "../io/atomic.ts";
import { InputError } from "../io/errors.ts";
import type { Progress } from "../io/progress.ts";
import { readRecords } from "../io/records.ts";

export const pairRecord = z.object({
  id: z.string().min(1),
  problem_id: z.string().optional(),
  kind: z.enum(["step", "outcome"]).optional(),
  prompt: z.string(),
  prefix: z.string(),
  chosen: z.string().min(1, "empty (a pair needs text on both sides)"),
  rejected: z.string().min(1, "empty (a pair needs text on both sides)"),
  rejected_eos: z.boolean(),
  pit_step: z.number().int().min(1).optional(),
});
export type PairRecord = z.output<typeof pairRecord>;

export interface PairsCopy {
  pairs: number;
  sha256: string;
  kinds: { step: number; outcome: number; other: number };
}

/** Checks every pair of `src` and writes them, one compact line each, to `dest` (atomically). */
export async function copyPairs(src: string, dest: string, bar: Progress): Promise<PairsCopy> {
  const seen = new Map<string, number>();
  const hash = createHash("sha256");
  const kinds = { step: 0, outcome: 0, other: 0 };
  const out = new AtomicTextWriter(dest);
  try {
    for await (const s of readRecords(src)) {
      const r = pairRecord.safeParse(s.row);
      if (!r.success) {
        const iss = r.error.issues[0];
        throw new InputError(iss.message, { file: src, line: s.line, field: iss.path.join(".") || undefined });
      }
      const first = seen.get(r.data.id);
      if (first !== undefined) throw new InputError(`duplicate id ${JSON.stringify(r.data.id)} (first on line ${first})`, { file: src, line: s.line, field: "id" });
      seen.set(r.data.id, s.line);
      kinds[r.data.kind ?? "other"]++;
      const line = JSON.stringify(s.row) + "\n";
      hash.update(line);
      await out.write(line);
      bar.tick();
    }
    if (seen.size === 0) throw new InputError("no pairs", { file: src });
    await out.close();
  } catch (e) {
    await out.abort();
    throw e;
  }
  return { pairs: seen.size, sha256: hash.digest("hex"), kinds };
}
