// The mixed training file, checked and normalised into the run directory: one
// {id, prompt, response, loss_type} per line (the file the engine reads by row number). Streams in
// bounded memory apart from the set of ids, which must be unique.
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { AtomicJsonlWriter } from "../io/atomic.ts";
import { InputError } from "../io/errors.ts";
import { field, readRecords } from "../io/records.ts";
import type { Progress } from "../io/progress.ts";

export interface TrainingSetSummary {
  records: number;
  /** Row numbers (0-based, in the normalised file) of each loss type. */
  ce: number[];
  ul: number[];
  /** sha256 of the normalised records: a resumed run must train on the same data. */
  sha256: string;
}

/** Reads `input` (.jsonl, .json or .parquet) and writes the normalised rows to `out`. */
export async function writeTrainingSet(input: string, out: string, progress: Progress): Promise<TrainingSetSummary> {
  const writer = new AtomicJsonlWriter(out);
  const seen = new Set<string>();
  const ce: number[] = [];
  const ul: number[] = [];
  const hash = createHash("sha256");
  try {
    for await (const src of readRecords(input)) {
      const where = { file: src.file, line: src.line };
      const rawId = src.row.id;
      if (typeof rawId !== "string" && typeof rawId !== "number") throw new InputError("expected a string id", { ...where, field: "id" });
      const id = String(rawId);
      if (seen.has(id)) throw new InputError(`duplicate id "${id}"`, { ...where, field: "id" });
      seen.add(id);
      const prompt = field(src, "prompt", "string");
      const response = field(src, "response", "string");
      if (response.length === 0) throw new InputError("empty response", { ...where, field: "response" });
      const lossType = src.row.loss_type;
      if (lossType !== 0 && lossType !== 1) throw new InputError("expected 0 (CE) or 1 (UL)", { ...where, field: "loss_type" });
      (lossType === 1 ? ul : ce).push(writer.count);
      const record = { id, prompt, response, loss_type: lossType };
      hash.update(JSON.stringify(record) + "\n");
      await writer.write(record);
      progress.tick();
    }
    await writer.close();
  } catch (e) {
    // close (not abort) so no write is pending when the stream ends, then remove the file
    await writer.close();
    rmSync(out, { force: true });
    throw e;
  }
  return { records: writer.count, ce, ul, sha256: hash.digest("hex") };
}
