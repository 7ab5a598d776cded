// The premise world (`oxa world --variant premise`): the control world unchanged byte for byte,
// the same problems, answers and style draws in both, every rare premise response the control
// response with small-step lines inserted, and every line of those steps recomputed here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng, generateProblem, runWorldStage, teach, worldStageConfig, worldVariantDefaults, writeWorld, DEFAULT_STYLE_WEIGHTS, MAX_LEVEL, MIN_LEVEL, STYLE_IDS, WORLD_VARIANTS, type TrainRecord, type WorldConfig } from "../../src/world/index.ts";
import { explainer } from "../../src/world/small-steps/explain-step.ts";
import { frac, show } from "../../src/world/fraction.ts";
import { nullProgress } from "../../src/io/progress.ts";
import { verify } from "../../src/verify/index.ts";
import { boxedAnswer, claims, evaluate } from "./exact.ts";
import { checkSmallSteps, SMALL_STEP } from "./small-steps-check.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "oxa-premise-"));
const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const jsonl = <T>(path: string): T[] => readFileSync(path, "utf8").trim().split("\n").map((l) => JSON.parse(l) as T);
const thinkLines = (resp: string) => resp.slice(8, resp.indexOf("\n</think>")).split("\n");
const outside = (resp: string) => resp.slice(resp.indexOf("\n</think>"));

/** Every equation in `lines` is true (the tests' own rational arithmetic); returns how many. */
function checkClaims(lines: readonly string[], context: string): number {
  let n = 0;
  for (const sides of claims(lines.join("\n"))) {
    const values = sides.map((s) => evaluate(s).join("/"));
    assert.ok(values.every((v) => v === values[0]), `false claim ${sides.join(" = ")} in:\n${context}`);
    n++;
  }
  return n;
}

// sha256 of each file, written by this repository's `oxa world` at commit 7900212, before variants existed.
const BEFORE_VARIANTS: Record<string, { args: Record<string, unknown>; files: Record<string, string> }> = {
  "defaults, seed 0": {
    args: { seed: 0 },
    files: {
      "manifest.json": "542de55e6b0cda01163362476e87dd987dbcc624769c9d861948807fcb17c887",
      "pretrain.jsonl": "0c72277adc2d9e91d149cfbd56c5e9a1b5c9a712bb08e31c4bc0090da28c8cf5",
      "test.json": "ba897d1a2feb5dd9e3a9aaef7ba3ad24f5c25fd3305fd73c6f5dd6693a6cf30a",
      "tokenizer.txt": "5b963f17fab4e483061188d39499b73146156a4cfb7a649718e03c8da1389521",
      "train.jsonl": "115a457fb79dd0705784288f1180cb461a3dd739588cf59415e0db447c1c3cb4",
    },
  },
  "seed 3, rare styles in pretraining": {
    args: { seed: 3, nTrain: 300, nTest: 40, nPretrain: 300, pretrainOtherShare: 0.2, maxLevel: 6 },
    files: {
      "manifest.json": "46f6249988e6fbfc8079300ae21a7d12c6dc639f366b9913fe99e314215a3661",
      "pretrain.jsonl": "de7909bb17f1882baec13faa4088e043f81cdd7a5992c356bbbf55cb75407592",
      "test.json": "262686cb9a16346019b2e9e52e551de18293ff5ba1a874dea9838cdc952b7438",
      "tokenizer.txt": "43994abf49bdf8dd3640cdbaa39a411b37ade0e0dbe43ec2c521eef027f29ec8",
      "train.jsonl": "c2ce79e2d5ccbdaa38eacbe1249d489b6ee14079e9f40aa196240e20b92e1399",
    },
  },
};

test("the control world (the default) is byte-identical to the world before variants, manifest included", async () => {
  for (const [name, { args, files }] of Object.entries(BEFORE_VARIANTS)) {
    for (const variant of [undefined, "control"]) {
      const d = tmp();
      await runWorldStage(worldStageConfig.parse({ out: d, ...args, ...(variant ? { variant } : {}) }), { progress: () => nullProgress });
      assert.deepEqual(Object.fromEntries(readdirSync(d).sort().map((f) => [f, sha(join(d, f))])), files, `${name}, variant ${variant}`);
    }
  }
});

const base: WorldConfig = { seed: 11, nTrain: 500, nTest: 60, nPretrain: 200, responses: 4, minLevel: 1, maxLevel: 6, unknownShare: 0.4, styleWeights: DEFAULT_STYLE_WEIGHTS, pretrainStyle: "terse", pretrainOtherShare: 0.3 };
const dirs = { control: tmp(), premise: tmp() };
const summaries = {
  control: await writeWorld({ ...base, ...worldVariantDefaults("control") }, dirs.control),
  premise: await writeWorld({ ...base, ...worldVariantDefaults("premise") }, dirs.premise),
};
const train = { control: jsonl<TrainRecord>(join(dirs.control, "train.jsonl")), premise: jsonl<TrainRecord>(join(dirs.premise, "train.jsonl")) };

test("same seed: the same problems, gold answers, test set and style draws in both variants; only rare responses differ", () => {
  assert.equal(readFileSync(join(dirs.premise, "test.json"), "utf8"), readFileSync(join(dirs.control, "test.json"), "utf8"));
  assert.deepEqual(summaries.premise.styles, summaries.control.styles);
  assert.deepEqual(summaries.premise.levels, summaries.control.levels);
  let rare = 0;
  let changed = 0;
  train.control.forEach((c, i) => {
    const p = train.premise[i];
    assert.deepEqual({ ...p, responses: [] }, { ...c, responses: [] }, c.id);
    c.responses.forEach((resp, j) => {
      if (c.styles[j] === "terse") assert.equal(p.responses[j], resp, "terse leaps in both worlds");
      else {
        rare++;
        if (p.responses[j] !== resp) changed++;
      }
    });
  });
  // a problem with no hard step (say 7 + 2 + 3, or 20 * 3) gets no small steps: 69 of 576 rare responses here
  assert.ok(rare > 300 && changed / rare > 0.8, `${changed} of ${rare} rare responses changed`);
  const manifest = JSON.parse(readFileSync(join(dirs.premise, "manifest.json"), "utf8"));
  assert.equal(manifest.config.variant, "premise");
  assert.equal(JSON.parse(readFileSync(join(dirs.control, "manifest.json"), "utf8")).config.variant, undefined);
});

test("a rare premise response is its control response with small-step lines inserted, and nothing else", () => {
  const pre = { control: jsonl<{ response: string; style: string }>(join(dirs.control, "pretrain.jsonl")), premise: jsonl<{ response: string; style: string }>(join(dirs.premise, "pretrain.jsonl")) };
  const pairs = [...train.control.flatMap((c, i) => c.responses.map((r, j) => [r, train.premise[i].responses[j]])), ...pre.control.map((c, i) => [c.response, pre.premise[i].response])];
  let inserted = 0;
  for (const [c, p] of pairs) {
    assert.equal(outside(p), outside(c));
    const cl = thinkLines(c);
    let k = 0;
    for (const line of thinkLines(p)) {
      if (k < cl.length && line === cl[k]) k++;
      else {
        assert.match(line, SMALL_STEP, `not a small step:\n${p}`);
        inserted++;
      }
    }
    assert.equal(k, cl.length, `control lines missing from:\n${p}`);
  }
  assert.ok(inserted > 3000, `${inserted}`);
});

test("property: in every premise response over many seeded problems each equation, carry, chunk and estimate is exact and the boxed answer is the gold (and oxa verify agrees)", () => {
  let responses = 0;
  let blocks = 0;
  let equations = 0;
  for (let level = MIN_LEVEL; level <= MAX_LEVEL; level++) {
    for (const kind of ["story", "unknown"] as const) {
      for (const style of STYLE_IDS) {
        for (let k = 0; k < 40; k++) {
          const rng = createRng("premise-property", level, kind, style, k);
          const p = generateProblem(kind, level, rng);
          const resp = teach(p, style, rng, "premise");
          assert.equal(boxedAnswer(resp), show(p.answer));
          if (k % 4 === 0) assert.equal(verify(show(p.answer), resp, { mode: "strict" }).correct, true, `the verifier refuses:\n${resp}`);
          const lines = thinkLines(resp);
          equations += checkClaims(lines, resp);
          blocks += checkSmallSteps(lines);
          responses++;
        }
      }
    }
  }
  assert.equal(responses, 6 * 2 * 5 * 40);
  assert.ok(blocks > 4000 && equations > 30000, `${blocks} blocks, ${equations} equations`);
});

test("property: each method's small steps for random values and operations, up to five-digit numbers and fractions", () => {
  const rng = createRng("premise-explainer");
  const kinds = ["add", "sub", "mul", "div", "part"] as const;
  let blocks = 0;
  for (const mul of ["place-value", "columns"] as const) {
    for (const div of ["chunks", "estimate"] as const) {
      const explain = explainer({ mul, div });
      for (let i = 0; i < 600; i++) {
        const v = rng.next() < 0.6 ? frac(rng.int(1, 99999)) : frac(rng.int(1, 9999), rng.int(2, 60));
        const kind = kinds[rng.int(0, 4)];
        const k = kind === "part" ? frac(rng.int(1, 8), 9) : rng.next() < 0.8 ? frac(rng.int(2, kind === "add" || kind === "sub" ? 999 : 9)) : frac(rng.int(1, 40), rng.int(2, 12));
        const lines = explain(v, { kind, k });
        const ctx = `${show(v)} ${kind} ${show(k)}:\n${lines.join("\n")}`;
        checkClaims(lines, ctx);
        blocks += checkSmallSteps(lines);
        for (const l of lines) assert.match(l, SMALL_STEP, ctx);
      }
    }
  }
  assert.ok(blocks > 2000, `${blocks}`);
});

test("every hard whole-number product and quotient a premise story works out is preceded by its small steps", () => {
  const openers: Record<string, (a: string, op: string, k: string) => string> = {
    verify: (a, op, k) => (op === "*" ? `Multiply ${a} by ${k} column by column` : `Estimate ${a} / ${k} as about`),
    narrative: (a, op, k) => (op === "*" ? `Work out ${a} * ${k} by place value` : `Divide ${a} by ${k} in place-value chunks`),
  };
  let hard = 0;
  for (const r of train.premise) {
    if (r.kind !== "story") continue;
    r.responses.forEach((resp, j) => {
      const opener = openers[r.styles[j]];
      if (!opener) return;
      const all = thinkLines(resp);
      const end = all.findIndex((l) => l.startsWith("So the result is") || l.startsWith("After all"));
      const lines = all.slice(0, end); // verify's check after it runs the steps back unexplained
      lines.forEach((line, i) => {
        const m = SMALL_STEP.test(line) ? null : line.match(/(?:^|: )(\d+) ([*/]) (\d+) = (\d+)(?: [a-z]+\.)?$/);
        if (!m || (m[2] === "*" && m[1].replace(/0/g, "").length < 2) || (m[2] === "/" && Number(m[4]) < 10)) return;
        const want = opener(m[1], m[2], m[3]);
        assert.ok(lines.slice(Math.max(0, i - 3), i).some((l) => l.startsWith(want)), `${line} without "${want}":\n${resp}`);
        hard++;
      });
    });
  }
  assert.ok(hard > 50, `${hard}`); // 64 at seed 11
});

test("the small-step checker fails on a wrong carry, a wrong partial product, a wrong chunk and an unreduced fraction", () => {
  const good = ["Multiply 144 by 7 column by column from the right: 4 * 7 = 28, write 8 and carry 2; 4 * 7 + 2 = 30, write 0 and carry 3; 1 * 7 + 3 = 10, write 10; the digits read 1008."];
  assert.equal(checkSmallSteps(good), 1);
  assert.throws(() => checkSmallSteps([good[0].replace("carry 3; 1 * 7 + 3", "carry 3; 1 * 7 + 2")]), /carry/);
  assert.throws(() => checkSmallSteps([good[0].replace("read 1008", "read 1018")]), /digits read/);
  const pv = ["Work out 144 * 7 by place value: 144 = 100 + 40 + 4.", "100 * 7 = 700, 40 * 7 = 280, 4 * 7 = 28.", "Add the parts: 700 + 280 = 980, 980 + 28 = 1008."];
  assert.equal(checkSmallSteps(pv), 1);
  assert.throws(() => checkSmallSteps([pv[0], "100 * 7 = 700, 4 * 7 = 28.", "Add the parts: 700 + 28 = 728."]), /partial products/);
  const ch = ["Divide 1008 by 9 in place-value chunks: 100 * 9 = 900 and 1008 - 900 = 108; 10 * 9 = 90 and 108 - 90 = 18; 2 * 9 = 18 and 18 - 18 = 0.", "So the whole part is 100 + 10 + 2 = 112."];
  assert.equal(checkSmallSteps(ch), 1);
  assert.throws(() => checkSmallSteps([ch[0], "So the whole part is 100 + 10 + 2 = 112, with 1 left over."]), /remainder/);
  assert.throws(() => checkSmallSteps(["Both divide by 2: 36 / 2 = 18 and 24 / 2 = 12, so 36/24 = 18/12."]), /greatest common factor is 12/);
  assert.equal(checkSmallSteps(["Go up to the ten first: 17 + 5 = 17 + 3 + 2 = 20 + 2 = 22."]), 1);
  assert.throws(() => checkSmallSteps(["Go up to the ten first: 17 + 5 = 17 + 2 + 3 = 19 + 3 = 22."]), /next ten/);
  assert.throws(() => checkSmallSteps(["34 and 12 have no common factor, so 34/12 is in lowest terms."]), /common factor/);
  assert.throws(() => checkSmallSteps(["Estimate 1008 / 9 as about 100 and check by multiplying back: 100 * 9 = 900.", "That is short by 1008 - 900 = 108, and 108 = 12 * 9, so correct the estimate up: 100 + 12 = 112.", "Check: 112 * 9 = 1008."]), /nearest ten/);
});

test("oxa world --variant premise writes the world's files; an unknown variant is refused", async () => {
  const { runCommand } = await import("../../src/cli/run-command.ts");
  const { worldCommand } = await import("../../src/cli/commands/world.ts");
  const { PassThrough } = await import("node:stream");
  const io = () => {
    const stdout = new PassThrough();
    let text = "";
    stdout.on("data", (d) => (text += d));
    return { stdout, stderr: new PassThrough(), text: () => text } as any;
  };
  const d = tmp();
  const ok = io();
  assert.equal(await runCommand(worldCommand, ["--out", d, "--variant", "premise", "--n-train", "40", "--n-test", "5", "--n-pretrain", "10", "--json"], ok), 0);
  assert.deepEqual(JSON.parse(ok.text()).counts, { train: 40, test: 5, pretrain: 10, responses: 160 });
  assert.deepEqual(readdirSync(d).sort(), ["manifest.json", "pretrain.jsonl", "test.json", "tokenizer.txt", "train.jsonl"]);
  const rows = jsonl<TrainRecord>(join(d, "train.jsonl"));
  assert.ok(rows.some((r) => r.responses.some((x) => thinkLines(x).some((l) => SMALL_STEP.test(l)))), "some response has small steps");
  assert.equal(JSON.parse(readFileSync(join(d, "manifest.json"), "utf8")).config.variant, "premise");
  await assert.rejects(runCommand(worldCommand, ["--out", d, "--variant", "bogus"], io()), new RegExp(`--variant.*(${WORLD_VARIANTS.join("|")})`));
});
