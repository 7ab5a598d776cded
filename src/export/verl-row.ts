// One row of verl's RL parquet (verl.utils.dataset.rl_dataset.RLHFDataset reads these columns):
//   data_source   where the row came from; verl picks a reward function by it (never empty)
//   prompt        chat messages [{role, content}] — the query plus the suffix `mix` uses
//   ability       the task family ("math")
//   reward_model  {style: "rule", ground_truth}: the gold answer the reward function checks against
//   extra_info    {index, split, source_id}: the row's place in its split and the input row's own id
import { InputError } from "../io/errors.ts";
import { field, type SourceRow } from "../io/records.ts";
import { valueAt } from "../io/field-path.ts";
import { buildPrompt } from "../mix/index.ts";

export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

export interface VerlRow {
  data_source: string;
  prompt: ChatMessage[];
  ability: string;
  reward_model: { style: "rule"; ground_truth: string };
  extra_info: { index: number; split: "train" | "test"; source_id: string | null };
}

export interface VerlRowFields {
  query: string;
  gold: string;
  /** The input row's id field (kept as extra_info.source_id when present). */
  id: string;
}

/** A row read from the input, before its split is known. */
export type VerlItem = Omit<VerlRow, "extra_info"> & { sourceId: string | null };

export interface VerlRowOptions {
  fields: VerlRowFields;
  dataSource: string;
  ability: string;
  suffix: string;
  systemPrompt: string | null;
}

function goldOf(src: SourceRow, name: string): string {
  const v = valueAt(src.row, name);
  // numeric gold answers are common in JSON datasets; verl's ground_truth is a string
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  const s = field(src, name, "string");
  if (s.trim() === "") throw new InputError("empty gold answer", { file: src.file, line: src.line, field: name });
  return s;
}

export function verlItem(src: SourceRow, o: VerlRowOptions): VerlItem {
  const query = field(src, o.fields.query, "string");
  if (query.trim() === "") throw new InputError("empty query", { file: src.file, line: src.line, field: o.fields.query });
  const ground_truth = goldOf(src, o.fields.gold);
  const id = valueAt(src.row, o.fields.id);
  const prompt: ChatMessage[] = [];
  if (o.systemPrompt !== null) prompt.push({ role: "system", content: o.systemPrompt });
  prompt.push({ role: "user", content: buildPrompt(query, o.suffix) });
  return {
    data_source: o.dataSource,
    prompt,
    ability: o.ability,
    reward_model: { style: "rule", ground_truth },
    sourceId: id === undefined || id === null ? null : String(id),
  };
}

export function verlRow(item: VerlItem, index: number, split: "train" | "test"): VerlRow {
  const { sourceId, ...rest } = item;
  return { ...rest, extra_info: { index, split, source_id: sourceId } };
}
