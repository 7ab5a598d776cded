// Kill-and-resume through a real engine stage: world -> verify -> score (tiny model, CPU) ->
// select. `oxa run` is SIGKILLed while `score` is writing, rerun, and every stage's outputs are
// compared with an uninterrupted run's. About a minute of CPU; not part of the test suite.
//
//   node --import tsx bench/pipeline/kill-resume-engine.ts [--dir bench/out/kill-resume] [--n-train 400]
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runJob } from "../../src/engine/run-job.ts";
import { writeWorld, DEFAULT_STYLE_WEIGHTS } from "../../src/world/index.ts";
import { listFiles, hashFile } from "../../src/common/content-hash.ts";

const { values } = parseArgs({ options: { dir: { type: "string", default: "bench/out/kill-resume" }, "n-train": { type: "string", default: "400" } } });
const dir = resolve(values.dir!);
rmSync(dir, { recursive: true, force: true });
const bin = resolve("bin/oxa.mjs");

const corpus = join(dir, "corpus");
await writeWorld({ seed: 9, nTrain: 200, nTest: 0, nPretrain: 500, responses: 4, minLevel: 1, maxLevel: 6, unknownShare: 0.4, styleWeights: DEFAULT_STYLE_WEIGHTS, pretrainStyle: "terse", pretrainOtherShare: 0 }, corpus);
const model = join(dir, "model");
await runJob("make-tiny-model", { out: model, corpus: join(corpus, "tokenizer.txt"), seed: 0 } as never, { workDir: join(dir, "model-work") });

const file = join(dir, "p.yaml");
writeFileSync(file, `stages:
  world: { uses: world, with: { out: "\${out}", n-train: ${values["n-train"]}, n-test: 20, n-pretrain: 0 } }
  verified: { uses: verify, with: { input: "\${stages.world.out}/train.jsonl", output: "\${out}/verified.jsonl", response-field: responses, mode: strict, workers: 1 } }
  scored: { uses: score, with: { input: "\${stages.verified.out}/verified.jsonl", output: "\${out}/scored.jsonl", model: "${model}", device: cpu } }
  selected: { uses: select, with: { input: "\${stages.scored.out}/scored.jsonl", out: "\${out}/selected.jsonl", n: 50, mu: 8, min-ppl: 1, max-ppl: 1000, bin-width: 1, responses-field: responses, ppl-field: ppl, length-field: n_tokens, correct-field: correct, stats: "\${out}/stats.json", svg: "\${out}/sel.svg" } }
`);
const env = { ...process.env, OXA_NO_PROGRESS: "1" };
const t0 = performance.now();
spawnSync(process.execPath, [bin, "run", file, "--out", join(dir, "reference")], { env, stdio: "ignore" });
console.log(`uninterrupted run: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const killed = join(dir, "killed");
const child = spawn(process.execPath, [bin, "run", file, "--out", killed], { env, stdio: "ignore" });
const work = join(killed, "scored", "out", "scored.jsonl.work");
while (!(existsSync(work) && readdirSync(work).some((f) => f.endsWith(".partial")))) await new Promise((r) => setTimeout(r, 50));
await new Promise((r) => setTimeout(r, 3000));
child.kill("SIGKILL");
await new Promise((r) => child.on("close", r));
console.log(`killed oxa run during score; scored/manifest.json exists: ${existsSync(join(killed, "scored", "manifest.json"))}`);

const t1 = performance.now();
const rerun = spawnSync(process.execPath, [bin, "run", file, "--out", killed, "--json"], { env, encoding: "utf8" });
const report = JSON.parse(rerun.stdout);
console.log(`rerun: ${((performance.now() - t1) / 1000).toFixed(1)} s; ${report.stages.map((s: { name: string; status: string }) => `${s.name}=${s.status}`).join(" ")}; score resumed ${report.stages[2].result.resumed} of ${report.stages[2].result.responses} responses`);
console.log(rerun.stderr.split("\n").filter((l: string) => l.includes("stopping") || l.includes("resuming")).join("\n"));
for (const stage of ["world", "verified", "scored", "selected"]) {
  const files = listFiles(join(dir, "reference", stage, "out"));
  const same = await Promise.all(files.map(async (f) => (await hashFile(join(dir, "reference", stage, "out", f))) === (await hashFile(join(killed, stage, "out", f)))));
  console.log(`${stage}: ${files.length} files, ${same.filter(Boolean).length} byte-identical to the uninterrupted run`);
}
