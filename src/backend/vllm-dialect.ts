// vLLM's OpenAI-compatible server, as its documentation describes it:
//   POST /v1/completions  prompt = token ids; sampling: n, temperature, top_p, max_tokens, seed
//                         (child i of an n-request draws with seed + i), stop_token_ids,
//                         skip_special_tokens: false (the local engine's decoding), return_token_ids;
//                         scoring: max_tokens 1 + prompt_logprobs k -> per prompt position a map
//                         {token id: {logprob, rank}} holding the actual token and the top k (position 0: null).
//   POST /tokenize        {model, prompt, add_special_tokens: false} -> {tokens}
//   GET  /v1/models       {data: [{id}]}
// The server must allow --max-logprobs >= the top-k asked for (docs/backend.md).
import { z } from "zod";
import { requestJson } from "./http-edge.ts";
import { RetryableServerError } from "./server-errors.ts";
import { withoutStop, type Dialect } from "./dialect.ts";

const logprobEntry = z.object({ logprob: z.number().nullable().transform((x) => x ?? -Infinity), rank: z.number().nullish() });
const scoreBody = z.object({ choices: z.array(z.object({ prompt_logprobs: z.array(z.record(z.string(), logprobEntry).nullable()) })).min(1) });
const sampleBody = z.object({
  choices: z.array(z.object({ index: z.number().int(), text: z.string(), finish_reason: z.string().nullable(), token_ids: z.array(z.number().int()) })),
});
const tokenizeBody = z.object({ tokens: z.array(z.number().int()) });
const modelsBody = z.object({ data: z.array(z.object({ id: z.string() })).min(1) });

export const vllmDialect: Dialect = {
  kind: "vllm",
  async score(ep, model, ids, start, topk) {
    const body = await requestJson(ep, "POST", "/v1/completions", { model, prompt: ids, max_tokens: 1, temperature: 0, prompt_logprobs: topk }, scoreBody);
    const pl = body.choices[0].prompt_logprobs;
    if (pl.length !== ids.length) throw new RetryableServerError("malformed", ep.url, `prompt_logprobs has ${pl.length} positions for ${ids.length} tokens`);
    const logprobs: number[] = [];
    const top: number[][] = [];
    for (let t = start; t < ids.length; t++) {
      const at = pl[t];
      const own = at?.[String(ids[t])];
      if (!at || !own) throw new RetryableServerError("malformed", ep.url, `prompt_logprobs[${t}] lacks token ${ids[t]}`);
      logprobs.push(own.logprob);
      if (topk > 0) top.push(Object.values(at).filter((e) => e.rank != null && e.rank <= topk).map((e) => e.logprob));
    }
    return { logprobs, top: topk > 0 ? top : null };
  },
  async sample(ep, model, prompt, p) {
    const body = await requestJson(
      ep,
      "POST",
      "/v1/completions",
      {
        model,
        prompt,
        n: p.n,
        temperature: p.temperature,
        top_p: p.top_p,
        max_tokens: p.max_new_tokens,
        seed: p.seed,
        stop_token_ids: p.stop_ids,
        skip_special_tokens: false,
        return_token_ids: true,
      },
      sampleBody,
    );
    if (body.choices.length !== p.n) throw new RetryableServerError("malformed", ep.url, `${body.choices.length} choices for n = ${p.n}`);
    return [...body.choices]
      .sort((a, b) => a.index - b.index)
      .map((c) => {
        if (c.finish_reason !== "stop" && c.finish_reason !== "length") throw new RetryableServerError("malformed", ep.url, `finish_reason ${c.finish_reason}`);
        return { text: c.text, tokens: withoutStop(c.token_ids, c.finish_reason, p.stop_ids), finish_reason: c.finish_reason };
      });
  },
  async tokenize(ep, model, text) {
    return (await requestJson(ep, "POST", "/tokenize", { model, prompt: text, add_special_tokens: false }, tokenizeBody)).tokens;
  },
  async servedModel(ep) {
    return (await requestJson(ep, "GET", "/v1/models", null, modelsBody)).data[0].id;
  },
};
