// `oxa convert`: rows from any readable container to JSONL or Parquet, with a command's declared row
// schema (--schema) or the input's own / an inferred one.
import { defineCommand } from "../../command/command.ts";
import { convertConfig } from "../../io/convert-config.ts";
import { convertRows, type ConvertResult } from "../../io/convert-rows.ts";
import { UsageError } from "../../io/errors.ts";
import type { RowSchema } from "../../io/row-schema.ts";
import { chosenRowSchema } from "../../select/index.ts";
import { trainingRowSchema } from "../../mix/index.ts";
import { exploreRowSchema, pairRowSchema, rftRowSchema } from "../../explore/index.ts";
import { VERIFY_ROW_SCHEMA } from "../../verify/index.ts";
import { SCORE_FIELDS, scoreRowSchema } from "../../score/index.ts";
import { detailsRowSchema } from "../../eval/index.ts";

/** The commands whose main output has a declared row schema. */
const SCHEMAS: Record<string, RowSchema> = {
  select: chosenRowSchema("select"),
  mine: chosenRowSchema("mine"),
  mix: trainingRowSchema,
  rft: rftRowSchema,
  pairs: pairRowSchema,
  explore: exploreRowSchema,
  verify: VERIFY_ROW_SCHEMA,
  score: scoreRowSchema(SCORE_FIELDS),
  details: detailsRowSchema,
};

export const convertCommand = defineCommand({
  name: "convert",
  summary: "convert rows between JSONL, JSON, Parquet and `datasets` folders (to JSONL or Parquet)",
  description: `Reads any container oxa reads (JSONL, JSON arrays, columnar JSON, Parquet, .gz/.zst, a datasets
save_to_disk folder) and writes JSONL or Parquet (--format, else by the out file's extension). The columns are
those of --schema <command> (${Object.keys(SCHEMAS).join(", ")}), else the schema an oxa Parquet file carries,
else inferred from the rows. A Parquet file oxa wrote converts back to the same JSONL bytes (docs/interop.md).`,
  examples: ["oxa convert selected.jsonl selected.parquet --schema select", "oxa convert selected.parquet selected.jsonl", "oxa convert teacher.json.zst teacher.parquet"],
  positionals: ["input", "out"],
  schema: convertConfig,
  files: (c) => ({ inputs: [{ option: "--input", path: c.input }], outputs: [{ option: "--out", path: c.out }] }),
  run(c, ctx) {
    const schema = c.schema === undefined ? undefined : SCHEMAS[c.schema];
    if (c.schema !== undefined && !schema) throw new UsageError(`--schema ${c.schema}: one of ${Object.keys(SCHEMAS).join(", ")}`);
    return convertRows({ input: c.input, out: c.out, format: c.format, schema, progress: ctx.progress });
  },
  format: (r: ConvertResult) => `converted ${r.rows} rows to ${r.format} (${r.schema} schema): ${r.out}\n`,
});
