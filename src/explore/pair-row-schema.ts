// The row schema of `oxa pairs`' pairs file (build-pairs.ts Pair). pit_step (step pairs only) stays
// among the other fields so the JSONL keeps its shape: outcome pairs have no pit_step key.
import { col, type RowSchema } from "../io/row-schema.ts";

export const pairRowSchema: RowSchema = {
  name: "pairs",
  columns: ["id", "problem_id", "kind", "prompt", "prefix", "chosen", "rejected"].map((n) => col(n, "string")).concat(col("rejected_eos", "bool")),
  rest: true,
};
