// `oxa world`: writes the built-in world (problems, teacher responses, corpora) to a directory.
import { defineCommand } from "../../command/command.ts";
import { runWorldStage, worldStageConfig, type WorldSummary } from "../../world/index.ts";

export const worldCommand = defineCommand({
  name: "world",
  summary: "write the built-in world: seeded math word problems, teacher responses in several styles, corpora",
  description: `Problems are chains of 1..6 exact operations (level = number of operations) on a quantity
("story") or on an unknown number ("unknown", algebra); answers are integers or fractions. The
teacher writes a correct chain of thought in one of several styles: a common terse one and rarer,
longer ones (narrative, verify, fraction, algebra), as <think>...</think>, a summary and \\boxed{}.
pretrain.jsonl holds other problems with terse solutions only, so the rarer styles stay
high-perplexity under a model pretrained on it; tokenizer.txt holds every style.
--variant premise keeps the problems, answers and style frequencies of the default (control) world
but has the rare styles break every hard step into small checked steps (partial products, carries,
chunked or estimated-and-corrected division, fraction steps) while terse still leaps (docs/world.md).`,
  examples: ["oxa world --out world --seed 1", "oxa world --out world-premise --seed 1 --variant premise", "oxa world --out world --n-train 500 --n-test 100 --max-level 4 --style-weight terse=50 --json"],
  schema: worldStageConfig,
  files: (c) => ({ inputs: [], outputs: [{ option: "--out", path: c.out, kind: "dir" }] }),
  run: (c, ctx) => runWorldStage(c, ctx),
  format: (r: WorldSummary) =>
    `wrote ${r.counts.train} train queries (${r.counts.responses} responses), ${r.counts.test} test problems, ${r.counts.pretrain} pretraining documents to ${r.out}\n` +
    `styles: ${Object.entries(r.styles).map(([s, n]) => `${s} ${n}`).join(", ")}\n`,
});
