// One training record of the mixed set, and its two export shapes:
//   native   {id, prompt, response, loss_type, query, source_id (the row's own id, if any), …the row's other fields}
//   alpaca   {instruction, input, output, history, loss_type} (LLaMA-Factory's alpaca columns)
//   messages {id, messages: [{role: "user"}, {role: "assistant"}], loss_type}
// loss_type 0 is cross-entropy (promote), 1 is unlikelihood (suppress).
import { InputError } from "../io/errors.ts";
import { field, type SourceRow } from "../io/records.ts";
import { buildPrompt } from "./reasoning-suffix.ts";

export type LossType = 0 | 1;

export interface TrainingRecord {
  id: string;
  prompt: string;
  response: string;
  loss_type: LossType;
  query: string;
  [extra: string]: unknown;
}

export interface RecordFields {
  query: string;
  response: string;
}

const RESERVED = new Set(["id", "prompt", "response", "loss_type", "query"]);

export function trainingRecord(src: SourceRow, lossType: LossType, id: string, fields: RecordFields, suffix: string): TrainingRecord {
  const query = field(src, fields.query, "string");
  const response = field(src, fields.response, "string");
  if (response.length === 0) throw new InputError("empty response (nothing to train on)", { file: src.file, line: src.line, field: fields.response });
  const rec: TrainingRecord = { id, prompt: buildPrompt(query, suffix), response, loss_type: lossType, query };
  for (const [k, v] of Object.entries(src.row)) if (k !== fields.query && k !== fields.response && !RESERVED.has(k)) rec[k] = v;
  // the record's id is ours (ce-N / ul-N, unique across files); the row's own id is kept beside it
  if (src.row.id !== undefined && src.row.id !== null && src.row.source_id === undefined) rec.source_id = src.row.id;
  return rec;
}

export function toAlpaca(r: TrainingRecord, system?: string): { instruction: string; input: string; output: string; history: [string, string][]; system?: string; loss_type: LossType } {
  return { instruction: r.prompt, input: "", output: r.response, history: [], ...(system !== undefined ? { system } : {}), loss_type: r.loss_type };
}

export function toMessages(r: TrainingRecord, system?: string): { id: string; messages: { role: "system" | "user" | "assistant"; content: string }[]; loss_type: LossType } {
  return {
    id: r.id,
    messages: [
      ...(system !== undefined ? [{ role: "system" as const, content: system }] : []),
      { role: "user", content: r.prompt },
      { role: "assistant", content: r.response },
    ],
    loss_type: r.loss_type,
  };
}
