// `oxa sample`: n samples per prompt from a model (temperature, top-p, seed), batched, resumable.
import { defineCommand } from "../../command/command.ts";
import { sampleConfig, sampleFile, type SampleSummary } from "../../sample/index.ts";
import { rowJobFiles } from "../../score/index.ts";

export const sampleCommand = defineCommand({
  name: "sample",
  summary: "n samples per prompt from a model, with token counts, finish reasons and policy entropy",
  description: `Every sample stops at the end-of-turn / end-of-text token (finish_reason stop) or after
--max-new-tokens (length). mean_entropy is the mean entropy of the model's own next-token distribution
(temperature 1) over the sampled steps — the "policy entropy" evaluation reports. A sample depends only
on (seed, row, sample index), never on --batch-size; a killed run resumes when the same command is run again.`,
  examples: [
    "oxa sample problems.jsonl rollouts.jsonl --model models/sft --n 8 --temperature 0.85",
    "oxa sample problems.jsonl rollouts.jsonl --model models/sft --n 4 --shape list --prompt-field problem",
    "oxa sample problems.jsonl greedy.jsonl --model models/base --temperature 0 --max-new-tokens 1024 --json",
    "oxa sample problems.jsonl rollouts.jsonl --model models/sft --n 8 --backend vllm --server http://127.0.0.1:8000 --api-key-env VLLM_KEY",
  ],
  positionals: ["input", "output"],
  schema: sampleConfig,
  files: rowJobFiles,
  run: (c, ctx) => sampleFile(c, ctx),
  format: (r: SampleSummary) =>
    `sampled ${r.samples} responses for ${r.prompts} prompts (${r.stopped} stopped, ${r.samples - r.stopped} hit the length limit; ${r.seconds.toFixed(1)} s)` +
    `${r.resumed ? `; ${r.resumed} resumed from a previous run` : ""}\n  output:  ${r.output}\n` +
    (r.rejects ? `  rejects: ${r.rejects} (${r.rejected} rows)\n` : ""),
});
