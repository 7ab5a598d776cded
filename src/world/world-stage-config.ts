// The `oxa world` stage: the world's knobs (world-config.ts) as options with their bounds, and the
// run that turns them into a WorldConfig and writes the world.
import { z } from "zod";
import { UsageError } from "../io/errors.ts";
import type { StartProgress } from "../io/progress.ts";
import { MAX_LEVEL, MIN_LEVEL } from "./difficulty.ts";
import { DEFAULT_STYLE_WEIGHTS, STYLE_IDS, type StyleId } from "./teacher.ts";
import { writeWorld, type WorldSummary } from "./write-world.ts";
import { DEFAULT_WORLD_VARIANT, WORLD_VARIANTS, WORLD_VARIANT_SUMMARY } from "./variants.ts";

const level = z.number().int().min(MIN_LEVEL).max(MAX_LEVEL);

export const worldStageConfig = z
  .object({
    out: z.string().describe("directory to write train.jsonl, test.json, pretrain.jsonl, tokenizer.txt and manifest.json into"),
    variant: z.enum(WORLD_VARIANTS).default(DEFAULT_WORLD_VARIANT).describe(`what the rare teacher styles contain: ${WORLD_VARIANTS.map((v) => `${v} = ${WORLD_VARIANT_SUMMARY[v]}`).join("; ")}. Problems, answers and style frequencies are the same in both`),
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

export type WorldStageConfig = z.output<typeof worldStageConfig>;

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

export function runWorldStage(c: Readonly<WorldStageConfig>, ports: { progress: StartProgress }): Promise<WorldSummary> {
  const { out, styleWeight, ...rest } = c;
  return writeWorld({ ...rest, styleWeights: styleWeights(styleWeight) }, out, ports.progress("world"));
}
