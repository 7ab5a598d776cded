// `oxa pairs`: Self-Explore's step-level preference pairs and the outcome-level baseline pairs.
import { defineCommand } from "../../command/command.ts";
import { pairsConfig, runPairs, type PairsSummary } from "../../explore/index.ts";
import { besideOut } from "../../select/index.ts";

export const pairsCommand = defineCommand({
  name: "pairs",
  summary: "step-level (first pit) and outcome-level preference pairs for DPO, with TRL and chat-messages exports",
  description: `Step pairs, one per explored rationale with a first pit j: prompt = the question, prefix = steps 1..j-1,
rejected = step j alone (no EOS), chosen = the shortest correct completion from prefix j-1 not already chosen for
the same problem (j = 1: an RFT sample of the problem, from --rft). Outcome pairs: each RFT sample with one wrong
rationale of its problem (seeded). No pair ever has an empty side; equal pairs are written once. Rows:
{id, problem_id, kind, prompt, prefix, chosen, rejected, rejected_eos, pit_step?} (docs/self-explore.md).`,
  examples: [
    "oxa pairs explored.jsonl pairs.jsonl --rft rft.jsonl",
    "oxa pairs explored.jsonl step-pairs.jsonl --rft rft.jsonl --kinds step --messages step-pairs.messages.jsonl --json",
    "oxa pairs explored.jsonl pairs.jsonl --rft rft.jsonl --trl pairs.trl.jsonl --model models/rft",
  ],
  positionals: ["explored", "out"],
  schema: pairsConfig,
  files: (c) => ({
    inputs: [
      { option: "--explored", path: c.explored },
      ...(c.rft ? [{ option: "--rft", path: c.rft }] : []),
      ...(c.model ? [{ option: "--model", path: c.model, kind: "dir" as const }] : []),
    ],
    outputs: [
      { option: "--out", path: c.out },
      { option: "--stats", path: c.stats ?? besideOut(c.out, ".stats.json") },
      { option: "--chart", path: c.chart ?? besideOut(c.out, ".pits.svg") },
      ...(c.trl ? [{ option: "--trl", path: c.trl }] : []),
      ...(c.messages ? [{ option: "--messages", path: c.messages }] : []),
    ],
  }),
  run: (c, ctx) => runPairs(c, ctx),
  format: (r: PairsSummary) =>
    `${r.step} step pairs and ${r.outcome} outcome pairs from ${r.rationales} wrong rationales (${r.problems} problems); ` +
    `${r.noPit} without a pit, ${r.noChosen} without a chosen side, ${r.duplicates} duplicates dropped\n` +
    `  pairs:   ${r.out}\n${r.trl ? `  trl:     ${r.trl}\n` : ""}${r.messages ? `  messages: ${r.messages}\n` : ""}  summary: ${r.stats}\n  chart:   ${r.chart}\n`,
});
