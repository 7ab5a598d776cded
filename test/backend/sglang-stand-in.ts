// Test helper: a loopback stand-in for an SGLang server — SGLang does not run on this machine. It
// answers with the JSON shapes SGLang's documentation gives for its native API (docs.sglang.io,
// "SGLang Native APIs" and "Sampling Parameters"; GenerateReqInput in io_struct.py):
//   POST /generate  -> {text, output_ids, meta_info: {id, finish_reason: {type, matched?}, prompt_tokens,
//                       completion_tokens, cached_tokens, input_token_logprobs: [[logprob|null, id, null]...],
//                       input_top_logprobs: [[[logprob, id, null]...] | null ...], output_token_logprobs?}}
//   POST /tokenize  -> {tokens, count, max_model_len}
//   GET  /v1/models -> {object: "list", data: [{id, object: "model", owned_by: "sglang", root, max_model_len}]}
// Its "model" is a formula, not a network: logprob(token at position p) = logprobAt(p, id), and a
// sample's tokens come from its sampling_seed. It records every request so a test can check them.
// It is a stand-in: it shows the dialect reads SGLang's documented shapes, not that SGLang works.
import { createServer, type Server } from "node:http";
import { createRandom } from "../../src/common/random.ts";

export const logprobAt = (p: number, id: number) => -(((id * 31 + p * 7) % 50) / 10) - 0.05;

export interface StandIn {
  url: string;
  requests: { path: string; body: any }[];
  close(): Promise<void>;
}

export async function startSglangStandIn(o: { probeIds: number[]; eos: number; vocab: number; model?: string }): Promise<StandIn> {
  const requests: StandIn["requests"] = [];
  const answer = (path: string, body: any): unknown => {
    if (path === "/v1/models") return { object: "list", data: [{ id: o.model ?? "stand-in", object: "model", created: 0, owned_by: "sglang", root: o.model ?? "stand-in", max_model_len: 1024 }] };
    if (path === "/tokenize") return { tokens: o.probeIds, count: o.probeIds.length, max_model_len: 1024 };
    const ids: number[] = body.input_ids;
    const sp = body.sampling_params ?? {};
    if (sp.max_new_tokens === 0) {
      const start: number = body.logprob_start_len;
      const k: number = body.top_logprobs_num ?? 0;
      const positions = ids.map((id, p) => ({ id, p })).slice(Math.max(start, 0));
      return {
        text: "",
        output_ids: [],
        meta_info: {
          id: "stand-in",
          finish_reason: { type: "length", length: 0 },
          prompt_tokens: ids.length,
          completion_tokens: 0,
          cached_tokens: 0,
          input_token_logprobs: positions.map(({ id, p }, j) => [j === 0 ? null : logprobAt(p, id), id, null]),
          ...(k > 0 ? { input_top_logprobs: positions.map(({ p }, j) => (j === 0 ? null : Array.from({ length: k }, (_, r) => [-(r + 1) - p / 100, r, null]))) } : {}),
        },
      };
    }
    const rnd = createRandom(sp.sampling_seed ?? 0);
    const len = 1 + Math.floor(rnd() * sp.max_new_tokens);
    const toks = Array.from({ length: len }, () => Math.floor(rnd() * (o.vocab - 10)) + 5);
    const stop = len < sp.max_new_tokens;
    const output_ids = stop ? [...toks, o.eos] : toks.slice(0, sp.max_new_tokens);
    return {
      text: toks.map((t) => `<${t}>`).join(""),
      output_ids,
      meta_info: { id: "stand-in", finish_reason: stop ? { type: "stop", matched: o.eos } : { type: "length", length: sp.max_new_tokens }, prompt_tokens: ids.length, completion_tokens: output_ids.length, cached_tokens: 0 },
    };
  };
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = raw ? JSON.parse(raw) : null;
      requests.push({ path: req.url ?? "", body });
      const out = JSON.stringify(answer(req.url ?? "", body));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(out);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
