// Parquet outputs: each command's main output written as Parquet reads back (oxa convert) as the same
// JSONL bytes the JSONL run wrote; JSONL -> Parquet -> JSONL is byte-identical; two runs on different
// inputs write the same Parquet schema; `datasets.load_dataset` reads every Parquet file with the
// JSONL's rows (the other fields unpacked from their JSON column). The commands that need a model
// (score, sample, explore, eval's details, pairs' --trl) run on a real tiny model through the engine,
// chained as a user would (sample -> rft/explore -> pairs), so the rows hold what a model writes
// (U+FFFD, control characters); the exports (pairs' --trl/--messages, openrlhf, verl) round-trip
// through `oxa convert`'s inferred schema and load with `datasets` from both containers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { oxa, readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";
import { tinyModel, TEST_CORPUS } from "../helpers/tiny-model.ts";
import { convertCommand } from "../../src/cli/commands/convert.ts";
import { nullProgress } from "../../src/io/progress.ts";
import { readDetails } from "../../src/eval/index.ts";

const PY = resolve(".venv-trl/bin/python");
const noPy = !existsSync(PY) && "needs .venv-trl (scripts/setup-trl.sh installs datasets and pyarrow)";
const TEACHER = resolve("test/select/fixtures/teacher.jsonl");

function run(args: string[]): void {
  const r = oxa(args);
  assert.equal(r.status, 0, r.stderr);
}

/** `oxa convert` in this process (its --schema table included): a CLI start per conversion would double the test's time. */
async function convert(input: string, out: string, schema?: string): Promise<void> {
  await convertCommand.run(convertCommand.schema.parse({ input, out, schema }), { json: false, log: () => {}, progress: () => nullProgress });
}

/** Runs `oxa` without blocking, so independent commands (a command's two formats) overlap. */
function runAsync(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve("bin/oxa.mjs"), ...args], { env: { ...process.env, OXA_NO_PROGRESS: "1", OMP_NUM_THREADS: "1" }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => (code === 0 ? done() : fail(new Error(`oxa ${args[0]} exited ${code}: ${stderr}`))));
  });
}

/** `both` with the two runs at once. */
async function bothAsync(dir: string, name: string, args: (out: string) => string[]): Promise<{ jsonl: string; parquet: string }> {
  const jsonl = join(dir, `${name}.jsonl`);
  const parquet = join(dir, `${name}.parquet`);
  await Promise.all([runAsync(args(jsonl)), runAsync(args(parquet))]);
  return { jsonl, parquet };
}

/** Runs a command twice, to .jsonl and to .parquet, and returns both paths. */
function both(dir: string, name: string, args: (out: string) => string[]): { jsonl: string; parquet: string } {
  const jsonl = join(dir, `${name}.jsonl`);
  const parquet = join(dir, `${name}.parquet`);
  run(args(jsonl));
  run(args(parquet));
  return { jsonl, parquet };
}

function outputs(dir: string, input: string) {
  mkdirSync(dir, { recursive: true });
  const ce = writeJsonl(join(dir, "ce.jsonl"), [
    { query: "What is 2+3?", response: "2+3 = 5. \\boxed{5}", id: "src-1" },
    { query: "Ünïcode ✓ 😀?", response: "line\nbreak \"quoted\" \\boxed{1}" },
  ]);
  const ul = writeJsonl(join(dir, "ul.jsonl"), [{ query: "What is 2+3?", response: "2+3 = 6. \\boxed{6}" }]);
  // one-response rows and a list row: the verdict columns hold a value or a list
  const graded = writeJsonl(join(dir, "graded.jsonl"), [
    { id: 1, gold: "5", response: "so \\boxed{5}" },
    { id: 2, gold: "\\frac{1}{2}", response: ["\\boxed{0.5}", "\\boxed{2}", "no answer"] },
  ]);
  return {
    verify: both(dir, "verify", (o) => ["verify", graded, o, "--workers", "1"]),
    select: both(dir, "select", (o) => ["select", input, o, "--n", "6", "--per-query", "2", "--correct-field", "correct"]),
    mine: both(dir, "mine", (o) => ["mine", input, o, "--k", "3", "--correct-field", "correct"]),
    mix: both(dir, "mix", (o) => ["mix", "--ce", ce, "--ul", ul, "--out", o]),
  };
}

/** The outputs of select, mine, mix and verify on the teacher fixture, made once for the tests that read them. */
let teacher: ReturnType<typeof outputs> | undefined;
const teacherOutputs = () => (teacher ??= outputs(mkdtempSync(join(tmpdir(), "oxa-pq-teacher-")), TEACHER));

/** One row output: the JSONL file, the same run's Parquet twin (when the command writes Parquet) and the schema `oxa convert --schema` takes for it (else inferred). */
interface Output {
  jsonl: string;
  parquet?: string;
  schema?: string;
}

/**
 * The Parquet twin converts back to the JSONL's bytes, and JSONL -> Parquet -> JSONL is byte-identical;
 * returns the Parquet file of that second trip (for `datasets`).
 */
async function roundTrip(dir: string, name: string, f: Output): Promise<string> {
  const jsonl = readFileSync(f.jsonl, "utf8");
  assert.ok(jsonl.split("\n").length > 2, `${name} wrote rows`);
  if (f.parquet) {
    const back = join(dir, `${name}.back.jsonl`);
    await convert(f.parquet, back);
    assert.equal(readFileSync(back, "utf8"), jsonl, `${name}: Parquet output -> JSONL`);
  }
  const again = join(dir, `${name}.again.parquet`);
  const back2 = join(dir, `${name}.back2.jsonl`);
  await convert(f.jsonl, again, f.schema);
  await convert(again, back2);
  assert.equal(readFileSync(back2, "utf8"), jsonl, `${name}: JSONL -> Parquet -> JSONL`);
  return again;
}

test("each command's Parquet output converts back to the bytes of its JSONL output, and JSONL -> Parquet -> JSONL is byte-identical", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-pq-"));
  for (const [name, f] of Object.entries(teacherOutputs())) await roundTrip(dir, name, { ...f, schema: name });
  // no temporaries or staging files left behind
  assert.deepEqual(readdirSync(dir).filter((n) => n.includes(".tmp-")), []);
});

test("numbers and text survive the round trip byte for byte: 1.0, -0, 2^53, 1e21, tiny doubles, escapes, astral characters", () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-pq-"));
  // rows as oxa writes them (JSON.stringify), the extras with every awkward value
  const rows = [
    { id: "a", prompt: "p", response: "r", loss_type: 0, query: "q", ppl: 1.0, neg: -0, big: 2 ** 53, huge: 1e21, tiny: 5e-324, x: 0.1 + 0.2 },
    { id: "b", prompt: "tab\t\u0001 \u2028", response: "😀 中文 é", loss_type: 1, query: "", nested: { a: [1, 2.5, null, "s"] }, list: [] },
  ];
  const src = writeJsonl(join(dir, "t.jsonl"), rows);
  const text = readFileSync(src, "utf8");
  assert.ok(text.includes('"ppl":1,') && text.includes('"neg":0,') && text.includes('"huge":1e+21'), "the source is JSON.stringify's own spelling");
  run(["convert", src, join(dir, "t.parquet"), "--schema", "mix"]);
  run(["convert", join(dir, "t.parquet"), join(dir, "back.jsonl")]);
  assert.equal(readFileSync(join(dir, "back.jsonl"), "utf8"), text);
  assert.deepEqual(readJsonl(join(dir, "back.jsonl")), JSON.parse(JSON.stringify(rows)));
});

test("a row the schema cannot hold is an error naming the row and field, and nothing is written", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-pq-"));
  const src = writeJsonl(join(dir, "t.jsonl"), [
    { id: "a", prompt: "p", response: "r", loss_type: 0, query: "q" },
    { id: "b", prompt: "p", response: "r", loss_type: 0.5, query: "q" },
  ]);
  const r = oxa(["convert", src, join(dir, "t.parquet"), "--schema", "mix"]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /line 2/);
  assert.match(r.stderr, /loss_type/);
  assert.equal(existsSync(join(dir, "t.parquet")), false);
  assert.deepEqual(readdirSync(dir).filter((n) => n !== "t.jsonl"), []);
  const lone = writeJsonl(join(dir, "lone.jsonl"), [{ id: "a", prompt: "\ud800", response: "r", loss_type: 0, query: "q" }]);
  const r2 = oxa(["convert", lone, join(dir, "lone.parquet"), "--schema", "mix"]);
  assert.equal(r2.status, 2, r2.stderr);
  assert.match(r2.stderr, /surrogate/);
  // an ints list (eval's token counts) takes safe integers only
  const frac = writeJsonl(join(dir, "frac.jsonl"), [{ id: "a", n: 2, correct: 1, verdicts: [1, 0], lengths: [3, 2.5], entropies: [null, 1.5], truncated: 0, entropy: 1.5 }]);
  await assert.rejects(convert(frac, join(dir, "frac.parquet"), "details"), (e: Error) => /line 1, field "lengths": not a ints value/.test(e.message));
  assert.equal(existsSync(join(dir, "frac.parquet")), false);
});

interface Loaded {
  rows: Record<string, unknown>[];
  schema: string;
  row_schema: { columns: { name: string; type: string }[] } | null;
}

/** A row as `datasets` gives it, with the JSON-text columns (json type, other_fields) parsed back. */
function unpacked(l: Loaded, row: Record<string, unknown>): Record<string, unknown> {
  if (!l.row_schema) return row;
  const json = new Set(l.row_schema.columns.filter((c) => c.type === "json").map((c) => c.name));
  const { other_fields, ...r } = row;
  const cols = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, json.has(k) && v !== null ? JSON.parse(v as string) : v]));
  return { ...cols, ...(other_fields ? JSON.parse(other_fields as string) : {}) };
}

function consumer(files: string[]): Record<string, Loaded> {
  const r = spawnSync(PY, [resolve("test/interop/parquet_rows.py"), ...files], { encoding: "utf8", env: { ...process.env, HF_DATASETS_CACHE: mkdtempSync(join(tmpdir(), "hf-")) } });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test("datasets.load_dataset reads every Parquet output with the JSONL's rows; the schema is the same on another input", { skip: noPy }, () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-pq-"));
  const one = teacherOutputs();
  // another input: no `source` field anywhere and other PPLs: the declared columns do not change
  const other = writeJsonl(
    join(dir, "other.jsonl"),
    readJsonl(TEACHER).map(({ source: _s, ...r }) => ({ ...r, ppl: typeof r.ppl === "number" ? r.ppl + 0.05 : r.ppl })),
  );
  const two = outputs(join(dir, "two"), other);
  const files = [...Object.values(one), ...Object.values(two)].map((f) => f.parquet);
  const got = consumer([...files, ...Object.values(one).map((f) => f.jsonl)]);
  for (const f of [...Object.values(one), ...Object.values(two)]) {
    const want = readJsonl(f.jsonl);
    const rows = got[f.parquet].rows.map((r) => unpacked(got[f.parquet], r));
    assert.deepEqual(rows, want, f.parquet);
  }
  for (const [name, f] of Object.entries(one)) {
    const want = readJsonl(f.jsonl).map(withoutNulls);
    if (name !== "verify") assert.deepEqual(got[f.jsonl].rows.map(withoutNulls), want, `${name}: load_dataset("json")`);
    // verify's rows here mix one-response rows and a list row, so a verdict column holds a value or a
    // list: datasets' JSON loader falls back to pandas, which reads the text "5" as the number 5 (the
    // Parquet twin, with its json columns, keeps it; docs/interop.md). The rows and lists still arrive.
    else assert.deepEqual(got[f.jsonl].rows.map((r) => ({ ...(withoutNulls(r) as object), predicted: String(r.predicted) })), want.map((r) => ({ ...(r as object), predicted: String((r as { predicted: unknown }).predicted) })), "verify: load_dataset(\"json\")");
  }
  for (const name of Object.keys(one) as (keyof typeof one)[]) {
    assert.equal(got[one[name].parquet].schema, got[two[name].parquet].schema, `${name}: same schema on both inputs`);
  }
  assert.match(got[one.select.parquet].schema, /query: string not null\nresponse: string not null\nppl: double not null\nlen: double not null\nother_fields: string/);
  assert.match(got[one.mix.parquet].schema, /loss_type: int64 not null/);
});

const BENCH = resolve("test/eval/fixtures/bench-a.json");

/**
 * The outputs of the commands that need a model (a real tiny one, through the engine) and of the
 * exports, one Output per file: sample -> rft (with two correct solutions added) and explore -> pairs,
 * score over the samples, eval's details in both formats (one sample cache), openrlhf and verl.
 */
async function modelOutputs(dir: string): Promise<{ outputs: Record<string, Output>; verl: { parquet: string; jsonl: string } }> {
  const model = await tinyModel();
  mkdirSync(dir, { recursive: true });
  const questions = readFileSync(TEST_CORPUS, "utf8").split("\n").filter(Boolean).slice(0, 3).map((l) => l.replace("Question: ", "").split(" Solution: ")[0]);
  const problems = writeJsonl(join(dir, "problems.jsonl"), questions.map((q, i) => ({ id: `p${i}`, prompt: q, gold: "987654321" })));
  const sample = await bothAsync(dir, "sample", (o) => ["sample", problems, o, "--model", model, "--n", "2", "--max-new-tokens", "16", "--temperature", "1"]);
  // a tiny model never reaches the gold: two correct solutions of p0 give rft rows and pairs a chosen side
  const solved = [0, 1].map((k) => ({ id: "p0", prompt: questions[0], gold: "987654321", response: `Step ${k}: count.\nSo the answer is \\boxed{987654321}` }));
  const rftIn = writeJsonl(join(dir, "rft.in.jsonl"), [...readJsonl(sample.jsonl), ...solved]);
  const [rft, score, explore] = await Promise.all([
    bothAsync(dir, "rft", (o) => ["rft", rftIn, o, "--verify-workers", "1"]),
    bothAsync(dir, "score", (o) => ["score", sample.jsonl, o, "--model", model, "--prompt-field", "prompt"]),
    bothAsync(dir, "explore", (o) => ["explore", sample.jsonl, o, "--model", model, "--k", "2", "--max-new-tokens", "6", "--step-style", "lines", "--verify-workers", "1"]),
  ]);
  const trl = join(dir, "pairs.trl.jsonl");
  const messages = join(dir, "pairs.messages.jsonl");
  const evalOut = (format: string) => join(dir, `eval-${format}`);
  const evalRun = (format: string) => ["eval", "--model", `tiny=${model}`, "--bench", `arith=${BENCH}`, "--k", "2", "--max-new-tokens", "8", "--out", evalOut(format), "--cache-dir", join(dir, "eval-samples"), "--format", format, "--verify-workers", "1"];
  const exportArgs = ["--query-field", "prompt", "--gold-field", "gold", "--test-size", "1"];
  await Promise.all([
    runAsync(["pairs", explore.jsonl, join(dir, "pairs.jsonl"), "--rft", rft.jsonl, "--trl", trl, "--messages", messages, "--model", model]),
    runAsync(["pairs", explore.jsonl, join(dir, "pairs.parquet"), "--rft", rft.jsonl]),
    // the Parquet run after the JSONL one, from its sample cache: the same samples graded, none generated
    runAsync(evalRun("jsonl")).then(() => runAsync(evalRun("parquet"))),
    runAsync(["export", "openrlhf", problems, join(dir, "openrlhf"), ...exportArgs]),
    runAsync(["export", "verl", problems, join(dir, "verl"), ...exportArgs]),
  ]);
  // verl's file is Parquet only, in its own nested schema: oxa's reading of it is the JSONL side
  const verl = { parquet: join(dir, "verl", "train.parquet"), jsonl: join(dir, "verl.train.jsonl") };
  await convert(verl.parquet, verl.jsonl);
  return {
    outputs: {
      sample,
      rft: { ...rft, schema: "rft" },
      score: { ...score, schema: "score" },
      explore: { ...explore, schema: "explore" },
      pairs: { jsonl: join(dir, "pairs.jsonl"), parquet: join(dir, "pairs.parquet"), schema: "pairs" },
      "pairs-trl": { jsonl: trl },
      "pairs-messages": { jsonl: messages },
      details: { jsonl: join(evalOut("jsonl"), "tiny", "arith", "details.jsonl"), parquet: join(evalOut("parquet"), "tiny", "arith", "details.parquet"), schema: "details" },
      openrlhf: { jsonl: join(dir, "openrlhf", "train.jsonl") },
      verl: { jsonl: verl.jsonl },
    },
    verl,
  };
}

/** The model outputs and their round trips, made once for the two tests below. */
let trips: Promise<{ dir: string; made: Awaited<ReturnType<typeof modelOutputs>>; again: Record<string, string> }> | undefined;
function modelTrips() {
  trips ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxa-pq-model-"));
    const made = await modelOutputs(dir);
    const again: Record<string, string> = {};
    for (const [name, f] of Object.entries(made.outputs)) again[name] = await roundTrip(dir, name, f);
    return { dir, made, again };
  })();
  return trips;
}

/** A row with null-valued keys dropped at every depth: `datasets` fills a key some rows lack with null. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
  return v;
}

test("score, sample, rft, explore, pairs (+ --trl, --messages), eval's details, export openrlhf and verl on a tiny model: Parquet twins convert back to the JSONL bytes, JSONL -> Parquet -> JSONL is byte-identical", async () => {
  const { dir, made } = await modelTrips();
  // the details were graded, not made up: each problem has k = 2 verdicts summing to correct
  for (const d of readJsonl(made.outputs.details.jsonl)) {
    assert.equal(d.n, 2);
    assert.equal(d.verdicts.reduce((a: number, v: number) => a + v, 0), d.correct);
  }
  // what --buckets-from reads: the same details from either file
  assert.deepEqual(await readDetails(made.outputs.details.parquet!), await readDetails(made.outputs.details.jsonl));
  assert.equal(readJsonl(made.outputs.rft.jsonl).length, 2, "rft kept the two correct solutions");
  assert.ok(readJsonl(made.outputs.pairs.jsonl).some((p) => p.kind === "outcome"), "pairs made outcome pairs");
  assert.deepEqual(readdirSync(dir).filter((n) => n.includes(".tmp-")), []);
});

test("datasets.load_dataset reads each of those files, JSONL and Parquet, with the rows oxa wrote", { skip: noPy }, async () => {
  const { made, again } = await modelTrips();
  const twins = Object.values(made.outputs).flatMap((f) => (f.parquet ? [f.parquet] : []));
  const jsonls = Object.values(made.outputs).map((f) => f.jsonl);
  const got = consumer([...twins, ...Object.values(again), made.verl.parquet, ...jsonls]);
  for (const [name, f] of Object.entries(made.outputs)) {
    const want = readJsonl(f.jsonl);
    for (const pq of [f.parquet, again[name]].filter((x): x is string => !!x)) {
      assert.deepEqual(got[pq].rows.map((r) => unpacked(got[pq], r)), want, `${name}: ${pq}`);
    }
    assert.deepEqual(got[f.jsonl].rows.map(withoutNulls), want.map(withoutNulls), `${name}: load_dataset("json")`);
  }
  assert.deepEqual(got[made.verl.parquet].rows, readJsonl(made.verl.jsonl), "verl's parquet: datasets and oxa read the same rows");
  assert.match(got[made.outputs.details.parquet!].schema, /lengths: list<element: int64>/);
});
