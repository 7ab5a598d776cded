// Temporary files never outlive their writer: a killed process's are swept by the next writer of
// the same path, Ctrl-C removes the live ones, and a full disk (a real 64 KiB tmpfs, mounted when
// the test runs as root) leaves neither a temporary file nor an output that looks complete.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { AtomicJsonlWriter } from "../../src/io/atomic.ts";
import { oxa } from "../helpers/oxa-cli.ts";

const temps = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.tmp-\d+$/.test(f));

test("a dead process's temporary file is swept by the next writer of that path; a live one's is kept", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-temps-"));
  const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
  writeFileSync(join(dir, `.out.jsonl.tmp-${dead}`), "half a file");
  writeFileSync(join(dir, `.out.jsonl.tmp-${process.ppid}`), "another writer, still running");
  const w = new AtomicJsonlWriter(join(dir, "out.jsonl"));
  await w.write({ a: 1 });
  await w.close();
  assert.deepEqual(temps(dir), [`.out.jsonl.tmp-${process.ppid}`]);
});

test("Ctrl-C while verifying leaves no temporary file and no output", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-sigint-"));
  const input = join(dir, "big.jsonl");
  const row = JSON.stringify({ gold: "\\frac{1}{2}", response: "so the answer is \\boxed{0.5}" });
  writeFileSync(input, (row + "\n").repeat(400_000));
  const child = spawn(process.execPath, [resolve("bin/oxa.mjs"), "verify", input, join(dir, "out.jsonl"), "--workers", "1"], { env: { ...process.env, OXA_NO_PROGRESS: "1" }, stdio: "ignore" });
  // wait until the writer exists, then interrupt
  for (let i = 0; i < 300 && temps(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(temps(dir).length, 1, "the output's temporary file should exist while verifying");
  child.kill("SIGINT");
  const code = await new Promise((r) => child.on("exit", (c, s) => r(c ?? s)));
  assert.equal(code, 130);
  assert.deepEqual(temps(dir), []);
  assert.equal(existsSync(join(dir, "out.jsonl")), false);
});

const mount = (dir: string) => spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]).status === 0;

test("a full disk: one line naming the path, no temporary file, nothing that looks complete", { skip: process.getuid?.() !== 0 && "needs root to mount a small tmpfs" }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-full-"));
  const full = join(dir, "disk");
  mkdirSync(full);
  if (!mount(full)) return t.skip("mount -t tmpfs is not permitted here");
  try {
    const input = join(dir, "teacher.jsonl");
    const rows = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ query: `q${i}`, response: "x".repeat(40), ppl: 1 + (i % 97) / 25, len: 10 + i, correct: true }));
    writeFileSync(input, rows.join("\n") + "\n");
    // the rows fill the disk
    let r = oxa(["select", input, join(full, "sel.jsonl"), "--n", "2000", "--strategy", "random"]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^oxa select: cannot write .*: no space left on the device\n$/);
    assert.deepEqual(readdirSync(full), []);
    // the rows (33 KB) and the summary fit, the picture (14 KB) does not: none of the three may remain
    writeFileSync(join(full, "filler"), Buffer.alloc(16 << 10));
    r = oxa(["select", input, join(full, "small.jsonl"), "--n", "300", "--strategy", "random"]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /cannot write .*small\.svg.*: no space left on the device/);
    assert.deepEqual(readdirSync(full), ["filler"]);
    rmSync(join(full, "filler"));
    r = oxa(["mix", "--ce", input, "--out", join(full, "train.jsonl")]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no space left on the device/);
    assert.deepEqual(readdirSync(full), []);
  } finally {
    spawnSync("umount", ["--lazy", full]);
  }
});
