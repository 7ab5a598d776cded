// No command may destroy its input: an output that is an input or another output of the same run
// is refused before any work (exit 2, naming both options), and an impossible output place is a
// one-line message, not a stack trace or a hang. Each case runs the real CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
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

test("the guard creates missing parents and lets distinct paths through", () => {
  const d = dir();
  writeFileSync(join(d, "in.jsonl"), "{}\n");
  guardOutputs({ inputs: [{ option: "--input", path: join(d, "in.jsonl") }], outputs: [{ option: "--out", path: join(d, "a", "b", "out.jsonl") }, { option: "--dir", path: join(d, "c"), kind: "dir" }] });
  assert.ok(statSync(join(d, "a", "b")).isDirectory() && statSync(join(d, "c")).isDirectory());
  assert.throws(() => guardOutputs({ inputs: [], outputs: [{ option: "--a", path: join(d, "x") }, { option: "--b", path: join(d, "x") }] }), UsageError);
});
