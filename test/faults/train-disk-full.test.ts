// A full disk while `oxa train` writes a checkpoint or the final model: one line naming what could
// not be written and why (not torch's "inline_container.cc: unexpected pos"), exit 1, no stack and
// no half-written checkpoint left. A real small tmpfs, mounted when the tests run as root (as CI does).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { tinyModel, TEST_CORPUS } from "../helpers/tiny-model.ts";

const OXA = resolve("bin/oxa.mjs");
const oxa = (args: string[]) => spawnSync(process.execPath, [OXA, "train", ...args], { env: { ...process.env, OXA_NO_PROGRESS: "1" }, encoding: "utf8", timeout: 240_000 });
const mount = (dir: string, size: string) => spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]).status === 0;

test("a full disk at a training checkpoint: one line naming the checkpoint, exit 1, nothing half-written", { skip: process.getuid?.() !== 0 && "needs root to mount a small tmpfs" }, async (t) => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-train-full-"));
  const lines = readFileSync(TEST_CORPUS, "utf8").split("\n").filter((l) => l.trim());
  const data = join(dir, "train.jsonl");
  writeFileSync(data, lines.slice(0, 16).map((l, i) => JSON.stringify({ id: `r${i}`, prompt: l.slice(0, 20), response: l.slice(20) || "x", loss_type: 0 })).join("\n") + "\n");
  const disk = join(dir, "disk");
  mkdirSync(disk);
  // room for the schedule, records and metrics (a few KB), not for a checkpoint (about 1 MB)
  if (!mount(disk, "96k")) return t.skip("mount -t tmpfs is not permitted here");
  try {
    const out = join(disk, "run");
    const r = oxa([data, "--model", model, "--out", out, "--mode", "sft", "--global-batch", "8", "--epochs", "1", "--cutoff", "256", "--save-every", "1", "--lr", "1e-3", "--device", "cpu"]);
    assert.equal(r.status, 1, r.stderr);
    const last = r.stderr.trim().split("\n").at(-1)!;
    assert.match(last, /^oxa train: .*cannot write the checkpoint .*checkpoints\/step-000001: no space left on the device$/, r.stderr);
    assert.doesNotMatch(r.stderr, /inline_container|Traceback|unexpected pos|    at /);
    const checkpoints = join(out, "checkpoints");
    assert.deepEqual(existsSync(checkpoints) ? readdirSync(checkpoints) : [], [], "no half-written checkpoint remains");
  } finally {
    spawnSync("umount", ["--lazy", disk]);
  }
});
