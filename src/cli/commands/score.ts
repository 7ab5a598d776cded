// `oxa score`: perplexity, token count and mean token entropy of every response under a model.
import { defineCommand } from "../../command/command.ts";
import { rowJobFiles, scoreConfig, scoreFile, type ScoreSummary } from "../../score/index.ts";

export const scoreCommand = defineCommand({
  name: "score",
  summary: "perplexity, token count and mean token entropy of each response under a model",
  description: `For every response: nll_sum = -sum of log p(token | everything before it) over the response
tokens, conditioned on the chat-formatted prompt (or on nothing with --no-prompt); ppl =
exp(nll_sum / n_tokens); mean_entropy = mean entropy of the next-token distribution along the response.
Records are length-sorted and packed by --token-budget (no padding waste) and written back in input
order. A killed run resumes where it stopped when the same command is run again.`,
  examples: [
    "oxa score teacher.jsonl scored.jsonl --model models/base",
    "oxa score grouped.jsonl scored.jsonl --model models/base --query-field problem --responses-field solutions",
    "oxa score rollouts.jsonl scored.jsonl --model models/base --no-prompt --skip-invalid",
    "oxa score data.parquet scored.jsonl --model models/base --token-budget 4096 --dtype bfloat16 --json",
    "oxa score rows.jsonl scored.jsonl --model models/base --backend vllm --server http://127.0.0.1:8000 --server http://127.0.0.1:8001",
  ],
  positionals: ["input", "output"],
  schema: scoreConfig,
  files: rowJobFiles,
  run: (c, ctx) => scoreFile(c, ctx),
  format: (r: ScoreSummary) =>
    `scored ${r.responses} responses in ${r.rows} rows (${r.seconds.toFixed(1)} s${r.device ? `, ${r.device}, ${r.dtype}` : ""}` +
    `${r.engineSeconds > 0 ? `; ${Math.round(r.tokens / r.engineSeconds)} tokens/s` : ""})` +
    `${r.resumed ? `; ${r.resumed} resumed from a previous run` : ""}\n  output:  ${r.output}\n` +
    (r.rejects ? `  rejects: ${r.rejects} (${r.rejected} rows)\n` : ""),
});
