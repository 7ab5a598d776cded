// `oxa explore` on the real engine killed with SIGKILL at seeded moments (in the generate job, in
// verification, while writing), then run again: the rerun's output equals an uninterrupted run's,
// byte for byte, and no work directory or temporary file is left.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRandom } from "../../src/common/random.ts";
import { tinyModel, TEST_CORPUS } from "../helpers/tiny-model.ts";
import { oxa, writeJsonl } from "../helpers/oxa-cli.ts";

const OXA = resolve("bin/oxa.mjs");

function killAfter(args: string[], ms: number): Promise<void> {
  const child = spawn(process.execPath, [OXA, ...args], { env: { ...process.env, OXA_NO_PROGRESS: "1", OMP_NUM_THREADS: "1" }, detached: true, stdio: "ignore" });
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // it had finished already
    }
  }, ms);
  return new Promise((r) => child.on("exit", () => (clearTimeout(timer), r())));
}

test("explore killed at random moments resumes to the same bytes", async () => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-explore-kill-"));
  const questions = readFileSync(TEST_CORPUS, "utf8").split("\n").filter(Boolean).slice(0, 6).map((l) => l.replace("Question: ", "").split(" Solution: ")[0]);
  const samples = writeJsonl(join(dir, "s.jsonl"), questions.flatMap((q, i) => [0, 1].map((k) => ({ id: `p${i}`, prompt: q, gold: "5", response: `Step one of ${k}.\nStep two: ${q.slice(0, 20)}\n#### ${k}` }))));
  const args = (out: string) => ["explore", samples, out, "--model", model, "--k", "4", "--max-new-tokens", "12", "--verify-workers", "1"];
  const t0 = Date.now();
  const whole = oxa([...args(join(dir, "whole.jsonl"))]);
  assert.equal(whole.status, 0, whole.stderr);
  const took = Date.now() - t0;
  const expected = readFileSync(join(dir, "whole.jsonl"), "utf8");
  const rand = createRandom(14);
  for (let k = 0; k < 2; k++) {
    const out = join(dir, `run${k}.jsonl`);
    await killAfter(args(out), Math.round(took * (0.3 + 0.6 * rand())));
    const r = oxa(args(out));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(out, "utf8"), expected, `kill ${k}: output differs`);
    assert.equal(existsSync(`${out}.work`), false);
  }
  assert.deepEqual(readdirSync(dir).filter((f) => /\.tmp-\d+$/.test(f)), []);
});
