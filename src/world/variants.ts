// World variants: the same problems, answers and style frequencies, with different contents in
// the rare styles. "control" is the original world (the rare styles are only different); in
// "premise" they also break every hard step into small steps a small model can do, which is the
// OXA paper's premise (docs/world.md). The demo passes a variant through the world stage.
import type { WorldConfig } from "./world-config.ts";
import { DEFAULT_STYLE_WEIGHTS } from "./teacher.ts";

export const WORLD_VARIANTS = ["control", "premise"] as const;
export type WorldVariant = (typeof WORLD_VARIANTS)[number];

export const DEFAULT_WORLD_VARIANT: WorldVariant = "control";

/** One line per variant, for help texts and reports. */
export const WORLD_VARIANT_SUMMARY: Readonly<Record<WorldVariant, string>> = {
  control: "the rare styles are only different from the common terse one (the original world)",
  premise: "the rare styles also break each hard step into small checked steps; terse still leaps",
};

/**
 * The WorldConfig values a variant sets. Style weights are the control world's in both, by
 * design: only what the rare styles contain differs, not how often they occur.
 */
export function worldVariantDefaults(variant: WorldVariant): Pick<WorldConfig, "variant" | "styleWeights"> {
  return { variant, styleWeights: DEFAULT_STYLE_WEIGHTS };
}
