// The world family a demo run uses: `control` is the original world (the rarer teacher styles are
// only different), `premise` the one where they carry reasoning a small model can profit from
// (src/world/variants.ts, `oxa world --variant`). This file is the one place the demo turns a
// variant into world-stage options.
import { DEFAULT_WORLD_VARIANT, WORLD_VARIANTS, type WorldVariant } from "../world/index.ts";
import type { DemoPreset } from "./presets.ts";
import type { StageOptions } from "./typed-stage.ts";

export { WORLD_VARIANTS, type WorldVariant };

/**
 * The world-stage options of a variant. The default variant adds nothing, so its world stage — and
 * the cache key of every stage after it — is the one demo runs had before variants existed.
 */
export function worldVariantOptions(variant: WorldVariant): Partial<StageOptions<"world">> {
  return variant === DEFAULT_WORLD_VARIANT ? {} : { variant };
}

/**
 * Token budgets the premise world needs. Measured on the default world (seed 0, levels 1–3, the
 * demo's 1,024-token vocabulary): the premise rare styles' teacher traces have a median of 131–162
 * tokens, a 90th percentile of 305–397 and 28–38 % of them run past 200 tokens, the default eval's cap
 * (terse: median 36, max 76). A model that learned those styles would be cut off and graded wrong, a
 * bias against exactly the arms the premise world is built to test; 512 leaves 5–10 % of traces
 * above it (max 839).
 */
export const PREMISE_TOKEN_FLOOR = { eval: 512, rollouts: 384 } as const;

/** The preset a variant runs with: the premise world raises the generation caps to its floor. */
export function presetForVariant(p: DemoPreset, variant: WorldVariant): DemoPreset {
  if (variant !== "premise") return p;
  const f = PREMISE_TOKEN_FLOOR;
  return {
    ...p,
    rollouts: { ...p.rollouts, maxNewTokens: Math.max(p.rollouts.maxNewTokens, f.rollouts) },
    eval: { ...p.eval, maxNewTokens: Math.max(p.eval.maxNewTokens, f.eval) },
    ...(p.rl ? { rl: { ...p.rl, maxNewTokens: Math.max(p.rl.maxNewTokens, f.eval) } } : {}),
  };
}
