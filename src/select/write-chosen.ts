// Pass two, shared by select and mine: the chosen pool entries' rows, read back one at a time
// and written in the given order as output records, atomically (a failure leaves no file). Lines
// go through the one row writer (JSONL or Parquet, src/io/row-writer.ts), which batches stream writes.
import { dirname, relative, resolve } from "node:path";
import { writeAllOrNothing, type OutputGroup } from "../io/atomic.ts";
import { AtomicRowWriter } from "../io/row-writer.ts";
import type { OutputFormat } from "../io/output-format.ts";
import { chosenRowSchema } from "./chosen-row-schema.ts";
import { nullProgress, type Progress } from "../io/progress.ts";
import { outputRecord } from "./output-record.ts";
import type { CandidatePool } from "./pool.ts";
import type { PoolFields } from "./row-facts.ts";
import { openRowReader } from "./row-reader.ts";

export interface ChosenOutput {
  out: string;
  /** select or mine: the row schema's name. */
  command: "select" | "mine";
  format?: OutputFormat;
}

export async function writeChosen(input: string, pool: CandidatePool, chosen: ArrayLike<number>, fields: PoolFields, o: ChosenOutput, bar: Progress = nullProgress, group?: OutputGroup): Promise<void> {
  const writer = new AtomicRowWriter(o.out, { schema: chosenRowSchema(o.command), format: o.format, group });
  const reader = await openRowReader(input, pool, chosen);
  try {
    await writeAllOrNothing(writer, async () => {
      for (let k = 0; k < chosen.length; k++) {
        const i = chosen[k];
        await writer.write(outputRecord(reader.row(i), pool.item[i], fields));
        bar.tick();
      }
    });
  } finally {
    reader.close();
    bar.finish();
  }
}

/**
 * The summary as written: the input's path relative to the summary's folder, so that the same
 * run in another directory writes the same bytes.
 */
export function portableSummary<T extends { file: string }>(summary: T, statsPath: string): T {
  return { ...summary, file: relative(dirname(resolve(statsPath)), resolve(summary.file)) };
}

/** A path beside `out` with another ending: sel.jsonl → sel.stats.json. */
export const besideOut = (out: string, ext: string) => out.replace(/\.(jsonl|parquet)$/i, "") + ext;
