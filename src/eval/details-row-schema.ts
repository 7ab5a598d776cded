// The row schema of eval's per-problem details (problem-detail.ts), so `--format parquet` writes
// <label>/<bench>/details.parquet with the same columns on every run and it reads back as the JSONL
// would (docs/interop.md). verdicts is nullable: a hand-made details file may leave it out.
import { col, type RowSchema } from "../io/row-schema.ts";

export const detailsRowSchema: RowSchema = {
  name: "details",
  columns: [
    col("id", "string"),
    col("n", "int"),
    col("correct", "int"),
    col("verdicts", "ints", true),
    col("lengths", "ints"),
    // null where a sample has no tokens
    col("entropies", "doubles"),
    col("truncated", "int"),
    col("entropy", "double", true),
  ],
  rest: false,
};
