// No command may destroy its input: an output that is an input or another output of the same run
// is refused before any work (exit 2, naming both options), and an impossible output place is a
// one-line message, not a stack trace or a hang. Each case runs the real CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { oxa } from "../helpers/oxa-cli.ts";
import { guardOutputs } from "../../src/io/output-guard.ts";
import { UsageError } from "../../src/io/errors.ts";

const dir = () => mkdtempSync(join(tmpdir(), "oxa-guard-"));
const teacher = (d: string) => {
  const p = join(d, "data.jsonl");
  copyFileSync("test/select/fixtures/teacher.jsonl", p);
  return p;
};

function refused(args: string[], pattern: RegExp) {
  const r = oxa(args);
  assert.equal(r.status, 2, `exit ${r.status}: ${r.stderr}`);
  assert.match(r.stderr, pattern);
  assert.equal(r.stderr.trim().split("\n").length, 1, `one line, got:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

test("select and mine refuse an output that is their input, and the input is untouched", () => {
  const d = dir();
  const data = teacher(d);
  const before = readFileSync(data, "utf8");
  refused(["select", data, data, "--n", "5", "--strategy", "random"], /--out .*data\.jsonl is the input --input/);
  refused(["mine", data, data], /--out .*is the input --input/);
  // the same file through another spelling of its path, and through a symlink
  refused(["select", data, join(d, ".", "sub", "..", "data.jsonl"), "--n", "5", "--strategy", "random"], /is the input/);
  symlinkSync(data, join(d, "alias.jsonl"));
  refused(["select", data, join(d, "alias.jsonl"), "--n", "5", "--strategy", "random"], /is the input/);
  assert.equal(readFileSync(data, "utf8"), before);
});

test("two outputs of one run may not share a path (select --stats = --out, mix --messages = --out)", () => {
  const d = dir();
  const data = teacher(d);
  const out = join(d, "sel.jsonl");
  refused(["select", data, out, "--n", "5", "--strategy", "random", "--stats", out], /--stats and --out are the same file/);
  refused(["mix", "--ce", data, "--out", out, "--messages", out], /--messages and --out are the same file/);
  refused(["mix", "--ce", data, "--out", data], /--out .* is the input --ce/);
});

test("an output under a regular file, or an output file that is a directory, is one line and no hang", () => {
  const d = dir();
  const data = teacher(d);
  const t0 = Date.now();
  refused(["verify", "--input", data, "--output", join(data, "x.jsonl")], /data\.jsonl is a file, so nothing can be written under it/);
  assert.ok(Date.now() - t0 < 30_000);
  mkdirSync(join(d, "here.jsonl"));
  refused(["verify", "--input", data, "--output", join(d, "here.jsonl")], /--output .*here\.jsonl is an existing directory/);
  writeFileSync(join(d, "notadir"), "x");
  refused(["world", "--out", join(d, "notadir"), "--n-train", "2"], /--out .*notadir is an existing file, not a directory/);
});

// Root writes anywhere, so as root (CI) the commands run as the unprivileged user `nobody`.
const NOBODY = 65534;
function asUser(args: string[]) {
  if (process.getuid?.() !== 0) return oxa(args);
  const env = { ...process.env, OXA_NO_PROGRESS: "1", HOME: tmpdir() };
  return spawnSync("setpriv", [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", process.execPath, resolve("bin/oxa.mjs"), ...args], { env, encoding: "utf8", timeout: 120_000 });
}

test("a folder that is not writable: one line naming it (EACCES), for verify, mix and select, and nothing written", () => {
  const d = dir();
  chmodSync(d, 0o755);
  const data = teacher(d);
  chmodSync(data, 0o644);
  const locked = join(d, "locked");
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  const probe = asUser(["--version"]);
  assert.equal(probe.status, 0, `the unprivileged user cannot run oxa here: ${probe.stderr}`);
  for (const args of [
    ["verify", "--input", data, "--output", join(locked, "v.jsonl")],
    ["mix", "--ce", data, "--out", join(locked, "train.jsonl")],
    ["select", data, join(locked, "sel.jsonl"), "--n", "5", "--strategy", "random"],
    ["verify", "--input", data, "--output", join(locked, "deeper", "v.jsonl")],
  ]) {
    const r = asUser(args);
    assert.equal(r.status, 2, `${args[0]}: exit ${r.status}: ${r.stderr}`);
    assert.match(r.stderr, /locked is not writable \(permission denied\)\n$/);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  assert.deepEqual(readdirSync(locked), []);
});

test("the guard creates missing parents and lets distinct paths through", () => {
  const d = dir();
  writeFileSync(join(d, "in.jsonl"), "{}\n");
  guardOutputs({ inputs: [{ option: "--input", path: join(d, "in.jsonl") }], outputs: [{ option: "--out", path: join(d, "a", "b", "out.jsonl") }, { option: "--dir", path: join(d, "c"), kind: "dir" }] });
  assert.ok(statSync(join(d, "a", "b")).isDirectory() && statSync(join(d, "c")).isDirectory());
  assert.throws(() => guardOutputs({ inputs: [], outputs: [{ option: "--a", path: join(d, "x") }, { option: "--b", path: join(d, "x") }] }), UsageError);
});
