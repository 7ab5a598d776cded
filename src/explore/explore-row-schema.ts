// The row schema of `oxa explore`'s output (one explored wrong rationale per row). explored (per step:
// its completions and their verdicts) is nested to a depth no reader indexes into by column, so it is a
// json column; the rest are Parquet scalars and a list of strings.
import { col, type RowSchema } from "../io/row-schema.ts";

export const exploreRowSchema: RowSchema = {
  name: "explore",
  columns: [
    col("id", "string"),
    col("problem_id", "string"),
    col("prompt", "string"),
    col("gold", "string"),
    col("rationale", "string"),
    col("style", "string"),
    col("steps", "strings"),
    col("pit", "int", true),
    col("explored", "json"),
  ],
  rest: false,
};
