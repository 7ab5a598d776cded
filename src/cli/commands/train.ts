// `oxa train`: SFT, OXA_MLE or OXA_Full fine-tuning with L = CE + alpha*UL over seeded global batches.
import { defineCommand } from "../../command/command.ts";
import { runTrain, trainConfig, type TrainResult } from "../../train/index.ts";

export const trainCommand = defineCommand({
  name: "train",
  summary: "fine-tune with SFT, OXA_MLE or OXA_Full (CE + alpha*UL) on one CPU/GPU or many",
  description: `Every global batch holds exactly --ul-per-batch UL records and the rest CE, shuffled; epochs
reshuffle with seed + epoch and end when either pool runs out. Each loss is a per-sequence mean over
response tokens, averaged over the sequences of its type in the global batch: L = CE + alpha*UL,
exact whatever --micro-batch-size and --processes. AdamW (0.9, 0.95), cosine schedule with warmup.
Writes metrics.jsonl (ce_loss, ul_loss, weighted_ul, entropy_ce, entropy_ul, lr, grad_norm,
tokens_per_s per step), curves.svg, checkpoints/step-N/ and model/ into --out.`,
  examples: [
    "oxa train mixed.jsonl --model base --out runs/oxa-full",
    "oxa train sel.jsonl --model base --out runs/oxa-mle --mode oxa-mle",
    "oxa train mixed.jsonl --model qwen-math-1.5b --out runs/q --rope-theta 1e6 --max-position-embeddings 40000 --gradient-checkpointing",
    "oxa train mixed.jsonl --model base --out runs/x --processes 8 --accelerate-config examples/accelerate/deepspeed-zero2.yaml",
    "oxa train mixed.jsonl --model base --out runs/oxa-full --resume",
  ],
  positionals: ["data"],
  schema: trainConfig,
  files: (c) => ({
    inputs: [{ option: "--data", path: c.data }, { option: "--model", path: c.model, kind: "dir" }, ...(c.accelerateConfig ? [{ option: "--accelerate-config", path: c.accelerateConfig }] : [])],
    outputs: [{ option: "--out", path: c.out, kind: "dir" }],
  }),
  run: (c, ctx) => runTrain(c, ctx),
  format: (r: TrainResult) =>
    `trained ${r.steps} steps (${r.mode}) on ${r.records.ce} CE + ${r.records.ul} UL records` +
    `${r.records.droppedOverCutoff.ce + r.records.droppedOverCutoff.ul ? `; dropped ${r.records.droppedOverCutoff.ce} CE + ${r.records.droppedOverCutoff.ul} UL over the cutoff` : ""}\n` +
    `  model:   ${r.model ?? "(stopped early; resume with --resume)"}\n  metrics: ${r.out}/metrics.jsonl\n  curves:  ${r.curves}\n`,
});
