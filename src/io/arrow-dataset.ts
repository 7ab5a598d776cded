// A Hugging Face `datasets` directory written by `save_to_disk`: state.json names the Arrow IPC
// stream files (data-00000-of-0000N.arrow) holding the rows. Read batch by batch (apache-arrow),
// so memory follows a record batch, not the dataset. A DatasetDict directory (dataset_dict.json)
// holds one such directory per split: name the split's folder.
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RecordBatchReader, Vector } from "apache-arrow";
import { InputError } from "./errors.ts";
import { plainNumbers } from "./plain-numbers.ts";
import type { Row } from "./records.ts";

/** True when `dir` is a `save_to_disk` directory (of one dataset or of a DatasetDict). */
export const isDatasetDir = (dir: string) => existsSync(join(dir, "state.json")) || existsSync(join(dir, "dataset_dict.json"));

export async function* datasetRows(dir: string): AsyncGenerator<{ row: Row; line: number }> {
  if (existsSync(join(dir, "dataset_dict.json"))) {
    const splits = (JSON.parse(readFileSync(join(dir, "dataset_dict.json"), "utf8")) as { splits?: string[] }).splits ?? [];
    throw new InputError(`a DatasetDict: name one split's folder (${splits.map((s) => join(dir, s)).join(", ")})`, { file: dir });
  }
  let files: string[];
  try {
    const state = JSON.parse(readFileSync(join(dir, "state.json"), "utf8")) as { _data_files: { filename: string }[] };
    files = state._data_files.map((f) => join(dir, f.filename));
  } catch (e) {
    throw new InputError(`state.json does not list the data files (${(e as Error).message})`, { file: join(dir, "state.json") });
  }
  let line = 0;
  for (const file of files) {
    let reader;
    try {
      reader = await RecordBatchReader.from(createReadStream(file));
      await reader.open();
    } catch (e) {
      throw new InputError(`not a readable Arrow stream (${(e as Error).message})`, { file });
    }
    try {
      for await (const batch of reader) {
        for (let i = 0; i < batch.numRows; i++) {
          line++;
          yield { row: plainNumbers(plain(batch.get(i)), dir, line) as Row, line };
        }
      }
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`not a readable Arrow stream after row ${line} (${(e as Error).message}); is it truncated?`, { file });
    }
  }
}

/** Arrow values as plain JSON-like values: lists as arrays, structs as objects. */
function plain(v: unknown): unknown {
  if (v instanceof Vector) return Array.from(v, plain);
  if (v !== null && typeof v === "object" && !(v instanceof Uint8Array) && !(v instanceof Date)) {
    const o = typeof (v as { toJSON?: unknown }).toJSON === "function" ? (v as { toJSON(): Record<string, unknown> }).toJSON() : (v as Record<string, unknown>);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}
