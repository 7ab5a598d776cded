// `oxa rl`: GRPO with the verifier as reward, policy entropy and KL tracked every step.
import { defineCommand } from "../../command/command.ts";
import { rlConfig, runRl, type RlResult } from "../../rl/index.ts";

const pct = (v: number | null | undefined) => (v === null || v === undefined ? "-" : `${(100 * v).toFixed(1)}%`);

export const rlCommand = defineCommand({
  name: "rl",
  summary: "GRPO on the engine with the verifier as reward (entropy, KL and Pass@1 tracked)",
  description: `Per step: --prompts-per-step prompts (seeded epoch shuffles), --n rollouts each at --temperature;
the verifier (same code and options as \`oxa verify\`, --verify-mode strict by default, --verify-think require:
the answer read after the last </think>, none without one) gives reward 1/0 (+ --format-reward); advantages are group-normalised
(--scale-rewards); the loss is the clipped surrogate (--eps-low/--eps-high) plus --kl-coef times the
--kl-estimator KL to the starting model, aggregated by --loss-agg; one AdamW update per step.
The paper's verl values are the defaults (lr 2e-6 constant, weight decay 0.01, clip 1.0, KL 0.001 k3,
token-mean); --preset sets the run sizes. Writes metrics.jsonl (reward, entropy, KL, clip fractions,
lengths, step times), validation.jsonl (Pass@1 every --eval-every steps), curves.svg, checkpoints
and model/ into --out; --resume continues exactly after the newest checkpoint. See docs/rl.md.`,
  examples: [
    "oxa rl world/train.jsonl --model runs/sft/model --out runs/rl --validation world/test.json --eval-every 5",
    "oxa rl deepscaler.parquet --model qwen-sft --out runs/rl --preset paper --device cuda --save-every 50",
    "oxa rl train.jsonl --model sft --out runs/drgrpo --scale-rewards none --loss-agg seq-mean-token-sum-norm --kl-coef 0",
    "oxa rl train.jsonl --model sft --out runs/rl --resume",
  ],
  positionals: ["prompts"],
  schema: rlConfig,
  files: (c) => ({
    inputs: [{ option: "--prompts", path: c.prompts }, { option: "--model", path: c.model, kind: "dir" }, ...(c.validation ? [{ option: "--validation", path: c.validation }] : [])],
    outputs: [{ option: "--out", path: c.out, kind: "dir" }],
  }),
  run: (c, ctx) => runRl(c, ctx),
  format: (r: RlResult) =>
    `GRPO: ${r.steps} steps of ${r.sizes.promptsPerStep} prompts x ${r.sizes.n} rollouts${r.resumedFrom ? ` (resumed after step ${r.resumedFrom})` : ""}\n` +
    `  reward:  ${r.first?.reward_mean.toFixed(3) ?? "-"} (step 1) -> ${r.last?.reward_mean.toFixed(3) ?? "-"} (step ${r.last?.step ?? "-"})` +
    `; entropy ${r.first?.entropy.toFixed(3) ?? "-"} -> ${r.last?.entropy.toFixed(3) ?? "-"}\n` +
    (r.validation.length ? `  Pass@1:  ${pct(r.validation[0].pass_at_1)} (step ${r.validation[0].step}) -> ${pct(r.validation.at(-1)!.pass_at_1)} (step ${r.validation.at(-1)!.step})\n` : "") +
    `  model:   ${r.model ?? "(stopped early; resume with --resume)"}\n  metrics: ${r.out}/metrics.jsonl\n  curves:  ${r.curves}\n`,
});
