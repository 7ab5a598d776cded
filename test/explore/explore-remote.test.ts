// `oxa explore --backend sglang` against the loopback SGLang stand-in (test/backend): every request
// for a step prefix carries the prompt's ids followed by the prefix's ids — checked against the
// tokenize job run on {prompt, response: prefix}, i.e. the prompt/response boundary of training and
// scoring — and is seeded by the "<rationale>@<step>" id as sample's requests are by theirs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runJob } from "../../src/engine/run-job.ts";
import { tokenizeRecord } from "../../src/engine/jobs/tokenize.ts";
import { promptSeed } from "../../src/backend/index.ts";
import { tinyModel, TEST_CORPUS } from "../helpers/tiny-model.ts";
import { readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";
import { startSglangStandIn } from "../backend/sglang-stand-in.ts";
import { oxaAsync } from "../backend/oxa-async.ts";

test("explore on a server pool sends prompt ids + prefix ids, seeded by rationale and step", async () => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-explore-remote-"));
  const qs = readFileSync(TEST_CORPUS, "utf8").split("\n").filter(Boolean).slice(0, 3).map((l) => l.replace("Question: ", "").split(" Solution: ")[0]);
  const samples = qs.map((q, i) => ({ id: `p${i}`, prompt: q, gold: "987654321", response: `First we read it ${i}.\nThen #### ${i}` }));
  const input = writeJsonl(join(dir, "s.jsonl"), samples);
  // the expected ids: the prompt, then the step-1 prefix as a response (no EOS)
  const tokIn = writeJsonl(join(dir, "tok-in.jsonl"), samples.map((s, i) => ({ id: String(i + 1), prompt: s.prompt, response: s.response.split("\n")[0] + "\n" })));
  const { result } = await runJob("tokenize", { model, input: tokIn, output: join(dir, "tok.jsonl") }, { workDir: dir });
  const expected = readJsonl(join(dir, "tok.jsonl")).map((r) => tokenizeRecord.parse(r));
  const s = await startSglangStandIn({ probeIds: result.probe.ids, eos: result.stop_ids[0], vocab: result.vocab_size });
  try {
    const r = await oxaAsync(["explore", input, join(dir, "e.jsonl"), "--model", model, "--k", "2", "--max-new-tokens", "6", "--seed", "3", "--verify-workers", "1", "--backend", "sglang", "--server", s.url, "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const rows = readJsonl(join(dir, "e.jsonl"));
    assert.deepEqual(rows.map((x) => x.pit), [1, 1, 1]);
    const gens = s.requests.filter((q) => q.path === "/generate").map((q) => q.body);
    assert.equal(gens.length, 3 * 2);
    for (const t of expected) {
      const ids = [...t.prompt_ids, ...t.response_ids!];
      const mine = gens.filter((b) => JSON.stringify(b.input_ids) === JSON.stringify(ids));
      const seed = promptSeed(3, `${t.id}@1`);
      assert.deepEqual(mine.map((b) => b.sampling_params.sampling_seed).sort((a, b) => a - b), [seed, seed + 1]);
    }
  } finally {
    await s.close();
  }
});
