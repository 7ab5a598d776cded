// Fault injection: every command that writes files is killed with SIGKILL at seeded random moments
// (25 kills over five commands), then run again. The rerun's outputs must equal an uninterrupted
// run's byte for byte, and no temporary file may be left anywhere in the output folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRandom } from "../../src/common/random.ts";
import { oxa } from "../helpers/oxa-cli.ts";

const OXA = resolve("bin/oxa.mjs");
const root = mkdtempSync(join(tmpdir(), "oxa-kill-"));
const rand = createRandom(20261202);

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir, { recursive: true }).map(String).sort()) {
    try {
      out.set(f, readFileSync(join(dir, f), "utf8"));
    } catch {
      // a directory
    }
  }
  return out;
}

/** Starts the command, kills it (and anything it spawned) after `ms`, and waits for it to end. */
function killAfter(args: string[], ms: number): Promise<void> {
  const child = spawn(process.execPath, [OXA, ...args], { env: { ...process.env, OXA_NO_PROGRESS: "1" }, detached: true, stdio: "ignore" });
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // it had finished already
    }
  }, ms);
  return new Promise((r) => child.on("exit", () => (clearTimeout(timer), r())));
}

// the inputs: a scored teacher file (select, mine, mix) and a verification file
const teacher = join(root, "teacher.jsonl");
writeFileSync(teacher, Array.from({ length: 60_000 }, (_, i) => JSON.stringify({ query: `q${i % 20_000}`, response: `r${i} ${"x".repeat(60)}`, ppl: 1 + ((i * 7919) % 400) / 100, len: 20 + (i % 700), correct: i % 3 !== 0 })).join("\n") + "\n");
const toVerify = join(root, "verify.jsonl");
writeFileSync(toVerify, Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ gold: `\\frac{${i}}{7}`, response: `so the answer is \\boxed{\\frac{${i + (i % 5 === 0 ? 1 : 0)}}{7}}` })).join("\n") + "\n");

/** Kills that landed while a temporary file was open (the case the sweep exists for). */
let killedMidWrite = 0;

const commands: { name: string; args: (out: string) => string[] }[] = [
  { name: "select", args: (out) => ["select", teacher, join(out, "sel.jsonl"), "--n", "5000", "--correct-field", "correct"] },
  { name: "mine", args: (out) => ["mine", teacher, join(out, "errors.jsonl"), "--k", "3000"] },
  { name: "mix", args: (out) => ["mix", "--ce", teacher, "--out", join(out, "train.jsonl"), "--alpaca", join(out, "train.json"), "--messages", join(out, "messages.jsonl")] },
  { name: "verify", args: (out) => ["verify", toVerify, join(out, "verified.jsonl"), "--workers", "1"] },
  { name: "world", args: (out) => ["world", "--out", join(out, "world"), "--n-train", "3000", "--n-test", "200", "--n-pretrain", "3000"] },
];

for (const c of commands) {
  test(`${c.name}: killed at 5 random moments, each rerun equals an uninterrupted run and leaves no temporary file`, async () => {
    const ref = join(root, `${c.name}-ref`);
    mkdirSync(ref);
    const t0 = Date.now();
    const r = oxa(c.args(ref));
    assert.equal(r.status, 0, r.stderr);
    const took = Date.now() - t0;
    const expected = files(ref);
    for (let k = 0; k < 5; k++) {
      const out = join(root, `${c.name}-${k}`);
      mkdirSync(out);
      await killAfter(c.args(out), Math.round(rand() * took));
      if ([...files(out).keys()].some((f) => /\.tmp-\d+$/.test(f))) killedMidWrite++;
      const again = oxa(c.args(out));
      assert.equal(again.status, 0, again.stderr);
      const got = files(out);
      assert.deepEqual([...got.keys()].filter((f) => /\.tmp-\d+$/.test(f)), [], `temporary files after the rerun (kill ${k})`);
      assert.deepEqual([...got.keys()], [...expected.keys()], `kill ${k}: the same files`);
      for (const [f, text] of expected) assert.ok(got.get(f) === text, `kill ${k}: ${f} differs`);
      rmSync(out, { recursive: true, force: true });
    }
  });
}

test("the kills landed in the middle of writing, not only before or after it", () => {
  assert.ok(killedMidWrite >= 3, `only ${killedMidWrite} of 25 kills left a temporary file behind to sweep`);
});
