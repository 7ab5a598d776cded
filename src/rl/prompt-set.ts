// The RL prompt set: (id, prompt, gold) from our own rows or from verl's RL parquet shape.
//   ours:  {id?, <prompt field>: string, <gold field>: string|number}; the prompt field defaults to
//          the first of query / problem / question / prompt present, the gold field to gold / answer;
//          the reasoning suffix mix uses is appended (--prompt-suffix reasoning), so RL sees the
//          prompts SFT trained on
//   verl:  {prompt: [{role, content}...], reward_model: {ground_truth}, extra_info?: {index}}: the
//          last user message is the prompt as it is (verl's rows already carry their instruction)
// Ids are the row's `id` when it has one, else "row-<n>"; they must be unique.
import { readRecords, type SourceRow } from "../io/records.ts";
import { InputError } from "../io/errors.ts";
import { buildPrompt } from "../mix/index.ts";

export interface RlPrompt {
  id: string;
  prompt: string;
  gold: string;
}

export interface PromptFields {
  promptField?: string;
  goldField?: string;
  promptSuffix: "reasoning" | "none";
}

const PROMPT_FIELDS = ["query", "problem", "question", "prompt"];
const GOLD_FIELDS = ["gold", "answer"];

function pick(src: SourceRow, given: string | undefined, candidates: readonly string[], what: string): [string, unknown] {
  const names = given ? [given] : candidates;
  const name = names.find((n) => src.row[n] !== undefined && src.row[n] !== null);
  if (!name) throw new InputError(`no ${what} field (looked for ${names.join(", ")})`, { file: src.file, line: src.line });
  return [name, src.row[name]];
}

function fromVerl(src: SourceRow): { prompt: string; gold: unknown } | null {
  const rm = src.row.reward_model as Record<string, unknown> | undefined;
  if (!Array.isArray(src.row.prompt) || typeof rm !== "object" || rm === null) return null;
  const user = [...(src.row.prompt as { role?: unknown; content?: unknown }[])].reverse().find((m) => m?.role === "user");
  if (typeof user?.content !== "string") throw new InputError("verl row without a user message with string content", { file: src.file, line: src.line, field: "prompt" });
  return { prompt: user.content, gold: rm.ground_truth };
}

function row(src: SourceRow, f: PromptFields): RlPrompt {
  const verl = fromVerl(src);
  let prompt: string;
  let gold: unknown;
  let goldName = "reward_model.ground_truth";
  if (verl) {
    ({ prompt, gold } = verl);
  } else {
    const [pName, p] = pick(src, f.promptField, PROMPT_FIELDS, "prompt");
    if (typeof p !== "string") throw new InputError("expected a string", { file: src.file, line: src.line, field: pName });
    prompt = f.promptSuffix === "reasoning" ? buildPrompt(p) : p;
    [goldName, gold] = pick(src, f.goldField, GOLD_FIELDS, "gold answer");
  }
  if (typeof gold !== "string" && typeof gold !== "number") throw new InputError("expected a string or number gold answer", { file: src.file, line: src.line, field: goldName });
  const id = src.row.id;
  if (id !== undefined && typeof id !== "string" && typeof id !== "number") throw new InputError("expected a string or number", { file: src.file, line: src.line, field: "id" });
  return { id: id === undefined ? `row-${src.line}` : String(id), prompt, gold: String(gold) };
}

export async function readPromptSet(path: string, f: PromptFields): Promise<RlPrompt[]> {
  const out: RlPrompt[] = [];
  const seen = new Map<string, number>();
  for await (const src of readRecords(path)) {
    const p = row(src, f);
    const first = seen.get(p.id);
    if (first !== undefined) throw new InputError(`duplicate id ${JSON.stringify(p.id)} (first on line ${first})`, { file: src.file, line: src.line, field: "id" });
    seen.set(p.id, src.line);
    out.push(p);
  }
  if (out.length === 0) throw new InputError("no prompts", { file: path });
  return out;
}
