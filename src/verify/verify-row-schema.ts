// The row schema of `oxa verify`'s output: the input row, then the verdicts. They are json columns:
// a value for a one-response row and a list for a list row, one declared type whatever the input's shape.
import { col, type RowSchema } from "../io/row-schema.ts";

export const VERIFY_ROW_SCHEMA: RowSchema = {
  name: "verify",
  columns: ["correct", "predicted", "reason"].map((k) => col(k, "json", true)),
  rest: true,
  restFirst: true,
};
