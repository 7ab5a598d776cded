// Pass two, shared by select and mine: the chosen pool entries' rows, read back one at a time
// and written in the given order as output records, atomically (a failure leaves no file). Lines
// go to the stream in batches of about 1 MiB: one stream write per row cost ~0.3 s of CPU for
// 50,000 rows (profile of `oxa select` on the 2M-row bench file), a batch a small fraction of that.
import { dirname, relative, resolve } from "node:path";
import { AtomicTextWriter, type OutputGroup } from "../io/atomic.ts";
import { nullProgress, type Progress } from "../io/progress.ts";
import { outputRecord } from "./output-record.ts";
import type { CandidatePool } from "./pool.ts";
import type { PoolFields } from "./row-facts.ts";
import { openRowReader } from "./row-reader.ts";

export async function writeChosen(input: string, pool: CandidatePool, chosen: ArrayLike<number>, fields: PoolFields, out: string, bar: Progress = nullProgress, group?: OutputGroup): Promise<void> {
  const writer = new AtomicTextWriter(out, group);
  const reader = await openRowReader(input, pool, chosen);
  try {
    let batch = "";
    for (let k = 0; k < chosen.length; k++) {
      const i = chosen[k];
      batch += JSON.stringify(outputRecord(reader.row(i), pool.item[i], fields)) + "\n";
      if (batch.length >= BATCH_CHARS) {
        await writer.write(batch);
        batch = "";
      }
      bar.tick();
    }
    if (batch) await writer.write(batch);
    await writer.close();
  } catch (e) {
    await writer.abort();
    throw e;
  } finally {
    reader.close();
    bar.finish();
  }
}

/** Characters of output lines gathered before one stream write. */
const BATCH_CHARS = 1 << 20;

/**
 * The summary as written: the input's path relative to the summary's folder, so that the same
 * run in another directory writes the same bytes.
 */
export function portableSummary<T extends { file: string }>(summary: T, statsPath: string): T {
  return { ...summary, file: relative(dirname(resolve(statsPath)), resolve(summary.file)) };
}

/** A path beside `out` with another ending: sel.jsonl → sel.stats.json. */
export const besideOut = (out: string, ext: string) => out.replace(/\.jsonl$/i, "") + ext;
