// schedule.json: the batch schedule src/train composes and the engine's train job follows — which
// records (0-based lines of records.jsonl) go in which global batch, in order. Written by
// TypeScript through this schema; the engine validates it against the JSON Schema generated from
// it (engine/oxa_engine/job_schema.json, "files") before training starts, then checks what only it
// can see (row indices within the records file, UL count per batch from the records' loss types).
import { z } from "zod";

export const scheduleFile = z.object({
  version: z.literal(1),
  records: z.string().min(1).describe("records.jsonl, relative to the schedule's directory or absolute"),
  n_records: z.number().int().min(0).describe("lines in the records file when the schedule was composed"),
  records_sha256: z.string().regex(/^[0-9a-f]{64}$/).describe("sha256 of the records when the schedule was composed: a resume on changed data is refused"),
  global_batch: z.number().int().min(1),
  ul_per_batch: z.number().int().min(0),
  epochs: z.number().int().min(1),
  seed: z.number().int(),
  wrap: z.boolean(),
  mode: z.string().describe("the training mode the schedule was composed for (for people; the engine does not read it)"),
  cutoff: z.number().int().min(1).describe("sequences longer than this were dropped before composing"),
  dropped: z.object({ ce: z.number().int().min(0), ul: z.number().int().min(0) }),
  batches: z
    .array(z.object({ epoch: z.number().int().min(0), rows: z.array(z.number().int().min(0)).min(1) }))
    .min(1)
    .describe("global batches in training order"),
});

export type ScheduleFile = z.output<typeof scheduleFile>;
