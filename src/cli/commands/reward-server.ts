// `oxa reward-server`: the verifier as an HTTP reward endpoint for RL trainers (verl, OpenRLHF).
import { defineCommand } from "../../command/command.ts";
import { rewardServerConfig, runRewardServer, type RewardServerResult } from "../../reward/index.ts";

export const rewardServerCommand = defineCommand({
  name: "reward-server",
  summary: "serve the verifier over HTTP as an RL reward (verl's reward module, OpenRLHF's remote reward model)",
  description: `POST /score with {solution_str (or response), ground_truth, data_source?} answers {score, verdict,
reason, predicted}: score 1 when the answer after the last </think> equals the gold answer, else 0
(no </think> under the default --verify-think require, unreadable, undecided or timed out: 0, and the
verdict and reason say which). {items: [...]} scores
a batch ({results: [...]}). OpenRLHF's remote reward-model request {query, prompts, labels} (on
/score or /get_reward) answers {rewards, scores, extra_logs}. GET /health. Malformed requests get 400
with {error, field}. Runs until SIGINT/SIGTERM, then answers the requests in flight and stops.`,
  examples: ["oxa reward-server --port 8000", "oxa reward-server --host 0.0.0.0 --port 8000 --verify-mode lenient --verify-timeout-ms 2000"],
  schema: rewardServerConfig,
  run: (c, ctx) => runRewardServer(c, ctx.log),
  format: (r: RewardServerResult) => `reward server at ${r.url} stopped (${r.signal}): ${r.items} items in ${r.requests} requests, ${r.rejected} turned away busy\n`,
});
