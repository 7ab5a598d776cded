// `oxa dpo`: preference training on step-level (Self-Explore) or outcome-level pairs.
import { defineCommand } from "../../command/command.ts";
import { dpoConfig, runDpo, type DpoResult } from "../../dpo/index.ts";

export const dpoCommand = defineCommand({
  name: "dpo",
  summary: "DPO / IPO / robust DPO on preference pairs, against reference log-probs computed once",
  description: `Reads the pairs file of \`oxa pairs\` ({id, prompt, prefix, chosen, rejected, rejected_eos}):
the prompt is formatted with the chat template, the prefix starts the assistant turn, chosen gets an
EOS and rejected gets one iff rejected_eos. The reference model's log-probs are computed once by the
scoring path before training, so only the policy is in memory while training. Losses as TRL defines
them (sigmoid, ipo with length-normalised log-probs, robust with --label-smoothing); the step's loss
is the mean over the global batch's pairs, exact whatever --micro-batch-size and --processes.
Self-Explore's settings are the defaults: beta 0.1, lr 1e-6, 3 epochs, 10 % warm-up.
Writes metrics.jsonl (loss, rewards/chosen, rewards/rejected, rewards/accuracies, rewards/margins,
logps/chosen, logps/rejected, lr, grad_norm per step), curves.svg, checkpoints/step-N/ and model/.`,
  examples: [
    "oxa dpo pairs.jsonl --model runs/rft/model --out runs/step-dpo",
    "oxa dpo pairs.jsonl --model runs/rft/model --out runs/ipo --loss-type ipo --beta 0.5",
    "oxa dpo pairs.jsonl --model runs/rft/model --out runs/rdpo --loss-type robust --label-smoothing 0.1",
    "oxa dpo pairs.jsonl --model runs/rft/model --out runs/step-dpo --resume",
  ],
  positionals: ["pairs"],
  schema: dpoConfig,
  files: (c) => ({
    inputs: [
      { option: "--pairs", path: c.pairs },
      { option: "--model", path: c.model, kind: "dir" },
      ...(c.reference ? [{ option: "--reference", path: c.reference, kind: "dir" as const }] : []),
      ...(c.accelerateConfig ? [{ option: "--accelerate-config", path: c.accelerateConfig }] : []),
    ],
    outputs: [{ option: "--out", path: c.out, kind: "dir" }],
  }),
  run: (c, ctx) => runDpo(c, ctx),
  format: (r: DpoResult) =>
    `trained ${r.steps} steps of ${r.lossType} DPO (beta ${r.beta}) on ${r.pairs} pairs (${r.kinds.step} step, ${r.kinds.outcome} outcome)` +
    `${r.last ? `; last step: loss ${r.last.loss.toFixed(4)}, reward margin ${r.last["rewards/margins"].toFixed(4)}, accuracy ${r.last["rewards/accuracies"].toFixed(3)}` : ""}\n` +
    `  model:   ${r.model ?? "(stopped early; resume with --resume)"}\n  metrics: ${r.out}/metrics.jsonl\n  curves:  ${r.curves}\n`,
});
