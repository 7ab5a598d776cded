// Does `oxa rl` learn? On the built-in world: a tiny Qwen2 model is pretrained on the world's corpus
// and fine-tuned (SFT) on one teacher trace per train query (or a finished demo's SFT model, see
// --from-demo), then GRPO runs from it with rewards from the verifier. After the run, `oxa eval`
// samples --eval-k answers per held-out problem from the start and the final model at the rollout
// temperature (top-p 1): Pass@1 as the paper and `oxa eval` define it, the mean correctness over
// samples. The check passes when the mean training reward of the last steps is above that of the
// first steps and that held-out Pass@1 rose by more than chance: the 95 % interval of a paired
// bootstrap over problems (src/stats, the demo's comparison) lies above 0.
// The run's own greedy validation every --eval-every steps is reported beside it (problems gained
// and lost, exact McNemar p) but does not decide: greedy decoding reads only each problem's most
// likely answer, which GRPO's sharpening of the sampling distribution need not change.
// Every stage is a real `oxa` command; stages whose output exists are reused (delete --dir to redo).
//
// RL uses the level-1 problems (--level) the tiny SFT model sometimes solves: GRPO learns only from
// groups whose rewards differ, so the rollouts are drawn at 0.6 rather than the paper's 0.85 (at 0.85 this
// model solves about 1 in 60 of them and almost every group is all-zero).
//
// A stronger start and a larger held-out set (both off by default, so earlier figures reproduce):
//   --more-sft-queries N   a second world (seed + 1000, levels <= --level) adds N train queries; the SFT
//                          model then trains --more-sft-epochs more epochs on every teacher trace (all
//                          --responses of each query) of the level <= --level queries of both worlds
//   --more-test N          a third world (seed + 2000) adds N held-out problems of level <= --level to
//                          the validation set, minus any whose text is a train or pretrain query
//
// The demo's SFT model as the start (what issue 15 asks for; off by default, so earlier figures reproduce):
//   --from-demo DIR        a finished `oxa demo` run directory (or one world variant's subfolder of a
//                          study): its world and its SFT arm's model (the first run seed's) replace the
//                          world, pretrain and SFT above; the RL and validation problems are its
//                          world's level <= --level train and test problems (--more-test still adds)
//   --prompts-per-step 8 --n 8 --max-new-tokens 96   the GRPO step's size and the rollouts' cap
//   --eval-k 8             samples per held-out problem in the final comparison
//
//   node --import tsx bench/rl/learning-check.ts [--dir bench/out/rl-check] [--steps 20] [--lr 3e-4] [--seed 0] [--level 1] [--temperature 0.6] [--format-reward 0] [--sft-epochs 3]
//       [--more-sft-queries 0] [--more-sft-epochs 2] [--more-test 0] [--eval-every 10] [--kl-coef 0.001]
// Not a timed test: minutes on a small CPU. The figures in docs/benchmarks.md come from this script.
import { spawnSync } from "node:child_process";
import { readDetails } from "../../src/eval/index.ts";
import { pairedBootstrap, pairPerProblemPass } from "../../src/stats/index.ts";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { basename, dirname, join, resolve } from "node:path";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const dir = resolve(arg("dir", "bench/out/rl-check"));
const steps = arg("steps", "20");
const lr = arg("lr", "3e-4");
const level = Number(arg("level", "1"));
const temperature = arg("temperature", "0.6");
const formatReward = arg("format-reward", "0");
const sftEpochs = arg("sft-epochs", "3");
const seed = arg("seed", "0");
// The RL run's and the final eval's seed alone (rollout draws, prompt order, eval samples): --rl-seed 1
// repeats the GRPO run from the same start on the same held-out set. --seed also changes the worlds and
// every training seed; the extra worlds' folders are named by it (no suffix for seed 0), the check's own
// world, base and SFT folders are not (give another --seed its own --dir).
const rlSeed = arg("rl-seed", seed);
const seedTag = seed === "0" ? "" : `-seed${seed}`;
const moreSftQueries = Number(arg("more-sft-queries", "0"));
const moreSftEpochs = arg("more-sft-epochs", "2");
const moreTest = Number(arg("more-test", "0"));
const evalEvery = arg("eval-every", "10");
const klCoef = arg("kl-coef", "0.001");
const fromDemo = arg("from-demo", "");
const promptsPerStep = arg("prompts-per-step", "8");
const rollouts = arg("n", "8");
const maxNewTokens = arg("max-new-tokens", "96");
const evalK = arg("eval-k", "8");
const OXA = resolve("bin/oxa.mjs");

function oxa(label: string, done: string, args: string[]): void {
  if (existsSync(done)) return console.log(`${label}: reusing ${done}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [OXA, ...args], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, OXA_NO_PROGRESS: "1", OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? "2" } });
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}): oxa ${args.join(" ")}`);
  console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

const jsonl = (p: string) => readFileSync(p, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);

/** The check's own small world and model: world, a hidden-64 base pretrained on it, SFT on one trace per query. */
function ownStart(): { w: string; start: string; tag: string } {
  const w = join(dir, "world");
  oxa("world", join(w, "manifest.json"), ["world", "--out", w, "--seed", seed, "--n-train", "400", "--n-test", "48", "--n-pretrain", "800", "--max-level", "2"]);
  oxa("init", join(dir, "init", "config.json"), ["make-tiny-model", "--out", join(dir, "init"), "--corpus", join(w, "tokenizer.txt"), "--seed", seed, "--vocab-size", "512", "--hidden-size", "64", "--intermediate-size", "128", "--layers", "2", "--heads", "4", "--kv-heads", "2"]);
  oxa("pretrain data", join(dir, "pretrain.jsonl"), ["mix", "--ce", join(w, "pretrain.jsonl"), "--out", join(dir, "pretrain.jsonl"), "--suffix", ""]);
  oxa("base", join(dir, "base", "model", "config.json"), ["train", join(dir, "pretrain.jsonl"), "--model", join(dir, "init"), "--out", join(dir, "base"), "--mode", "sft", "--epochs", "2", "--global-batch", "32", "--micro-batch-size", "32", "--lr", "3e-3", "--cutoff", "2048", "--seed", seed, "--device", "cpu"]);
  // SFT data: the first teacher trace of every train query, with the reasoning instruction
  const sftRows = join(dir, "sft-rows.jsonl");
  if (!existsSync(sftRows)) writeFileSync(sftRows, jsonl(join(w, "train.jsonl")).map((r) => JSON.stringify({ id: r.id, query: r.query, response: r.responses[0], gold: r.gold }) + "\n").join(""));
  oxa("sft data", join(dir, "sft.jsonl"), ["mix", "--ce", sftRows, "--out", join(dir, "sft.jsonl")]);
  const sft = join(dir, sftEpochs === "3" ? "sft" : `sft-e${sftEpochs}`);
  oxa("sft", join(sft, "model", "config.json"), ["train", join(dir, "sft.jsonl"), "--model", join(dir, "base", "model"), "--out", sft, "--mode", "sft", "--epochs", sftEpochs, "--global-batch", "16", "--micro-batch-size", "16", "--lr", "1e-3", "--cutoff", "2048", "--seed", seed, "--device", "cpu"]);
  return { w, start: join(sft, "model"), tag: sftEpochs === "3" ? "" : `-sft${sftEpochs}` };
}

/** A finished demo's world and the SFT arm's model of its first run seed (`train-sft` or `train-sft-s<seed>`). */
function demoStart(demo: string): { w: string; start: string; tag: string } {
  const pipeline = join(resolve(demo), "pipeline");
  const stages = readdirSync(pipeline).filter((d) => /^train-sft(-s\d+)?$/.test(d)).sort((x, y) => x.length - y.length || x.localeCompare(y, "en", { numeric: true }));
  const start = stages.map((d) => join(pipeline, d, "out", "model")).find((m) => existsSync(join(m, "config.json")));
  if (!start) throw new Error(`--from-demo ${demo}: no finished SFT arm (${pipeline}/train-sft*/out/model)`);
  console.log(`start: ${start}`);
  return { w: join(pipeline, "world", "out"), start, tag: `-demo-${basename(resolve(demo))}-${basename(dirname(dirname(start)))}` };
}

const origin = fromDemo ? demoStart(fromDemo) : ownStart();
const w = origin.w;
let start = origin.start;
let tag = origin.tag;
const easy = (r: { level: number }) => r.level <= level;
const trainQueries = new Set([...jsonl(join(w, "train.jsonl")), ...jsonl(join(w, "pretrain.jsonl"))].map((r) => String(r.query ?? r.text ?? "")));
// the stronger start: every teacher trace of the easy queries, from this world and a second one
if (moreSftQueries > 0) {
  const w2 = join(dir, `world-more-${moreSftQueries}${seedTag}`);
  oxa("more sft world", join(w2, "manifest.json"), ["world", "--out", w2, "--seed", String(Number(seed) + 1000), "--n-train", String(moreSftQueries), "--n-test", "1", "--n-pretrain", "1", "--max-level", String(level)]);
  for (const r of jsonl(join(w2, "train.jsonl"))) trainQueries.add(String(r.query));
  const rows = ([["w1", jsonl(join(w, "train.jsonl"))], ["w2", jsonl(join(w2, "train.jsonl"))]] as [string, any[]][]).flatMap(([name, rs]) =>
    rs.filter(easy).flatMap((r: { id: string; query: string; gold: string; responses: string[] }) =>
      r.responses.map((response, i) => JSON.stringify({ id: `${name}-${r.id}-${i}`, query: r.query, response, gold: r.gold }) + "\n"),
    ),
  );
  const moreRows = join(dir, `sft-more-${moreSftQueries}${seedTag}-rows.jsonl`);
  const moreData = join(dir, `sft-more-${moreSftQueries}${seedTag}.jsonl`);
  if (!existsSync(moreRows)) writeFileSync(moreRows, rows.join(""));
  oxa("more sft data", moreData, ["mix", "--ce", moreRows, "--out", moreData]);
  const sft2 = `${fromDemo ? join(dir, `sft${tag}`) : dirname(start)}-more${moreSftQueries}-e${moreSftEpochs}${seedTag}`;
  oxa("more sft", join(sft2, "model", "config.json"), ["train", moreData, "--model", start, "--out", sft2, "--mode", "sft", "--epochs", moreSftEpochs, "--global-batch", "16", "--micro-batch-size", "16", "--lr", "1e-3", "--cutoff", "2048", "--seed", seed, "--device", "cpu"]);
  start = join(sft2, "model");
  tag += `-more${moreSftQueries}e${moreSftEpochs}`;
}
const rlTrain = join(dir, `rl-train-level${level}.jsonl`);
const rlTest = join(dir, `rl-test-level${level}${moreTest ? `-more${moreTest}${seedTag}` : ""}.json`);
writeFileSync(rlTrain, jsonl(join(w, "train.jsonl")).filter(easy).map((r) => JSON.stringify({ id: r.id, query: r.query, gold: r.gold }) + "\n").join(""));
let test = JSON.parse(readFileSync(join(w, "test.json"), "utf8")).filter(easy);
if (moreTest > 0) {
  const w3 = join(dir, `world-test-${moreTest}${seedTag}`);
  oxa("more test world", join(w3, "manifest.json"), ["world", "--out", w3, "--seed", String(Number(seed) + 2000), "--n-train", "1", "--n-test", String(moreTest), "--n-pretrain", "1", "--max-level", String(level)]);
  const seen = new Set([...trainQueries, ...test.map((r: { problem: string }) => r.problem)]);
  const extra = JSON.parse(readFileSync(join(w3, "test.json"), "utf8")).filter((r: { level: number; problem: string }) => easy(r) && !seen.has(r.problem));
  console.log(`more test: ${extra.length} of ${moreTest} problems kept (the rest repeat a train, pretrain or test query)`);
  test = [...test, ...extra.map((r: { id: string }) => ({ ...r, id: `more-${r.id}` }))];
}
writeFileSync(rlTest, JSON.stringify(test));
const run = join(dir, `rl-steps${steps}-lr${lr}-seed${rlSeed}-level${level}-t${temperature}-f${formatReward}${tag}${moreTest ? `-test${test.length}` : ""}${klCoef === "0.001" ? "" : `-kl${klCoef}`}${promptsPerStep === "8" && rollouts === "8" ? "" : `-p${promptsPerStep}x${rollouts}`}${maxNewTokens === "96" ? "" : `-tok${maxNewTokens}`}`);
oxa("rl", join(run, "rl-summary.json"), [
  "rl", rlTrain, "--model", start, "--out", run, "--validation", rlTest,
  "--preset", "tiny", "--steps", steps, "--lr", lr, "--seed", rlSeed, "--eval-every", evalEvery, "--n", rollouts, "--prompts-per-step", promptsPerStep, "--max-new-tokens", maxNewTokens, "--temperature", temperature, "--format-reward", formatReward, "--kl-coef", klCoef, "--device", "cpu",
]);
// held-out Pass@1 over --eval-k samples at the rollout temperature, start against final model
const evalDir = join(run, `eval-k${evalK}`);
oxa("eval", join(evalDir, "results.json"), [
  "eval", "--model", `start=${start}`, "--model", `rl=${join(run, "model")}`, "--bench", `held=${rlTest}`, "--k", evalK,
  "--temperature", temperature, "--top-p", "1", "--max-new-tokens", maxNewTokens, "--seed", rlSeed, "--device", "cpu", "--out", evalDir,
]);
const evalModels = JSON.parse(readFileSync(join(evalDir, "results.json"), "utf8")).models;
const heldOut = (label: string) => {
  const b = evalModels[label].benchmarks.held;
  return { pass_at_1: b["pass@1"], pass_at_1_se: b["pass@1_se"], [`pass_at_${evalK}`]: b[`pass@${evalK}`], entropy: b.entropy, mean_length: b.mean_length };
};
const pairs = pairPerProblemPass(await readDetails(join(evalDir, "rl", "held", "details.jsonl")), await readDetails(join(evalDir, "start", "held", "details.jsonl")));
const sampled = pairedBootstrap(pairs.arm, pairs.reference, { b: 2000, seed: Number(rlSeed), level: 0.95 });

const m = jsonl(join(run, "metrics.jsonl"));
const v = jsonl(join(run, "validation.jsonl"));
const k = Math.max(1, Math.floor(m.length / 5));
const first = mean(m.slice(0, k).map((r) => r.reward_mean));
const last = mean(m.slice(-k).map((r) => r.reward_mean));
// the verdict part of each reward: correct iff reward >= 1 (a format reward below 1 never reaches it)
const accuracy = (step: number) => mean(jsonl(join(run, "rollouts", `step-${String(step).padStart(6, "0")}.rewards.jsonl`)).map((r) => (r.reward >= 1 ? 1 : 0)));
const acc = m.map((r) => accuracy(r.step));
const validationCorrect = (step: number) => new Map<string, boolean>(jsonl(join(run, "rollouts", `validation-${String(step).padStart(6, "0")}.rewards.jsonl`)).map((r) => [`${r.id}/${r.sample}`, r.reward >= 1]));
function mcnemar(a: Map<string, boolean>, b: Map<string, boolean>): { gained: number; lost: number; p: number } {
  let gained = 0, lost = 0;
  for (const [k, x] of a) {
    if (!x && b.get(k)) gained++;
    if (x && !b.get(k)) lost++;
  }
  const n = gained + lost;
  // P(X <= min) under Binomial(n, 1/2), doubled; products of ratios keep it exact enough without big factorials
  let term = 0.5 ** n, tail = 0;
  for (let i = 0; i <= Math.min(gained, lost); i++) {
    tail += term;
    term *= (n - i) / (i + 1);
  }
  return { gained, lost, p: n === 0 ? 1 : Math.min(1, 2 * tail) };
}
const report = {
  steps: m.length, lr, seed, rlSeed, level, temperature, formatReward,
  reward: { firstSteps: k, first, last },
  entropy: { first: m[0].entropy, last: m.at(-1).entropy },
  kl: { last: m.at(-1).kl },
  pass_at_1: v.map((r) => [r.step, r.pass_at_1]),
  seconds: { rollout: mean(m.map((r) => r.rollout_s)), reward: mean(m.map((r) => r.reward_s)), update: mean(m.map((r) => r.update_s)) },
  // with a format reward the training reward can rise without a single more correct answer
  trainAccuracy: { first: mean(acc.slice(0, k)), last: mean(acc.slice(-k)), all: JSON.parse(readFileSync(join(run, "rl-summary.json"), "utf8")).trainAccuracy },
  // paired over the held-out problems (greedy, one answer each): problems gained and lost between the
  // first and the last validation, and the exact two-sided McNemar p of that split
  pass_at_1_paired: mcnemar(validationCorrect(v[0].step), validationCorrect(v.at(-1).step)),
  // what decides: eval's Pass@1 over --eval-k samples, start vs final model, paired bootstrap over problems
  sampled: { k: Number(evalK), temperature: Number(temperature), start: heldOut("start"), rl: heldOut("rl"), paired: sampled },
  learned: false,
};
report.learned = last > first && sampled.ciLow > 0;
console.log(JSON.stringify(report, null, 1));
const rose = (b: boolean) => (b ? "rose" : "did not rise");
const pr = report.pass_at_1_paired;
const pct = (x: number) => `${(100 * x).toFixed(1)}`;
console.log(
  `${report.learned ? "PASS" : "FAIL"}: mean training reward ${rose(last > first)} (${first.toFixed(3)} -> ${last.toFixed(3)}); held-out Pass@1 over ${evalK} samples at T ${temperature} ` +
    `${pct(report.sampled.start.pass_at_1)} -> ${pct(report.sampled.rl.pass_at_1)} %, paired difference ${pct(sampled.meanDiff)} points, 95 % bootstrap interval [${pct(sampled.ciLow)}, ${pct(sampled.ciHigh)}] (a pass needs it above 0); ` +
    `greedy validation ${pct(v[0].pass_at_1)} -> ${pct(v.at(-1).pass_at_1)} % (${pr.gained} gained, ${pr.lost} lost, McNemar p = ${pr.p.toPrecision(2)})`,
);
process.exitCode = report.learned ? 0 : 1;
