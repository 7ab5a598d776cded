// `oxa explore`: Self-Explore's first-pit search over wrong self-samples.
import { defineCommand } from "../../command/command.ts";
import { exploreConfig, runExplore, type ExploreSummary } from "../../explore/index.ts";
import { besideOut } from "../../select/index.ts";

export const exploreCommand = defineCommand({
  name: "explore",
  summary: "find the first wrong step (first pit) of each wrong self-sample by sampling from its step prefixes",
  description: `Verifies every self-sample with the one verifier and explores the wrong ones: each is split into steps
(--step-style lines|math|auto); from prefix i (the question, then steps 1..i as the start of the assistant
turn) --k completions are sampled and verified as prefix + completion against the gold. The first pit is the
first step after which none reaches the gold; the search stops there. All open rationales advance one step per
generator call. A killed run resumes from <out>.work when the same command is run again (same output bytes).
Rows: {id, problem_id, prompt, gold, rationale, style, steps, pit (null: none), explored: [{step, completions}]}.`,
  examples: [
    "oxa explore samples.jsonl explored.jsonl --model models/rft",
    "oxa explore samples.jsonl explored.jsonl --model models/rft --k 4 --temperature 0.7 --step-style math --json",
    "oxa explore samples.jsonl explored.jsonl --model models/rft --backend vllm --server http://127.0.0.1:8000",
  ],
  positionals: ["input", "out"],
  schema: exploreConfig,
  files: (c) => ({
    inputs: [{ option: "--input", path: c.input }, { option: "--model", path: c.model, kind: "dir" }],
    outputs: [
      { option: "--out", path: c.out },
      { option: "--summary", path: c.summary ?? besideOut(c.out, ".summary.json") },
    ],
  }),
  run: (c, ctx) => runExplore(c, ctx),
  format: (r: ExploreSummary) => {
    const steps = Object.keys(r.pits).map(Number).sort((a, b) => a - b);
    return (
      `explored ${r.samples.explored} wrong rationales of ${r.samples.read} samples (${r.samples.correct} correct${r.samples.blank ? `, ${r.samples.blank} blank` : ""}); mean ${r.meanSteps.toFixed(2)} steps\n` +
      `  first pit at step: ${steps.length ? steps.map((s) => `${s}: ${r.pits[s]}`).join(", ") : "none"}; no pit: ${r.noPit}\n` +
      `  ${r.completions.generated} completions in ${r.rounds} round${r.rounds === 1 ? "" : "s"}, ${r.seconds.toFixed(1)} s (${r.completionsPerSecond.toFixed(1)}/s)` +
      `${r.completions.resumedSteps ? `; ${r.completions.resumedSteps} steps resumed` : ""}\n  rows:    ${r.out}\n  summary: ${r.summary}\n`
    );
  },
});
