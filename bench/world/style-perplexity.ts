// Does the world do its job? A tiny Qwen2 model is pretrained on the world's pretraining corpus
// (one style), then every train response is scored under it; the table shows the perplexity of
// each teacher style. Runs as a pipeline (mix -> train -> score) through the real commands.
//
//   node --import tsx bench/world/style-perplexity.ts [--dir bench/out/style-ppl] [--epochs 2] [--n-pretrain 3000]
// The defaults are the configuration measured in docs/world.md (about 7 minutes on 2 busy cores).
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runJob } from "../../src/engine/run-job.ts";
import { writeWorld, STYLE_IDS, DEFAULT_WORLD_VARIANT, WORLD_VARIANTS, type WorldVariant } from "../../src/world/index.ts";
import { commands } from "../../src/cli/commands/index.ts";
import { nullProgress } from "../../src/io/progress.ts";
import { runPipeline } from "../../src/pipeline/index.ts";

const { values } = parseArgs({
  options: { dir: { type: "string", default: "bench/out/style-ppl" }, epochs: { type: "string", default: "2" }, "n-pretrain": { type: "string", default: "3000" }, "other-share": { type: "string", default: "0" }, variant: { type: "string", default: DEFAULT_WORLD_VARIANT } },
});
if (!(WORLD_VARIANTS as readonly string[]).includes(values.variant!)) throw new Error(`--variant ${values.variant}: expected one of ${WORLD_VARIANTS.join(", ")}`);
const dir = resolve(values.dir!);
rmSync(dir, { recursive: true, force: true });
const world = join(dir, "world");
const even = Object.fromEntries(STYLE_IDS.map((s) => [s, 1])) as Record<(typeof STYLE_IDS)[number], number>;
await writeWorld({ seed: 0, nTrain: 300, nTest: 0, nPretrain: Number(values["n-pretrain"]), responses: 4, minLevel: 1, maxLevel: 6, unknownShare: 0.4, styleWeights: even, pretrainStyle: "terse", pretrainOtherShare: Number(values["other-share"]), variant: values.variant as WorldVariant }, world);
const model0 = join(dir, "model0");
await runJob("make-tiny-model", { out: model0, corpus: join(world, "tokenizer.txt"), seed: 0, vocab_size: 1024, hidden_size: 128, intermediate_size: 256, num_hidden_layers: 2 } as never, { workDir: join(dir, "work") });

const file = join(dir, "p.yaml");
writeFileSync(file, `stages:
  pre-data: { uses: mix, with: { ce: ["${world}/pretrain.jsonl"], out: "\${out}/pre.jsonl" } }
  base: { uses: train, with: { data: "\${stages.pre-data.out}/pre.jsonl", model: "${model0}", out: "\${out}", mode: sft, epochs: ${values.epochs}, global-batch: 32, micro-batch-size: 32, lr: 0.003, warmup-ratio: 0.05, cutoff: 1024, device: cpu } }
  scored: { uses: score, with: { input: "${world}/train.jsonl", output: "\${out}/scored.jsonl", model: "\${stages.base.out}/model", device: cpu } }
`);
const t0 = performance.now();
const report = await runPipeline({ file, out: join(dir, "run"), commands, ctx: { json: false, log: (m) => console.error(m), progress: () => nullProgress } });
if (!report.ok) throw new Error(report.stages.find((s) => s.error)?.error);
console.log(`pipeline ${((performance.now() - t0) / 1000).toFixed(0)} s`);

const rows = readFileSync(join(dir, "run/scored/out/scored.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
console.log("| style | responses | median PPL | mean PPL | median tokens |\n| --- | --- | --- | --- | --- |");
for (const s of STYLE_IDS) {
  const got = rows.flatMap((r) => r.styles.map((st: string, i: number) => [st, r.ppl[i], r.n_tokens[i]] as const)).filter(([st]) => st === s);
  const ppl = got.map((g) => g[1]);
  console.log(`| ${s} | ${got.length} | ${median(ppl).toFixed(2)} | ${(ppl.reduce((a, b) => a + b, 0) / ppl.length).toFixed(2)} | ${median(got.map((g) => g[2]))} |`);
}
