// SGLang's native server API, as its documentation describes it (docs.sglang.io: "SGLang Native
// APIs" and "Sampling Parameters"; the request object is io_struct.py::GenerateReqInput):
//   POST /generate  {input_ids, sampling_params: {...}, return_logprob, logprob_start_len, top_logprobs_num}
//     -> {text, output_ids, meta_info: {finish_reason: {type: "stop"|"length"|"abort", ...},
//         prompt_tokens, completion_tokens, input_token_logprobs: [[logprob|null, token_id, text|null], ...],
//         input_top_logprobs: [[[logprob, token_id, text|null], ...] | null, ...]}}
//     input_token_logprobs starts at logprob_start_len, its first entry possibly a placeholder
//     (null at position 0); scoring asks max_new_tokens 0 and logprob_start_len = first scored
//     position - 1, and reads the last n entries, so either convention for the first entry works.
//     Sampling parameters: n, temperature, top_p, max_new_tokens, stop_token_ids,
//     skip_special_tokens, sampling_seed. We send one request per sample (n = 1, sampling_seed =
//     seed + i: the same children vLLM makes), so no assumption about SGLang's n > 1 seeding is needed.
//   POST /tokenize  {model, prompt, add_special_tokens: false} -> {tokens}
//   GET  /v1/models {data: [{id}]} (its OpenAI-compatible side)
// SGLang does not run on this machine: the dialect is tested against a loopback stand-in that
// answers these documented shapes (test/backend/sglang-stand-in.ts), never against SGLang itself.
import { z } from "zod";
import { requestJson } from "./http-edge.ts";
import { RetryableServerError } from "./server-errors.ts";
import { withoutStop, type Dialect, type SampledText } from "./dialect.ts";

const triple = z.tuple([z.number().nullable(), z.number().int()]).rest(z.unknown());
const scoreBody = z.object({
  meta_info: z.object({
    input_token_logprobs: z.array(triple),
    input_top_logprobs: z.array(z.array(triple).nullable()).optional(),
  }),
});
const sampleBody = z.object({
  text: z.string(),
  output_ids: z.array(z.number().int()),
  meta_info: z.object({ finish_reason: z.object({ type: z.string() }) }),
});
const tokenizeBody = z.object({ tokens: z.array(z.number().int()) });
const modelsBody = z.object({ data: z.array(z.object({ id: z.string() })).min(1) });

export const sglangDialect: Dialect = {
  kind: "sglang",
  async score(ep, _model, ids, start, topk) {
    const body = await requestJson(
      ep,
      "POST",
      "/generate",
      { input_ids: ids, sampling_params: { max_new_tokens: 0, temperature: 0 }, return_logprob: true, logprob_start_len: start - 1, ...(topk > 0 ? { top_logprobs_num: topk } : {}) },
      scoreBody,
    );
    const n = ids.length - start;
    const got = body.meta_info.input_token_logprobs;
    if (got.length < n) throw new RetryableServerError("malformed", ep.url, `input_token_logprobs has ${got.length} entries for ${n} scored tokens`);
    // the last n entries are the scored positions, whatever the server's convention for the first
    const tail = got.slice(got.length - n);
    const logprobs = tail.map(([lp, id], j) => {
      if (id !== ids[start + j] || lp === null) throw new RetryableServerError("malformed", ep.url, `input_token_logprobs at position ${start + j}: token ${id}, logprob ${lp}; expected token ${ids[start + j]}`);
      return lp;
    });
    let top: number[][] | null = null;
    if (topk > 0) {
      const all = body.meta_info.input_top_logprobs ?? [];
      if (all.length < n) throw new RetryableServerError("malformed", ep.url, `input_top_logprobs has ${all.length} entries for ${n} scored tokens`);
      top = all.slice(all.length - n).map((list) => (list ?? []).slice(0, topk).map(([lp]) => lp ?? -Infinity));
    }
    return { logprobs, top };
  },
  async sample(ep, _model, prompt, p) {
    const one = async (i: number): Promise<SampledText> => {
      const body = await requestJson(
        ep,
        "POST",
        "/generate",
        {
          input_ids: prompt,
          sampling_params: { n: 1, temperature: p.temperature, top_p: p.top_p, max_new_tokens: p.max_new_tokens, stop_token_ids: p.stop_ids, skip_special_tokens: false, sampling_seed: p.seed + i },
        },
        sampleBody,
      );
      const finish = body.meta_info.finish_reason.type;
      if (finish !== "stop" && finish !== "length") throw new RetryableServerError("malformed", ep.url, `finish_reason ${finish}`);
      return { text: body.text, tokens: withoutStop(body.output_ids, finish, p.stop_ids), finish_reason: finish };
    };
    return Promise.all(Array.from({ length: p.n }, (_, i) => one(i)));
  },
  async tokenize(ep, model, text) {
    return (await requestJson(ep, "POST", "/tokenize", { model, prompt: text, add_special_tokens: false }, tokenizeBody)).tokens;
  },
  async servedModel(ep) {
    return (await requestJson(ep, "GET", "/v1/models", null, modelsBody)).data[0].id;
  },
};
