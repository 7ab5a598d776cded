// The SGLang dialect through `oxa score` and `oxa sample` against a loopback stand-in that answers
// SGLang's documented JSON shapes (sglang-stand-in.ts) — SGLang itself cannot run here. Checked:
// the ids sent are the tokenize job's (token-exact, same boundary as the local engine), the
// scored positions and their sum, the top-k entropy estimate, per-sample seeds (seed + i),
// finish reasons and token counts without the stop token, and the tokenizer probe check.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tinyModel, TEST_CORPUS } from "../helpers/tiny-model.ts";
import { readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";
import { runJob } from "../../src/engine/run-job.ts";
import { tokenizeRecord } from "../../src/engine/jobs/tokenize.ts";
import { topkEntropy } from "../../src/backend/dialect.ts";
import { promptSeed } from "../../src/backend/remote-generator.ts";
import { logprobAt, startSglangStandIn } from "./sglang-stand-in.ts";
import { oxaAsync } from "./oxa-async.ts";

const pairs = readFileSync(TEST_CORPUS, "utf8").split("\n").filter(Boolean).map((l) => l.replace("Question: ", "").split(" Solution: "));

async function tokenized(model: string, dir: string, rows: { id: string; prompt: string; response?: string }[]) {
  const input = writeJsonl(join(dir, "tok-in.jsonl"), rows);
  const { result } = await runJob("tokenize", { model, input, output: join(dir, "tok-out.jsonl") }, { workDir: dir });
  return { result, records: readJsonl(join(dir, "tok-out.jsonl")).map((r) => tokenizeRecord.parse(r)) };
}

test("score through SGLang's /generate: token-exact ids, the response positions summed, top-k entropy labelled", async () => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-sglang-"));
  const rows = pairs.slice(0, 6).map(([q, s], i) => ({ q, a: s, i }));
  const tok = await tokenized(model, dir, rows.map((r, k) => ({ id: String(k + 1), prompt: r.q, response: r.a })));
  const s = await startSglangStandIn({ probeIds: tok.result.probe.ids, eos: tok.result.stop_ids[0], vocab: tok.result.vocab_size });
  try {
    const input = writeJsonl(join(dir, "rows.jsonl"), rows);
    const r = await oxaAsync(["score", input, join(dir, "out.jsonl"), "--model", model, "--prompt-field", "q", "--response-field", "a",
      "--backend", "sglang", "--server", s.url, "--top-logprobs", "3", "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const got = readJsonl(join(dir, "out.jsonl"));
    const gens = s.requests.filter((q) => q.path === "/generate").map((q) => q.body);
    assert.equal(gens.length, rows.length);
    got.forEach((g, k) => {
      const t = tok.records[k];
      const ids = [...t.prompt_ids, ...t.response_ids!];
      const sent = gens.find((b) => JSON.stringify(b.input_ids) === JSON.stringify(ids));
      assert.ok(sent, `row ${k}: the ids sent are the tokenize job's`);
      assert.equal(sent.logprob_start_len, t.prompt_ids.length - 1);
      assert.equal(sent.sampling_params.max_new_tokens, 0);
      assert.equal(sent.return_logprob, true);
      const want = -t.response_ids!.reduce((x, id, j) => x + logprobAt(t.prompt_ids.length + j, id), 0);
      assert.ok(Math.abs(g.nll_sum - want) < 1e-9, `row ${k}: ${g.nll_sum} vs ${want}`);
      assert.equal(g.n_tokens, t.response_ids!.length);
      assert.ok(Math.abs(g.ppl - Math.exp(want / g.n_tokens)) < 1e-9);
      const ent = t.response_ids!.map((_, j) => topkEntropy([1, 2, 3].map((r) => -r - (t.prompt_ids.length + j) / 100), tok.result.vocab_size - 3));
      assert.ok(Math.abs(g.mean_entropy_topk - ent.reduce((x, y) => x + y, 0) / ent.length) < 1e-9);
      assert.deepEqual(g.scored_by.backend, "sglang");
    });
  } finally {
    await s.close();
  }
});

test("sample through SGLang's /generate: one request per sample seeded seed_p + i, stop token not counted; a tokenizer mismatch names both ids", async () => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-sglang-"));
  const prompts = pairs.slice(0, 5).map(([q]) => ({ problem: q }));
  const tok = await tokenized(model, dir, prompts.map((p, k) => ({ id: String(k + 1), prompt: p.problem })));
  const eos = tok.result.stop_ids[0];
  const s = await startSglangStandIn({ probeIds: tok.result.probe.ids, eos, vocab: tok.result.vocab_size });
  try {
    const input = writeJsonl(join(dir, "p.jsonl"), prompts);
    const args = (out: string, url: string) => ["sample", input, join(dir, out), "--model", model, "--prompt-field", "problem", "--n", "3",
      "--max-new-tokens", "12", "--seed", "5", "--backend", "sglang", "--server", url, "--json"];
    const r = await oxaAsync(args("a.jsonl", s.url));
    assert.equal(r.status, 0, r.stderr);
    const got = readJsonl(join(dir, "a.jsonl"));
    assert.equal(got.length, 15);
    const gens = s.requests.filter((q) => q.path === "/generate").map((q) => q.body);
    assert.equal(gens.length, 15);
    for (const [k, t] of tok.records.entries()) {
      const mine = gens.filter((b) => JSON.stringify(b.input_ids) === JSON.stringify(t.prompt_ids));
      const seed = promptSeed(5, t.id);
      assert.deepEqual(mine.map((b) => b.sampling_params.sampling_seed).sort((x, y) => x - y), [seed, seed + 1, seed + 2]);
      for (const b of mine) assert.deepEqual(b.sampling_params.stop_token_ids, tok.result.stop_ids);
      got.slice(k * 3, k * 3 + 3).forEach((g, i) => {
        assert.equal(g.sample, i);
        assert.equal(g.n_tokens, (g.response.match(/</g) ?? []).length, "n_tokens excludes the stop token");
        assert.ok(g.finish_reason === "stop" || g.n_tokens === 12);
      });
    }
    const again = await oxaAsync(args("b.jsonl", s.url));
    assert.equal(again.status, 0, again.stderr);
    assert.equal(readFileSync(join(dir, "b.jsonl"), "utf8"), readFileSync(join(dir, "a.jsonl"), "utf8"));
  } finally {
    await s.close();
  }
  const wrong = await startSglangStandIn({ probeIds: [1, 2, 3], eos, vocab: tok.result.vocab_size });
  try {
    const input = writeJsonl(join(dir, "p2.jsonl"), prompts);
    const r = await oxaAsync(["sample", input, join(dir, "c.jsonl"), "--model", model, "--prompt-field", "problem", "--backend", "sglang", "--server", wrong.url]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`ours \\[${tok.result.probe.ids.join(", ")}\\], server ${wrong.url.replace(/[.]/g, "\\.")} \\[1, 2, 3\\]`));
  } finally {
    await wrong.close();
  }
});
