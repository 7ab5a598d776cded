import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeWorld, DEFAULT_STYLE_WEIGHTS, STYLE_IDS, type WorldConfig, type TrainRecord, type TestRecord, type PretrainRecord } from "../../src/world/index.ts";
import { boxedAnswer, claims, evaluate, solveProgram } from "./exact.ts";

const base: WorldConfig = { seed: 7, nTrain: 600, nTest: 80, nPretrain: 300, responses: 4, minLevel: 1, maxLevel: 6, unknownShare: 0.4, styleWeights: DEFAULT_STYLE_WEIGHTS, pretrainStyle: "terse", pretrainOtherShare: 0 };
const tmp = () => mkdtempSync(join(tmpdir(), "oxa-world-"));
const read = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), "utf8")]));
const jsonl = <T>(text: string): T[] => text.trim().split("\n").map((l) => JSON.parse(l) as T);

const dir = tmp();
const summary = await writeWorld(base, dir);
const files = read(dir);
const train = jsonl<TrainRecord>(files["train.jsonl"]);
const testSet = JSON.parse(files["test.json"]) as TestRecord[];
const pretrain = jsonl<PretrainRecord>(files["pretrain.jsonl"]);

test("the same seed gives byte-identical files; another seed gives other files", async () => {
  const again = tmp();
  await writeWorld(base, again);
  assert.deepEqual(read(again), files);
  const other = tmp();
  await writeWorld({ ...base, seed: 8 }, other);
  const o = read(other);
  for (const f of ["train.jsonl", "test.json", "pretrain.jsonl", "tokenizer.txt"]) assert.notEqual(o[f], files[f], f);
});

test("the test set does not depend on how many train or pretraining problems are drawn", async () => {
  const d = tmp();
  await writeWorld({ ...base, nTrain: 50, nPretrain: 10 }, d);
  assert.equal(readFileSync(join(d, "test.json"), "utf8"), files["test.json"]);
});

test("counts and shapes: list-per-query train rows, {problem, answer} test rows, disjoint splits", () => {
  assert.equal(train.length, 600);
  assert.equal(testSet.length, 80);
  assert.equal(pretrain.length, 300);
  assert.deepEqual(summary.counts, { train: 600, test: 80, pretrain: 300, responses: 2400 });
  for (const r of train) {
    assert.equal(r.responses.length, 4);
    assert.equal(r.styles.length, 4);
    for (const s of r.styles) assert.ok((STYLE_IDS as readonly string[]).includes(s));
  }
  const texts = [...train.map((r) => r.query), ...testSet.map((r) => r.problem), ...pretrain.map((r) => r.query)];
  assert.equal(new Set(texts).size, texts.length, "no problem text appears twice across splits");
  const manifest = JSON.parse(files["manifest.json"]);
  assert.deepEqual(manifest.counts, summary.counts);
});

test("gold answers equal an independent evaluation of each problem's program, whose numbers are in the text", () => {
  for (const r of [...train.map((t) => ({ text: t.query, answer: t.gold, program: t.program })), ...testSet.map((t) => ({ text: t.problem, answer: t.answer, program: t.program }))]) {
    assert.equal(solveProgram(r.program), r.answer, r.program);
    const words = ` ${r.text.replace(/[.,?]/g, " ")} `;
    for (const n of r.program.split("=")[0].match(/\d+(\/\d+)?/g) ?? []) assert.ok(words.includes(` ${n.replace(/[()]/g, "")} `) || n.includes("/"), `${n} of ${r.program} not in: ${r.text}`);
  }
});

test("every teacher response is well formed, every arithmetic claim in it is true, and its boxed answer is the gold", () => {
  let checked = 0;
  const all = [...train.flatMap((r) => r.responses.map((resp) => ({ resp, gold: r.gold }))), ...pretrain.map((p) => ({ resp: p.response, gold: solveProgram(p.program) }))];
  for (const { resp, gold } of all) {
    assert.match(resp, /^<think>\n[\s\S]+\n<\/think>\n[\s\S]*\\boxed\{[^\n]+\}\.$/);
    assert.equal(boxedAnswer(resp), gold);
    const think = resp.slice(7, resp.indexOf("</think>"));
    const cs = claims(think);
    assert.ok(cs.length > 0, `no checkable arithmetic in:\n${resp}`);
    for (const sides of cs) {
      const values = sides.map((s) => evaluate(s).join("/"));
      assert.ok(values.every((v) => v === values[0]), `false claim ${sides.join(" = ")} in:\n${resp}`);
      checked++;
    }
  }
  assert.ok(checked > 5000, `only ${checked} claims checked`);
});

test("style frequencies follow the weights (within 4 binomial standard deviations); pretraining is terse only", () => {
  const total = Object.values(DEFAULT_STYLE_WEIGHTS).reduce((a, b) => a + b, 0);
  const n = train.length * 4;
  for (const s of STYLE_IDS) {
    const p = DEFAULT_STYLE_WEIGHTS[s] / total;
    const seen = train.flatMap((r) => r.styles).filter((x) => x === s).length;
    assert.equal(summary.styles[s], seen);
    assert.ok(Math.abs(seen / n - p) < 4 * Math.sqrt((p * (1 - p)) / n), `${s}: ${seen}/${n} vs ${p}`);
  }
  // terse = nothing but worked lines
  for (const p of pretrain) {
    const think = p.response.slice(8, p.response.indexOf("\n</think>")).split("\n");
    for (const line of think) assert.match(line, /^[\d\s()+\-*/]+ = [\d/]+$/, line);
    assert.equal(p.text, `${p.query}\n\n${p.response}`);
  }
  const tok = files["tokenizer.txt"];
  for (const marker of ["Step 1:", "Now verify", "Work with fractions", "Let x be the number"]) assert.ok(tok.includes(marker), marker);
});

test("custom style weights are honoured: a zero weight never appears", async () => {
  const d = tmp();
  const s = await writeWorld({ ...base, nTrain: 100, nPretrain: 0, nTest: 0, styleWeights: { ...DEFAULT_STYLE_WEIGHTS, terse: 0, algebra: 0 } }, d);
  assert.equal(s.styles.terse, 0);
  assert.equal(s.styles.algebra, 0);
  assert.equal(s.counts.responses, 400);
});

test("difficulty: level = number of operations, operands grow with the level, levels are spread evenly", () => {
  const byLevel = new Map<number, number[]>();
  for (const r of train) {
    const lhs = r.program.split("=")[0];
    const ops = (lhs.replace(/\(\d+\/\d+\)/g, "F").match(/ [-+*/] /g) ?? []).length;
    assert.equal(ops, r.level, r.program);
    const nums = (lhs.replace(/\(\d+\/\d+\)/g, "").match(/\d+/g) ?? []).map(Number);
    byLevel.set(r.level, [...(byLevel.get(r.level) ?? []), Math.max(0, ...nums)]);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const means = [1, 2, 3, 4, 5, 6].map((l) => mean(byLevel.get(l) ?? []));
  for (let l = 1; l < 6; l++) assert.ok(means[l] > means[l - 1], `mean largest operand ${means.join(", ")}`);
  for (let l = 1; l <= 6; l++) assert.ok((byLevel.get(l)?.length ?? 0) > 600 / 6 / 2, `level ${l}`);
});

test("the tests' own checker rejects false claims and ignores algebra with x", () => {
  const bad = claims("Step 2: she adds 9 liters, so now she has 1 + 9 = 11 liters.");
  assert.deepEqual(bad, [["1 + 9", "11"]]);
  assert.notEqual(evaluate(bad[0][0]).join("/"), evaluate(bad[0][1]).join("/"));
  assert.deepEqual(claims("So 2x + 14 = 40, 2x = 26. Move the constant: 40 - 14 = 26, x = 13."), [["40 - 14", "26"]]);
  assert.equal(boxedAnswer("The answer is \\boxed{\\frac{34}{6}}."), "17/3");
});

test("oxa world: flags, --json, and clear errors for bad styles and levels", async () => {
  const { runCommand } = await import("../../src/cli/run-command.ts");
  const { worldCommand } = await import("../../src/cli/commands/world.ts");
  const { PassThrough } = await import("node:stream");
  const io = () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let text = "";
    stdout.on("data", (d) => (text += d));
    return { stdout, stderr, text: () => text } as any;
  };
  const d = tmp();
  const ok = io();
  assert.equal(await runCommand(worldCommand, ["--out", d, "--n-train", "5", "--n-test", "2", "--n-pretrain", "3", "--pretrain-style", "algebra", "--json"], ok), 0);
  assert.deepEqual(JSON.parse(ok.text()).counts, { train: 5, test: 2, pretrain: 3, responses: 20 });
  const pre = jsonl<PretrainRecord>(readFileSync(join(d, "pretrain.jsonl"), "utf8"));
  assert.ok(pre.every((p) => p.response.includes("Combine neighbouring steps") || p.response.includes("Let x be the number")));
  await assert.rejects(runCommand(worldCommand, ["--out", d, "--style-weight", "fancy=3"], io()), /--style-weight: unknown style "fancy" \(styles: terse, narrative, verify, fraction, algebra\)/);
  await assert.rejects(runCommand(worldCommand, ["--out", d, "--style-weight", "terse"], io()), /--style-weight.*expected STYLE=WEIGHT/);
  await assert.rejects(runCommand(worldCommand, ["--out", d, "--min-level", "5", "--max-level", "2"], io()), /--min-level: --min-level must not exceed --max-level/);
  await assert.rejects(runCommand(worldCommand, ["--out", d, "--max-level", "7"], io()), /--max-level: .*<=6/);
});

test("--pretrain-other-share mixes other styles into the pretraining corpus at that rate", async () => {
  const d = tmp();
  await writeWorld({ ...base, nTrain: 0, nTest: 0, nPretrain: 2000, pretrainOtherShare: 0.1 }, d);
  const docs = jsonl<PretrainRecord>(readFileSync(join(d, "pretrain.jsonl"), "utf8"));
  const other = docs.filter((x) => x.style !== "terse");
  assert.ok(Math.abs(other.length / 2000 - 0.1) < 4 * Math.sqrt((0.1 * 0.9) / 2000), `${other.length}`);
  assert.ok(new Set(other.map((x) => x.style)).size === 4);
  for (const x of other) assert.ok(!/^<think>\n(\S+ [-+*/] \S+ = \S+\n)+<\/think>/.test(x.response), "not terse");
  assert.ok(pretrain.every((x) => x.style === "terse"));
});
