// `oxa convert`: rows from any container the one reader takes, written by the one row writer. The
// schema is the one asked for, else the one an oxa Parquet file carries, else inferred from the rows
// (a first pass), so a converted file has the same columns whichever rows it holds.
import { formatOf, readRecords } from "./records.ts";
import { writeAllOrNothing } from "./atomic.ts";
import { AtomicRowWriter } from "./row-writer.ts";
import { inferRowSchema } from "./infer-row-schema.ts";
import { openParquet } from "./parquet-rows.ts";
import type { RowSchema } from "./row-schema.ts";
import type { OutputFormat } from "./output-format.ts";
import type { StartProgress } from "./progress.ts";
import { nullProgress } from "./progress.ts";

export interface ConvertRun {
  input: string;
  out: string;
  format?: OutputFormat;
  /** The declared schema; default: the input's own (an oxa Parquet file), else inferred. */
  schema?: RowSchema;
  progress?: StartProgress;
}

export interface ConvertResult {
  out: string;
  format: OutputFormat;
  rows: number;
  schema: string;
}

async function carriedSchema(path: string): Promise<RowSchema | null> {
  if (formatOf(path) !== "parquet") return null;
  return (await openParquet(path)).schema;
}

export async function convertRows(o: ConvertRun): Promise<ConvertResult> {
  const schema = o.schema ?? (await carriedSchema(o.input)) ?? (await inferRowSchema("inferred", readRecords(o.input)));
  const bar = (o.progress ?? (() => nullProgress))(`converting ${o.input}`);
  const w = new AtomicRowWriter(o.out, { schema, format: o.format });
  try {
    await writeAllOrNothing(w, async () => {
      for await (const r of readRecords(o.input)) {
        await w.write(r.row);
        bar.tick();
      }
    });
  } finally {
    bar.finish();
  }
  return { out: o.out, format: w.format, rows: w.count, schema: schema.name };
}
