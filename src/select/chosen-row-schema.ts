// The row schema of `oxa select` and `oxa mine` outputs: {query, response, ppl, len, ...the row's
// other fields} (output-record.ts). len is a double, not an int: the length field is whatever the
// input holds (token counts from oxa score, character counts from elsewhere), and a double holds both.
import { col, type RowSchema } from "../io/row-schema.ts";

export const chosenRowSchema = (name: "select" | "mine"): RowSchema => ({
  name,
  columns: [col("query", "string"), col("response", "string"), col("ppl", "double"), col("len", "double")],
  rest: true,
});
