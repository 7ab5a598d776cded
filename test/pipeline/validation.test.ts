import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { run, tmp, writePipeline } from "./fixtures.ts";
import { InputError } from "../../src/io/errors.ts";
import { parseRef, substitute } from "../../src/pipeline/references.ts";

async function errorOf(yaml: string): Promise<string> {
  const dir = tmp();
  const file = writePipeline(dir, yaml);
  try {
    await run(file, join(dir, "run"));
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
  throw new Error("expected the pipeline to be rejected");
}

test("bad pipelines are rejected before any stage runs, naming the file, line, stage and key", async () => {
  const cases: [string, RegExp][] = [
    ["stages:\n  gen:\n    uses: world\n    with:\n      out: x\n      n-trian: 3\n", /InputError: .*p\.yaml: stage "gen" \(uses: world\):\n  line 6, stages\.gen\.with\.n-trian: "world" has no option "n-trian" \(did you mean "n-train"\?\)/],
    ["stages:\n  gen:\n    uses: world\n    with:\n      out: x\n      seed: many\n", /line 6, stages\.gen\.with\.seed: .*expected number/],
    ["stages:\n  gen:\n    uses: world\n    with:\n      seed: 1\n", /line 4, stages\.gen\.with\.out: .*expected string/],
    ["stages:\n  gen:\n    uses: wrold\n", /InputError: .*p\.yaml: line 3, stages\.gen\.uses: "wrold" is not a command \(commands: world, count, gated\)/],
    ["stages:\n  a:\n    uses: count\n    with: { input: '${stages.b.out}/x.jsonl', out: '${out}' }\n  b:\n    uses: world\n    with: { out: '${out}' }\n", /line 4, stages\.a\.with\.input: stage "b" comes later/],
    ["stages:\n  a:\n    uses: world\n    with: { out: '${out}', seed: '${vars.seed}' }\n", /stages\.a\.with\.seed: no variable "seed"/],
    ["stages:\n  a:\n    uses: world\n    with: { out: '${stages.a.output}' }\n", /stages\.a\.with\.out: unknown reference \$\{stages\.a\.output\}/],
    ["stages:\n  a:\n    uses: world\n    with: { out: '${out}' }\n  b:\n    uses: world\n    with: { out: '${out}', seed: '${stages.a.result.nope}' }\n", /stage "a" has no result field "nope"/],
    ["stages:\n  a:\n    use: world\n", /line 2, stages\.a\.uses: .*expected string[\s\S]*line 3, stages\.a\.use: Unrecognized key: "use"/],
    ["stages: {}\n", /stages: a pipeline needs at least one stage/],
    ["stages:\n  Bad Name:\n    uses: world\n", /stages\.Bad Name: stage names are lowercase/],
    ["stages:\n  a:\n    uses: world\n  a:\n    uses: world\n", /line 4.*[Mm]ap keys must be unique/],
  ];
  for (const [yaml, re] of cases) assert.match(await errorOf(yaml), re);
});

test("a whole-value reference keeps its type; a spliced one becomes text; $${ escapes", () => {
  const values: Record<string, unknown> = { n: 3, path: "runs/x" };
  const lookup = (r: ReturnType<typeof parseRef>) => (r.kind === "var" ? values[r.name] : undefined);
  assert.deepEqual(substitute({ a: "${vars.n}", b: "n=${vars.n}", c: ["${vars.path}/f"], d: "$${vars.n}" }, lookup), { a: 3, b: "n=3", c: ["runs/x/f"], d: "${vars.n}" });
  assert.deepEqual(parseRef(" stages.score.result.counts.train "), { kind: "stageResult", stage: "score", path: ["counts", "train"] });
  assert.throws(() => parseRef("stage.score.out"), /unknown reference/);
  assert.ok(new InputError("x", { file: "f" }).message.startsWith("f: "));
});

test("inputs: existing paths and LABEL=PATH outside the stage's own directory and not above the run", async () => {
  const { inputPaths } = await import("../../src/pipeline/stage-key.ts");
  const { mkdirSync, writeFileSync } = await import("node:fs");
  const dir = tmp();
  const run = join(dir, "run");
  mkdirSync(join(run, "a", "out"), { recursive: true });
  writeFileSync(join(run, "a", "out", "f.jsonl"), "{}\n");
  writeFileSync(join(dir, "data.jsonl"), "{}\n");
  const config = { input: join(dir, "data.jsonl"), model: [`base=${join(run, "a", "out")}`, "x=missing"], out: join(run, "b", "out"), root: dir, mode: "fast" };
  const portable = { ...config, model: ["base=<run>/a/out", "x=missing"], out: "<run>/b/out" };
  assert.deepEqual(inputPaths(config, portable, join(run, "b"), run), [
    [join(dir, "data.jsonl"), join(dir, "data.jsonl")],
    [join(run, "a", "out"), "<run>/a/out"],
  ]);
});

test("the example pipelines validate against the real command table; --check reports states without running", async () => {
  const { readdirSync, existsSync } = await import("node:fs");
  const { commands } = await import("../../src/cli/commands/index.ts");
  const { runPipeline } = await import("../../src/pipeline/index.ts");
  const { quietCtx } = await import("./fixtures.ts");
  const dir = join(import.meta.dirname, "../../examples/pipelines");
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
  assert.ok(files.includes("world.yaml"));
  for (const f of files) {
    const out = join(tmp(), "run");
    const r = await runPipeline({ file: join(dir, f), out, check: true, commands, ctx: quietCtx() });
    assert.ok(r.stages.length > 0 && r.stages.every((s) => s.status === "not-run"), f);
    assert.ok(!existsSync(out), "--check runs nothing");
  }
});

test("a pipeline can be given as text (for a demo that builds it); errors still name it", async () => {
  const { runPipeline } = await import("../../src/pipeline/index.ts");
  const { quietCtx, testCommands } = await import("./fixtures.ts");
  const out = join(tmp(), "run");
  const source = "stages:\n  w:\n    uses: world\n    with: { out: '${out}', n-train: 2, n-test: 1, n-pretrain: 0 }\n";
  const r = await runPipeline({ file: "demo-tiny.yaml", source, out, commands: testCommands, ctx: quietCtx() });
  assert.deepEqual(r.stages.map((s) => s.status), ["ran"]);
  await assert.rejects(runPipeline({ file: "demo-tiny.yaml", source: source.replace("n-test: 1", "n-test: x"), out, commands: testCommands, ctx: quietCtx() }), /demo-tiny\.yaml: stage "w" \(uses: world\):\n  line 4, stages\.w\.with\.n-test/);
});
