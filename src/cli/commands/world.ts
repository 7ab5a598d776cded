// `oxa world`: writes the built-in world (problems, teacher responses, corpora) to a directory.
import { z } from "zod";
import { defineCommand } from "../command.ts";
import { UsageError } from "../../io/errors.ts";
import { DEFAULT_STYLE_WEIGHTS, MAX_LEVEL, MIN_LEVEL, STYLE_IDS, writeWorld, type StyleId, type WorldSummary } from "../../world/index.ts";

const level = z.number().int().min(MIN_LEVEL).max(MAX_LEVEL);

const schema = z
  .object({
    out: z.string().describe("directory to write train.jsonl, test.json, pretrain.jsonl, tokenizer.txt and manifest.json into"),
    seed: z.number().int().default(0).describe("seed of every random choice; the same seed gives byte-identical files"),
    nTrain: z.number().int().min(0).default(2000).describe("train queries (each with --responses teacher responses)"),
    nTest: z.number().int().min(0).default(200).describe("held-out test problems"),
    nPretrain: z.number().int().min(0).default(4000).describe("problems in the pretraining corpus (one style only: --pretrain-style)"),
    pretrainStyle: z.enum(STYLE_IDS).default("terse").describe("the style of the pretraining corpus, i.e. the style the base model will know"),
    pretrainOtherShare: z.number().min(0).max(1).default(0).describe("share of pretraining documents in another style (drawn by the style weights): >0 lets the base know the rarer styles a little, lowering their perplexity"),
    responses: z.number().int().min(1).default(4).describe("teacher responses per train query"),
    minLevel: level.default(MIN_LEVEL).describe("easiest difficulty level (level = number of operations)"),
    maxLevel: level.default(MAX_LEVEL).describe("hardest difficulty level"),
    unknownShare: z.number().min(0).max(1).default(0.4).describe('share of "think of a number" algebra problems; the rest are stories'),
    styleWeight: z
      .array(z.string().regex(/^[a-z]+=\d+(\.\d+)?$/, "expected STYLE=WEIGHT, e.g. terse=70"))
      .default([])
      .describe(`relative frequency of a teacher style, STYLE=WEIGHT (styles: ${STYLE_IDS.join(", ")}; defaults: ${STYLE_IDS.map((s) => `${s}=${DEFAULT_STYLE_WEIGHTS[s]}`).join(" ")})`),
  })
  .refine((c) => c.minLevel <= c.maxLevel, { message: "--min-level must not exceed --max-level", path: ["minLevel"] });

function styleWeights(pairs: readonly string[]): Record<StyleId, number> {
  const w = { ...DEFAULT_STYLE_WEIGHTS };
  for (const pair of pairs) {
    const [name, value] = pair.split("=");
    if (!(STYLE_IDS as readonly string[]).includes(name)) throw new UsageError(`--style-weight: unknown style "${name}" (styles: ${STYLE_IDS.join(", ")})`);
    w[name as StyleId] = Number(value);
  }
  if (Object.values(w).every((x) => x === 0)) throw new UsageError("--style-weight: at least one style needs a positive weight");
  return w;
}

export const worldCommand = defineCommand({
  name: "world",
  summary: "write the built-in world: seeded math word problems, teacher responses in several styles, corpora",
  description: `Problems are chains of 1..6 exact operations (level = number of operations) on a quantity
("story") or on an unknown number ("unknown", algebra); answers are integers or fractions. The
teacher writes a correct chain of thought in one of several styles: a common terse one and rarer,
longer ones (narrative, verify, fraction, algebra), as <think>...</think>, a summary and \\boxed{}.
pretrain.jsonl holds other problems with terse solutions only, so the rarer styles stay
high-perplexity under a model pretrained on it; tokenizer.txt holds every style.`,
  examples: ["oxa world --out world --seed 1", "oxa world --out world --n-train 500 --n-test 100 --max-level 4 --style-weight terse=50 --json"],
  schema,
  async run(c, ctx) {
    const { out, styleWeight, ...rest } = c;
    return writeWorld({ ...rest, styleWeights: styleWeights(styleWeight) }, out, ctx.progress("world"));
  },
  format: (r: WorldSummary) =>
    `wrote ${r.counts.train} train queries (${r.counts.responses} responses), ${r.counts.test} test problems, ${r.counts.pretrain} pretraining documents to ${r.out}\n` +
    `styles: ${Object.entries(r.styles).map(([s, n]) => `${s} ${n}`).join(", ")}\n`,
});
