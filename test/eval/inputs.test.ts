import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadBenchmark, parseLabelled } from "../../src/eval/benchmark.ts";
import { gradeSamples } from "../../src/eval/grade-samples.ts";
import { cacheEntry, cacheKey, findComplete } from "../../src/eval/sample-cache.ts";
import { renderCsv, renderMarkdown, renderText } from "../../src/report/table.ts";
import { readResults } from "../../src/eval/read-results.ts";
import { resolveBucketBase } from "../../src/eval/bucket-base.ts";
import { InputError, UsageError } from "../../src/io/errors.ts";

const FIELDS = { problem: "problem", answer: "answer", id: "id" };
const tmp = () => mkdtempSync(join(tmpdir(), "oxa-eval-in-"));

test("benchmarks: labels, row-number ids, numeric answers, other field names", async () => {
  assert.deepEqual(parseLabelled("aime=data/aime24.json"), { label: "aime", path: "data/aime24.json" });
  assert.deepEqual(parseLabelled("data/aime24.json"), { label: "aime24", path: "data/aime24.json" });
  const a = await loadBenchmark(resolve("test/eval/fixtures/bench-a.json"), FIELDS);
  assert.equal(a.name, "bench-a");
  assert.equal(a.problems.length, 12);
  assert.deepEqual(a.problems[1], { id: "2", problem: "What is 7 * 6?", answer: "42" });
  const d = tmp();
  const p = join(d, "q.jsonl");
  writeFileSync(p, '{"qid": 7, "question": "1+1?", "gold": "2"}\n');
  const b = await loadBenchmark(`q=${p}`, { problem: "question", answer: "gold", id: "qid" });
  assert.deepEqual(b.problems, [{ id: "7", problem: "1+1?", answer: "2" }]);
  // The hash follows the content.
  writeFileSync(p, '{"qid": 7, "question": "1+1?", "gold": "3"}\n');
  assert.notEqual((await loadBenchmark(p, { problem: "question", answer: "gold", id: "qid" })).hash, b.hash);
});

test("bad benchmark rows name file, line and field", async () => {
  const d = tmp();
  const p = join(d, "b.jsonl");
  writeFileSync(p, '{"problem": "x", "answer": "1"}\n{"problem": "y"}\n');
  await assert.rejects(loadBenchmark(p, FIELDS), (e: Error) => e instanceof InputError && e.message.includes(`${p}, line 2, field "answer"`));
  writeFileSync(p, '{"problem": "x", "answer": "1", "id": "a"}\n{"problem": "y", "answer": "2", "id": "a"}\n');
  await assert.rejects(loadBenchmark(p, FIELDS), /line 2, field "id": id "a" repeats line 1/);
  writeFileSync(p, '{"question": "x", "answer": "1"}\n');
  await assert.rejects(loadBenchmark(p, FIELDS), /line 1, field "problem".*--problem-field/);
  writeFileSync(p, "");
  await assert.rejects(loadBenchmark(p, FIELDS), /no problems/);
});

test("cache: the key follows every setting; the smallest complete entry with n >= k is used", () => {
  const s = { temperature: 0.6, top_p: 0.95, max_new_tokens: 64, seed: 0, apply_template: true, system_prompt: null };
  const k0 = cacheKey("m", "p", s);
  assert.equal(cacheKey("m", "p", { ...s }), k0);
  for (const other of [cacheKey("m2", "p", s), cacheKey("m", "p2", s), cacheKey("m", "p", { ...s, seed: 1 }), cacheKey("m", "p", { ...s, top_p: 0.9 })]) assert.notEqual(other, k0);
  const dir = tmp();
  const make = (n: number, complete: boolean) => {
    const e = cacheEntry(dir, k0, n);
    mkdirSync(e.dir, { recursive: true });
    writeFileSync(e.samples, "");
    if (complete) writeFileSync(e.meta, JSON.stringify({ model: "m", benchmark: "b", n, problems: 1, samples: n, settings: {}, finished_at: "x" }));
  };
  make(4, true);
  make(8, false);
  make(32, true);
  make(16, true);
  assert.equal(findComplete(dir, k0, 2)?.n, 4);
  assert.equal(findComplete(dir, k0, 5)?.n, 16); // n8 never finished
  assert.equal(findComplete(dir, k0, 17)?.n, 32);
  assert.equal(findComplete(dir, k0, 33), null);
  assert.equal(findComplete(dir, "other", 1), null);
});

test("grading keeps the first k samples per problem and refuses a short file", async () => {
  const d = tmp();
  const p = join(d, "s.jsonl");
  const line = (id: string, sample: number, text: string, n: number) => JSON.stringify({ id, sample, text, n_tokens: n, finish_reason: n > 9 ? "length" : "stop", mean_entropy: 1 });
  writeFileSync(p, [line("a", 1, "yes", 3), line("a", 0, "no", 4), line("a", 2, "yes", 10), line("b", 0, "yes", 5), line("b", 1, "yes", 6)].join("\n") + "\n");
  const grade = async (items: readonly { gold: string; response: string }[]) => items.map((i) => i.response === i.gold);
  const problems = [
    { id: "a", problem: "", answer: "yes" },
    { id: "b", problem: "", answer: "yes" },
  ];
  const ds = await gradeSamples(p, problems, 2, grade);
  assert.deepEqual(ds.map((x) => [x.id, x.correct, x.verdicts, x.lengths]), [
    ["a", 1, [0, 1], [4, 3]],
    ["b", 2, [1, 1], [5, 6]],
  ]);
  await assert.rejects(gradeSamples(p, problems, 3, grade), /problem "b" has 2 of the 3 samples/);
  writeFileSync(p, line("a", 0, "x", 1) + "\n" + line("a", 0, "x", 1) + "\n");
  await assert.rejects(gradeSamples(p, problems.slice(0, 1), 1, grade), /line 2, field "sample": sample 0 of problem "a" appears twice/);
});

test("tables render as aligned text, Markdown and quoted CSV", () => {
  const t = { headers: ["model", "pass@1"], rows: [["a|b", "1.0"], ['say "hi", ok', "22.5"]], right: [false, true] };
  assert.equal(renderText(t), 'model         pass@1\n------------  ------\na|b              1.0\nsay "hi", ok    22.5\n');
  assert.equal(renderMarkdown(t), '| model | pass@1 |\n| --- | ---: |\n| a\\|b | 1.0 |\n| say "hi", ok | 22.5 |\n');
  assert.equal(renderCsv(t), 'model,pass@1\na|b,1.0\n"say ""hi"", ok",22.5\n');
});

test("readResults refuses a file that is not an eval result, naming the field", () => {
  const d = tmp();
  const p = join(d, "results.json");
  writeFileSync(p, JSON.stringify({ version: 1, settings: { k: 4 }, benchmarks: [], models: { a: { path: "m", benchmarks: {}, average: { "pass@1": 3, "pass@k": 1 } } } }));
  assert.throws(() => readResults(p), (e: Error) => e instanceof InputError && e.message.includes(p) && e.message.includes('field "models.a.average.pass@1"'));
  writeFileSync(p, "{");
  assert.throws(() => readResults(p), /cannot read evaluation results/);
});

test("--buckets-from: a model label, a details file, or BENCH=file when several benchmarks", async () => {
  const hand = resolve("test/eval/fixtures/details-hand.jsonl");
  const bench = (name: string, ids: string[]) => ({ name, path: "", hash: "", problems: ids.map((id) => ({ id, problem: "", answer: "" })) });
  const one = [bench("a", ["p1", "p2"])];
  const two = [...one, bench("b", ["x"])];
  assert.deepEqual(await resolveBucketBase(["base"], ["base", "sft"], two), { kind: "model", label: "base" });
  assert.equal(await resolveBucketBase([], ["base"], two), null);
  const f = await resolveBucketBase([hand], ["sft"], one);
  assert.ok(f?.kind === "files" && f.byBench.get("a")?.length === 4);
  const g = await resolveBucketBase([`a=${hand}`], ["sft"], two);
  assert.ok(g?.kind === "files" && g.byBench.has("a") && !g.byBench.has("b"));
  await assert.rejects(resolveBucketBase([hand], ["sft"], two), (e: Error) => e instanceof UsageError && /name the benchmark/.test(e.message));
  await assert.rejects(resolveBucketBase(["nope"], ["sft"], one), /neither a model label of this run \(sft\) nor an existing details file/);
  await assert.rejects(resolveBucketBase([`b=${hand}`], ["sft"], two), /no problem id matches benchmark "b"/);
});
