// `oxa train` end to end through the CLI on a real tiny model and the real engine: the schedule it
// composes, the sequences it drops over the cutoff, metrics, curves, a loadable model, the run
// under `accelerate launch` with two CPU processes, and errors found before training.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { tinyModel, TEST_CORPUS } from "../helpers/tiny-model.ts";

const OXA = resolve("bin/oxa.mjs");
const oxa = (args: string[]) => spawnSync(process.execPath, [OXA, "train", ...args], { env: { ...process.env, OXA_NO_PROGRESS: "1" }, encoding: "utf8", timeout: 240_000 });
const jsonl = (p: string) => readFileSync(p, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));

function mixedFile(dir: string): string {
  const lines = readFileSync(TEST_CORPUS, "utf8").split("\n").filter((l) => l.trim());
  const rows = Array.from({ length: 30 }, (_, i) => {
    const t = lines[i % lines.length];
    return { id: `r${i}`, prompt: t.slice(0, 20), response: t.slice(20) || "x", loss_type: i < 22 ? 0 : 1 };
  });
  rows.push({ id: "long", prompt: "p", response: lines.join(" ").repeat(3), loss_type: 0 }); // far over the cutoff
  const path = join(dir, "mixed.jsonl");
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return path;
}

const BASE = ["--global-batch", "8", "--ul-per-batch", "2", "--epochs", "2", "--cutoff", "256", "--lr", "1e-3", "--micro-batch-size", "4", "--device", "cpu", "--json"];

test("oxa train --mode oxa-full: schedule, dropped sequences, metrics, curves and a loadable model", async () => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-train-"));
  const data = mixedFile(dir);
  const out = join(dir, "run");
  const r = oxa([data, "--model", model, "--out", out, ...BASE]);
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.deepEqual(result.records.droppedOverCutoff, { ce: 1, ul: 0 });
  const schedule = JSON.parse(readFileSync(join(out, "schedule.json"), "utf8"));
  const records = jsonl(join(out, "records.jsonl"));
  const lengths = jsonl(join(out, "lengths.jsonl"));
  assert.equal(schedule.batches.length, 2 * 3); // 22 CE rows fit: 3 batches of 6 per epoch (the CE pool runs out first)
  for (const b of schedule.batches) {
    assert.equal(b.rows.filter((i: number) => records[i].loss_type === 1).length, 2);
    assert.ok(b.rows.every((i: number) => lengths[i].n_tokens <= 256 && records[i].id !== "long"));
  }
  const metrics = jsonl(join(out, "metrics.jsonl"));
  assert.equal(metrics.length, 6);
  for (const m of metrics) {
    for (const k of ["ce_loss", "ul_loss", "weighted_ul", "entropy_ce", "entropy_ul", "lr", "grad_norm", "tokens_per_s"]) assert.ok(Number.isFinite(m[k]), k);
    assert.ok(Math.abs(m.weighted_ul - 1e-4 * m.ul_loss) <= 1e-12);
  }
  assert.ok(metrics[5].ce_loss < metrics[0].ce_loss, "CE loss goes down");
  assert.match(readFileSync(join(out, "curves.svg"), "utf8"), /^<svg[^>]*>.*CE loss.*<\/svg>\n$/s);
  assert.ok(existsSync(join(out, "model", "model.safetensors")) && existsSync(join(out, "model", "tokenizer.json")));
});

test("oxa train --processes 2 runs under accelerate launch and gives the single-process losses; --resume continues", async () => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-train-dp-"));
  const data = mixedFile(dir);
  const args = [data, "--model", model, ...BASE, "--epochs", "1", "--stop-after", "2"];
  const one = oxa([...args, "--out", join(dir, "one")]);
  const two = oxa([...args, "--out", join(dir, "two"), "--processes", "2"]);
  assert.equal(one.status, 0, one.stderr);
  assert.equal(two.status, 0, two.stderr);
  const a = jsonl(join(dir, "one", "metrics.jsonl"));
  const b = jsonl(join(dir, "two", "metrics.jsonl"));
  assert.equal(b.length, 2);
  for (let i = 0; i < 2; i++) {
    for (const k of ["ce_loss", "ul_loss", "grad_norm"]) assert.ok(Math.abs(a[i][k] - b[i][k]) <= 1e-5 * Math.abs(a[i][k]), `${k} step ${i + 1}`);
  }
  // a resume that changes an option, the data or the batches is refused before anything is touched
  const recordsBefore = readFileSync(join(dir, "one", "records.jsonl"), "utf8");
  let refused = oxa([data, "--model", model, ...BASE, "--epochs", "1", "--out", join(dir, "one"), "--resume", "--lr", "2e-3"]);
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(refused.stderr, /--resume: options differ from the interrupted run's \(lr 0\.001 -> 0\.002\); pass the same options, or --resume-with-changes/);
  const changed = join(dir, "changed.jsonl");
  writeFileSync(changed, readFileSync(data, "utf8").replace('"id":"r3","prompt":"', '"id":"r3","prompt":"X'));
  refused = oxa([changed, "--model", model, ...BASE, "--epochs", "1", "--out", join(dir, "one"), "--resume"]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /--resume: the training data differs from the interrupted run's/);
  refused = oxa([data, "--model", model, ...BASE, "--epochs", "1", "--seed", "5", "--out", join(dir, "one"), "--resume"]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /--resume: the batch schedule differs from the interrupted run's \(seed 0 -> 5\)/);
  assert.equal(readFileSync(join(dir, "one", "records.jsonl"), "utf8"), recordsBefore);
  assert.deepEqual(jsonl(join(dir, "one", "metrics.jsonl")).map((m) => m.step), [1, 2]);
  // the stopped single-process run resumes: same records and schedule, so the checkpoint is accepted
  const resumed = oxa([data, "--model", model, ...BASE, "--epochs", "1", "--out", join(dir, "one"), "--resume"]);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.equal(JSON.parse(resumed.stdout).resumedFrom, 2);
  assert.deepEqual(jsonl(join(dir, "one", "metrics.jsonl")).map((m) => m.step), [1, 2, 3]);
  // --resume-with-changes continues with the new learning rate and records the change
  const three = [data, "--model", model, ...BASE, "--epochs", "1", "--out", join(dir, "three")];
  assert.equal(oxa([...three, "--stop-after", "1"]).status, 0);
  const withChanges = oxa([...three, "--resume", "--resume-with-changes", "--lr", "2e-3"]);
  assert.equal(withChanges.status, 0, withChanges.stderr);
  const summary = JSON.parse(withChanges.stdout);
  assert.equal(summary.resumedFrom, 1);
  assert.deepEqual(summary.resumeChanges, { lr: [0.001, 0.002] });
  assert.match(withChanges.stderr, /--resume-with-changes: lr was 0\.001, now 0\.002/);
});

test("errors before training: an empty UL pool, a bad record, a cutoff beyond the model", async () => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-train-err-"));
  const ce = join(dir, "ce.jsonl");
  writeFileSync(ce, Array.from({ length: 10 }, (_, i) => JSON.stringify({ id: `c${i}`, prompt: "a", response: "b", loss_type: 0 })).join("\n"));
  let r = oxa([ce, "--model", model, "--out", join(dir, "a"), ...BASE]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /ce\.jsonl: no UL records \(loss_type 1\), but --mode oxa-full puts 2 in every batch/);
  const bad = join(dir, "bad.jsonl");
  writeFileSync(bad, `{"id":"a","prompt":"p","response":"r","loss_type":0}\n{"id":"b","prompt":"p","response":"r","loss_type":2}\n`);
  r = oxa([bad, "--model", model, "--out", join(dir, "b"), ...BASE]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad\.jsonl, line 2, field "loss_type": expected 0 \(CE\) or 1 \(UL\)/);
  r = oxa([ce, "--model", model, "--out", join(dir, "c"), ...BASE, "--mode", "sft", "--cutoff", "32768"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /max_position_embeddings \(2048\) is below --cutoff 32768/);
});
