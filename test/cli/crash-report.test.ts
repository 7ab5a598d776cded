// A failure is one line: our own errors as they are, file-system errors as a sentence naming the
// path, anything else with the path of a log that holds its stack (and never the stack itself).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeFailure, exitCodeOf } from "../../src/cli/crash-report.ts";
import { EngineError, InputError, StageError, UsageError } from "../../src/io/errors.ts";

test("our errors keep their message and exit code", () => {
  assert.equal(describeFailure("select", new UsageError("--n must be positive")), "oxa select: --n must be positive");
  assert.equal(exitCodeOf(new InputError("bad", { file: "f.jsonl", line: 3 })), 2);
  assert.equal(exitCodeOf(new EngineError("train", "x")), 1);
  assert.equal(describeFailure("run", new StageError('stage "s" failed: x')), 'oxa run: stage "s" failed: x');
});

test("file-system errors become a sentence naming the path", () => {
  const e = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write", path: "/data/out.jsonl" });
  assert.equal(describeFailure("verify", e), "oxa verify: cannot write /data/out.jsonl: no space left on the device");
  const r = Object.assign(new Error("EISDIR: illegal operation on a directory, read"), { code: "EISDIR", syscall: "read", path: "/data" });
  assert.equal(describeFailure("select", r), "oxa select: cannot use /data: it is a directory");
});

test("an unexpected error is one line pointing at a log with its stack", () => {
  process.env.OXA_LOG_DIR = mkdtempSync(join(tmpdir(), "oxa-crash-"));
  const line = describeFailure("mix", new TypeError("Cannot read properties of undefined (reading 'x')\n    at somewhere"));
  assert.match(line, /^oxa mix: unexpected error: Cannot read properties of undefined \(reading 'x'\) \(details: .*crash-.*\.log\)$/);
  const log = line.match(/details: (.*)\)$/)![1];
  assert.ok(existsSync(log) && readFileSync(log, "utf8").includes("TypeError"));
  delete process.env.OXA_LOG_DIR;
});
