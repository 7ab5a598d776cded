import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { flagsOf, parseArgv, validate } from "../../src/cli/flags.ts";
import { UsageError } from "../../src/io/errors.ts";

const schema = z.object({
  input: z.string().describe("input file"),
  topP: z.number().default(0.95).describe("nucleus mass"),
  model: z.array(z.string()).default([]),
  strict: z.boolean().default(false),
  mode: z.enum(["a", "b"]).default("a"),
});

test("flags come from the schema: kebab-case, numbers coerced, arrays repeat, --no- negates", () => {
  const flags = flagsOf(schema);
  assert.deepEqual(flags.map((f) => f.flag), ["input", "top-p", "model", "strict", "mode"]);
  const p = parseArgv(["--input", "x.jsonl", "--top-p=0.9", "--model", "a", "--model", "b", "--no-strict", "--json"], flags);
  assert.equal(p.json, true);
  const cfg = validate(schema, p.values);
  assert.deepEqual(cfg, { input: "x.jsonl", topP: 0.9, model: ["a", "b"], strict: false, mode: "a" });
});

test("bad values and unknown flags are usage errors naming the flag", () => {
  const flags = flagsOf(schema);
  assert.throws(() => parseArgv(["--top-p", "abc"], flags), (e: Error) => e instanceof UsageError && /--top-p/.test(e.message));
  assert.throws(() => parseArgv(["--topp", "1"], flags), /unknown flag --topp/);
  assert.throws(() => validate(schema, { mode: "c" }), (e: Error) => /--input/.test(e.message) && /--mode/.test(e.message));
});

test("a --config file's unknown key is an error with a suggestion, like a misspelt flag", async () => {
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { readConfigFile, flagsOf } = await import("../../src/cli/flags.ts");
  const schema = z.object({ topP: z.number().default(1), input: z.string() });
  const file = join(mkdtempSync(join(tmpdir(), "oxa-cfg-")), "c.yaml");
  writeFileSync(file, "top-p: 0.9\ninput: a.jsonl\n");
  assert.deepEqual(readConfigFile(file, flagsOf(schema)), { topP: 0.9, input: "a.jsonl" });
  writeFileSync(file, "top_p: 0.9\ntop-pp: 1\n");
  assert.throws(() => readConfigFile(file, flagsOf(schema)), /c\.yaml: unknown option "top-pp" \(did you mean top-p\?\)/);
  // a missing file, a directory and broken YAML: one line each, saying which and where
  const oneLine = (re: RegExp) => (e: Error) => re.test(e.message) && !e.message.includes("\n");
  assert.throws(() => readConfigFile(file + ".missing", flagsOf(schema)), oneLine(/c\.yaml\.missing: no such file$/));
  assert.throws(() => readConfigFile(tmpdir(), flagsOf(schema)), oneLine(/: it is a directory$/));
  writeFileSync(file, "top-p: [\n");
  assert.throws(() => readConfigFile(file, flagsOf(schema)), oneLine(/c\.yaml: .*at line 2, column 1$/));
});

test("a value given both as a positional argument and as its flag is refused", async () => {
  const { oxa } = await import("../helpers/oxa-cli.ts");
  const r = oxa(["select", "a.jsonl", "b.jsonl", "--input", "c.jsonl"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /"a\.jsonl" and --input c\.jsonl both give the input: give it once/);
});
