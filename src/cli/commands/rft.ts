// `oxa rft`: the rejection-sampling fine-tuning set (Self-Explore's RFT stage) from self-samples.
import { defineCommand } from "../../command/command.ts";
import { rftConfig, runRft, type RftSummary } from "../../explore/index.ts";
import { besideOut } from "../../select/index.ts";

export const rftCommand = defineCommand({
  name: "rft",
  summary: "the RFT training set: correct self-samples, at most --per-problem per problem, near-duplicates removed",
  description: `Verifies every self-sample against its gold answer with the one verifier (--verify-mode ...), then per
problem (--id-field, else the question) considers the correct ones in a seeded order and keeps a sample unless its
token-set Jaccard similarity to one already kept is >= --similarity (after normalising spacing and numbers), up to
--per-problem. Reads either shape of \`oxa sample\` (one row per sample, or --response-field + "s" lists).
Rows, in input order: {id (the input line, "#i" in a list), prompt, response, loss_type: 0, problem_id, gold} —
what \`oxa train\` reads.`,
  examples: [
    "oxa rft samples.jsonl rft.jsonl",
    "oxa rft samples.jsonl rft.jsonl --per-problem 8 --similarity 0.9 --seed 1 --verify-mode strict --json",
  ],
  positionals: ["input", "out"],
  schema: rftConfig,
  files: (c) => ({
    inputs: [{ option: "--input", path: c.input }],
    outputs: [
      { option: "--out", path: c.out },
      { option: "--stats", path: c.stats ?? besideOut(c.out, ".stats.json") },
    ],
  }),
  run: (c, ctx) => runRft(c, ctx),
  format: (r: RftSummary) =>
    `kept ${r.kept} of ${r.correct} correct samples (${r.samples} read; ${r.solved} of ${r.problems} problems solved); ` +
    `dropped ${r.dropped.nearDuplicate} near-duplicates, ${r.dropped.overCap} over the cap${r.blank ? `, ${r.blank} blank` : ""}\n  rows:    ${r.out}\n  summary: ${r.stats}\n`,
});
