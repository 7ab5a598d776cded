// The row schema of `oxa mix --out` (training-record.ts): {id, prompt, response, loss_type, query, ...};
// the other fields (the source row's own) vary by source, so they stay as the row's other fields.
import { col, type RowSchema } from "../io/row-schema.ts";

export const trainingRowSchema: RowSchema = {
  name: "mix",
  columns: [col("id", "string"), col("prompt", "string"), col("response", "string"), col("loss_type", "int"), col("query", "string")],
  rest: true,
};
