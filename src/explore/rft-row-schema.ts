// The row schema of `oxa rft` (the rows `oxa train` reads): {id, prompt, response, loss_type: 0,
// problem_id, gold}. gold is a json column: a problem's answer is a string or a number by source.
import { col, type RowSchema } from "../io/row-schema.ts";

export const rftRowSchema: RowSchema = {
  name: "rft",
  columns: [col("id", "string"), col("prompt", "string"), col("response", "string"), col("loss_type", "int"), col("problem_id", "string"), col("gold", "json", true)],
  rest: false,
};
