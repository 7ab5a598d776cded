// Reads one input row in either shape — one response per row ({prompt, response}) or a query with
// a list of responses ({query, responses: [...]}) — naming file, line and field on any problem.
import { InputError } from "../io/errors.ts";
import { field, type SourceRow } from "../io/records.ts";
import { valueAt } from "../io/field-path.ts";

export interface ScoreFields {
  /** One-response rows: the prompt and the response. */
  prompt: string;
  response: string;
  /** List rows: the query and the list of responses. */
  query: string;
  responses: string;
}

/** auto: a row whose `responses` field holds a list is a list row, any other a one-response row. */
export type Shape = "auto" | "row" | "list";

export interface ScoreRow {
  /** null with --no-prompt (the response is scored alone). */
  prompt: string | null;
  responses: string[];
  list: boolean;
}

export function parseScoreRow(src: SourceRow, fields: ScoreFields, shape: Shape, noPrompt: boolean): ScoreRow {
  const list = shape === "list" || (shape === "auto" && Array.isArray(valueAt(src.row, fields.responses)));
  const prompt = noPrompt ? null : field(src, list ? fields.query : fields.prompt, "string");
  if (!list) return { prompt, responses: [nonEmpty(src, fields.response, field(src, fields.response, "string"))], list };
  const responses = field(src, fields.responses, "array").map((r, i) => {
    const name = `${fields.responses}[${i}]`;
    if (typeof r !== "string") throw new InputError(`expected a string, got ${r === null ? "null" : typeof r}`, { file: src.file, line: src.line, field: name });
    return nonEmpty(src, name, r);
  });
  return { prompt, responses, list };
}

function nonEmpty(src: SourceRow, name: string, text: string): string {
  if (text.length === 0) throw new InputError("empty response: there is nothing to score", { file: src.file, line: src.line, field: name });
  return text;
}
