// The request bodies the reward server accepts, read into one list of items; a malformed body is a
// RequestError naming the field (answered 400). Three shapes:
//   one item     {solution_str | response, ground_truth, data_source?}           -> {score, verdict, reason, predicted}
//   a batch      {items: [one item, ...]}                                         -> {results: [...]}
//   OpenRLHF     {query: [full text], prompts: [prompt], labels: [gold]}          -> {rewards, scores, extra_logs}
//                (OpenRLHF's remote reward-model client posts exactly these three lists to --remote_rm_url)

export interface RewardItem {
  response: string;
  gold: string;
  /** Set when the response could not be cut out of its text (OpenRLHF): it scores 0 with this reason. */
  invalid?: string;
}

export type ScoreRequest = { shape: "one" | "batch" | "openrlhf"; items: RewardItem[] };

export class RequestError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly status = 400,
  ) {
    super(`field "${field}": ${message}`);
    this.name = "RequestError";
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function text(o: Record<string, unknown>, name: string, where: string): string {
  const v = o[name];
  if (v === undefined || v === null) throw new RequestError(where + name, "missing");
  if (typeof v !== "string") throw new RequestError(where + name, `expected a string, got ${Array.isArray(v) ? "array" : typeof v}`);
  return v;
}

function gold(o: Record<string, unknown>, name: string, where: string): string {
  const v = o[name];
  // numeric gold answers arrive from JSON datasets; the verifier reads them as text
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return text(o, name, where);
}

function oneItem(o: Record<string, unknown>, where: string): RewardItem {
  const key = o.solution_str !== undefined ? "solution_str" : o.response !== undefined ? "response" : null;
  if (key === null) throw new RequestError(`${where}solution_str`, "missing (give solution_str or response)");
  if (o.data_source !== undefined && o.data_source !== null && typeof o.data_source !== "string") throw new RequestError(`${where}data_source`, "expected a string");
  return { response: text(o, key, where), gold: gold(o, "ground_truth", where) };
}

function list(o: Record<string, unknown>, name: string): unknown[] {
  const v = o[name];
  if (!Array.isArray(v)) throw new RequestError(name, v === undefined ? "missing" : "expected a list");
  return v;
}

/** The response inside OpenRLHF's full text: what follows its prompt. */
function afterPrompt(query: string, prompt: string): string | undefined {
  if (query.startsWith(prompt)) return query.slice(prompt.length);
  const at = query.indexOf(prompt);
  return at >= 0 ? query.slice(at + prompt.length) : undefined;
}

export function readScoreRequest(body: unknown, maxBatch: number): ScoreRequest {
  if (!isObject(body)) throw new RequestError("(body)", "expected a JSON object");
  if (body.items !== undefined) {
    const items = list(body, "items");
    if (items.length > maxBatch) throw new RequestError("items", `${items.length} items, more than the limit of ${maxBatch}`, 413);
    return {
      shape: "batch",
      items: items.map((it, i) => {
        if (!isObject(it)) throw new RequestError(`items[${i}]`, "expected an object");
        return oneItem(it, `items[${i}].`);
      }),
    };
  }
  if (body.query !== undefined) {
    const query = list(body, "query");
    const labels = list(body, "labels");
    const prompts = body.prompts === undefined || body.prompts === null ? null : list(body, "prompts");
    if (query.length > maxBatch) throw new RequestError("query", `${query.length} items, more than the limit of ${maxBatch}`, 413);
    if (labels.length !== query.length) throw new RequestError("labels", `${labels.length} labels for ${query.length} queries`);
    if (prompts && prompts.length !== query.length) throw new RequestError("prompts", `${prompts.length} prompts for ${query.length} queries`);
    return {
      shape: "openrlhf",
      items: query.map((q, i) => {
        if (typeof q !== "string") throw new RequestError(`query[${i}]`, "expected a string");
        const g = labels[i];
        if (typeof g !== "string" && !(typeof g === "number" && Number.isFinite(g))) throw new RequestError(`labels[${i}]`, "expected a string (the gold answer)");
        if (!prompts) return { response: q, gold: String(g) };
        const p = prompts[i];
        if (typeof p !== "string") throw new RequestError(`prompts[${i}]`, "expected a string");
        const response = afterPrompt(q, p);
        // the prompt itself carries the suffix's example "</think> \boxed{answer here}": never read it as the answer
        return response === undefined ? { response: "", gold: String(g), invalid: "the query does not contain its prompt" } : { response, gold: String(g) };
      }),
    };
  }
  return { shape: "one", items: [oneItem(body, "")] };
}
