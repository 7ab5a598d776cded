// `oxa dpo` end to end through the CLI on a real tiny model and the real engine: the pair schedule,
// reference log-probs keyed by pair id, TRL-named metrics (checked against their definitions and
// the warm-up/cosine plan), curves, a loadable model; a run killed mid-training and resumed gives
// the uninterrupted run's steps; bad pairs and bad options fail before any work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tinyModel, TEST_CORPUS } from "../helpers/tiny-model.ts";
import { oxa, oxaDetached, readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";

/** Step pairs (a prefix, rejected step without EOS) and outcome pairs from the test corpus. */
function pairsFile(dir: string, n = 12): string {
  const lines = readFileSync(TEST_CORPUS, "utf8").split("\n").filter((l) => l.trim()).slice(0, n);
  const rows = lines.map((l, i) => {
    const [q, s] = l.replace(/^Question: /, "").split(" Solution: ");
    const steps = s.split(". ").map((t) => (t.endsWith(".") ? t : t + "."));
    const wrong = (t: string) => t.replace(/\d+/g, (d) => String(Number(d) + 3));
    return i % 2 === 0
      ? { id: `s${i}`, problem_id: `q${i}`, kind: "step", prompt: q, prefix: steps[0] + "\n", chosen: steps.slice(1).join("\n") || "Done.", rejected: wrong(steps[1] ?? steps[0]), rejected_eos: false, pit_step: 2, extra: "ignored" }
      : { id: `o${i}`, problem_id: `q${i}`, kind: "outcome", prompt: q, prefix: "", chosen: steps.join("\n"), rejected: steps.map(wrong).join("\n"), rejected_eos: true };
  });
  return writeJsonl(join(dir, "pairs.jsonl"), rows);
}

const BASE = ["--global-batch", "4", "--epochs", "2", "--lr", "1e-3", "--micro-batch-size", "2", "--device", "cpu", "--json"];

test("oxa dpo: schedule, reference log-probs, TRL-named metrics, curves and a loadable model", async () => {
  const [model, reference] = [await tinyModel(), await tinyModel({ seed: 7 })];
  const dir = mkdtempSync(join(tmpdir(), "oxa-dpo-"));
  const out = join(dir, "run");
  const r = oxa(["dpo", pairsFile(dir), "--model", model, "--reference", reference, "--out", out, ...BASE]);
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.deepEqual(result.kinds, { step: 6, outcome: 6, other: 0 });
  const schedule = JSON.parse(readFileSync(join(out, "dpo-schedule.json"), "utf8"));
  assert.equal(schedule.batches.length, 2 * 3); // 12 pairs = 3 batches of 4 per epoch
  for (const e of [0, 1]) {
    const rows = schedule.batches.filter((b: { epoch: number }) => b.epoch === e).flatMap((b: { rows: number[] }) => b.rows);
    assert.deepEqual([...rows].sort((a, b) => a - b), [...Array(12).keys()], `epoch ${e} uses every pair once`);
  }
  const pairs = readJsonl(join(out, "pairs.jsonl"));
  const ref = readJsonl(join(out, "reference.jsonl"));
  assert.deepEqual(ref.map((x) => x.id), pairs.map((p) => p.id));
  for (const x of ref) assert.ok(x.chosen_logp < 0 && x.rejected_logp < 0 && x.chosen_tokens > 1 && x.rejected_tokens > 0);
  const m = readJsonl(join(out, "metrics.jsonl"));
  assert.equal(m.length, 6);
  // the plan: 10 % warm-up of 6 steps = 1 step (lr 0), then cosine decay from 1e-3
  const want = [0, ...[0, 1, 2, 3, 4].map((k) => 1e-3 * 0.5 * (1 + Math.cos((Math.PI * k) / 5)))];
  m.forEach((row, i) => assert.ok(Math.abs(row.lr - want[i]) < 1e-12, `lr at step ${i + 1}`));
  for (const row of m) {
    assert.ok(Math.abs(row["rewards/margins"] - (row["rewards/chosen"] - row["rewards/rejected"])) < 1e-6);
    assert.ok([0, 0.25, 0.5, 0.75, 1].includes(row["rewards/accuracies"]));
    assert.ok(row["logps/chosen"] < 0 && row["logps/rejected"] < 0 && row.loss > 0);
  }
  assert.notEqual(m[0]["rewards/margins"], 0, "a reference other than the policy gives non-zero rewards");
  assert.match(readFileSync(join(out, "curves.svg"), "utf8"), /^<svg[^>]*>.*reward margin.*<\/svg>\n$/s);
  assert.ok(existsSync(join(out, "model", "model.safetensors")) && existsSync(join(out, "model", "tokenizer.json")));
  assert.equal(JSON.parse(readFileSync(join(out, "dpo-summary.json"), "utf8")).steps, 6);
});

test("oxa dpo: killed mid-training and resumed gives the uninterrupted run's steps", async () => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-dpo-resume-"));
  const pairs = pairsFile(dir);
  const args = (out: string) => ["dpo", pairs, "--model", model, "--out", out, ...BASE, "--epochs", "4", "--save-every", "1"];
  const full = oxa(args(join(dir, "full")));
  assert.equal(full.status, 0, full.stderr);
  const out = join(dir, "killed");
  const child = oxaDetached(args(out));
  const deadline = Date.now() + 200_000;
  while (!existsSync(join(out, "checkpoints", "step-000003")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  process.kill(-child.pid!, "SIGKILL");
  assert.ok(existsSync(join(out, "checkpoints", "step-000003")), "the run got to step 3 before the kill");
  const killedAt = readJsonl(join(out, "metrics.jsonl")).length;
  assert.ok(killedAt < 12, `killed before the end (${killedAt} steps)`);
  const resumed = oxa([...args(out), "--resume"]);
  assert.equal(resumed.status, 0, resumed.stderr);
  const r = JSON.parse(resumed.stdout);
  assert.ok(r.resumedFrom >= 3 && r.referenceReused);
  const a = readJsonl(join(dir, "full", "metrics.jsonl"));
  const b = readJsonl(join(out, "metrics.jsonl"));
  assert.deepEqual(b.map((x) => x.step), a.map((x) => x.step));
  for (const [x, y] of a.map((x, i) => [x, b[i]])) {
    for (const k of ["loss", "lr", "grad_norm", "rewards/margins", "logps/chosen", "logps/rejected"]) {
      assert.ok(Math.abs(x[k] - y[k]) <= 1e-6 * Math.max(1, Math.abs(x[k])), `step ${x.step} ${k}: ${x[k]} vs ${y[k]}`);
    }
  }
  const changed = oxa([...args(out), "--resume", "--beta", "0.2"]);
  assert.equal(changed.status, 2);
  assert.match(changed.stderr, /options differ from the interrupted run's \(beta 0\.1 -> 0\.2\)/);
});

test("oxa dpo: bad pairs and bad options fail before any work", async () => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-dpo-bad-"));
  const bad = writeJsonl(join(dir, "bad.jsonl"), [
    { id: "a", prompt: "p", prefix: "", chosen: "c", rejected: "r", rejected_eos: true },
    { id: "b", prompt: "p", prefix: "", chosen: "c", rejected: "", rejected_eos: false },
  ]);
  let r = oxa(["dpo", bad, "--model", model, "--out", join(dir, "o1"), "--device", "cpu"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad\.jsonl, line 2, field "rejected": empty/);
  const dup = writeJsonl(join(dir, "dup.jsonl"), [
    { id: "a", prompt: "p", prefix: "", chosen: "c", rejected: "r", rejected_eos: true },
    { id: "a", prompt: "p", prefix: "", chosen: "c", rejected: "r", rejected_eos: true },
  ]);
  r = oxa(["dpo", dup, "--model", model, "--out", join(dir, "o2"), "--device", "cpu"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /dup\.jsonl, line 2, field "id": duplicate id "a" \(first on line 1\)/);
  const noEos = writeJsonl(join(dir, "noeos.jsonl"), [{ id: "a", prompt: "p", prefix: "", chosen: "c", rejected: "r", rejected_eos: "yes" }]);
  r = oxa(["dpo", noEos, "--model", model, "--out", join(dir, "o5"), "--device", "cpu"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /noeos\.jsonl, line 1, field "rejected_eos"/);
  r = oxa(["dpo", bad, "--model", model, "--out", join(dir, "o3"), "--label-smoothing", "0.1"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /label-smoothing is used by --loss-type robust only/);
  r = oxa(["dpo", bad, "--model", join(dir, "nope"), "--out", join(dir, "o4")]);
  assert.equal(r.status, 2);
  assert.ok(!existsSync(join(dir, "o1", "reference.jsonl")));
});
