import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const OXA = new URL("../../bin/oxa.mjs", import.meta.url).pathname;
const run = (args: string[]) => spawnSync(process.execPath, [OXA, "verify", ...args], { encoding: "utf8", env: { ...process.env, OXA_NO_PROGRESS: "1" } });

test("oxa verify adds correct / predicted / reason to every row, lists for list rows, and summarizes", () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-verify-"));
  const input = join(dir, "in.jsonl");
  const rows = [
    { id: 1, answer: "\\frac12", completion: "so \\boxed{0.5}" },
    { id: 2, answer: 3, completion: ["\\boxed{3}", "I think 3", "\\boxed{4}"] },
    { id: 3, answer: "\\frac{1}{", completion: "\\boxed{1}" },
  ];
  writeFileSync(input, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const out = join(dir, "out.jsonl");
  const r = run(["--input", input, "--output", out, "--gold-field", "answer", "--response-field", "completion", "--mode", "strict", "--workers", "2", "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const lines = readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.id), [1, 2, 3]);
  assert.equal(lines[0].correct, true);
  assert.equal(lines[0].predicted, "0.5");
  assert.deepEqual(lines[1].correct, [true, false, false]);
  assert.deepEqual(lines[1].predicted, ["3", null, "4"]);
  assert.equal(lines[1].reason.length, 3);
  assert.equal(lines[2].correct, false);
  assert.match(lines[2].reason, /gold answer unreadable/);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.rows, 3);
  assert.equal(summary.responses, 5);
  assert.equal(summary.correct, 2);
  assert.equal(summary.goldUnparsed, 1);
  assert.equal(summary.predUnparsed, 1);
  assert.equal(summary.timedOut, 0);
});

test("a row without the gold field is a usage error naming file, line and field; no output is left", () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-verify-"));
  const input = join(dir, "in.jsonl");
  writeFileSync(input, '{"gold":"1","response":"\\\\boxed{1}"}\n{"response":"\\\\boxed{2}"}\n');
  const out = join(dir, "out.jsonl");
  const r = run([input, out, "--workers", "1"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /in\.jsonl, line 2, field "gold"/);
  assert.equal(existsSync(out), false);
});

test("every verifier option on the command line reaches the verifier (--list-order)", async () => {
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { oxa, readJsonl } = await import("../helpers/oxa-cli.ts");
  const d = mkdtempSync(join(tmpdir(), "oxa-verify-order-"));
  const input = join(d, "in.jsonl");
  writeFileSync(input, JSON.stringify({ gold: "1, 2, 3", response: "The first terms are \\boxed{3, 2, 1}." }) + "\n");
  for (const [order, expected] of [["unordered", true], ["ordered", false]] as const) {
    const out = join(d, `${order}.jsonl`);
    const r = oxa(["verify", input, out, "--list-order", order]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readJsonl(out)[0].correct, expected, order);
  }
});
