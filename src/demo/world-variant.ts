// The world family a demo run uses: `control` is the original world (the rarer teacher styles are
// only different), `premise` the one where they carry reasoning a small model can profit from
// (src/world/variants.ts, `oxa world --variant`). This file is the one place the demo turns a
// variant into world-stage options.
import { DEFAULT_WORLD_VARIANT, WORLD_VARIANTS, type WorldVariant } from "../world/index.ts";
import type { StageOptions } from "./typed-stage.ts";

export { WORLD_VARIANTS, type WorldVariant };

/**
 * The world-stage options of a variant. The default variant adds nothing, so its world stage — and
 * the cache key of every stage after it — is the one demo runs had before variants existed.
 */
export function worldVariantOptions(variant: WorldVariant): Partial<StageOptions<"world">> {
  return variant === DEFAULT_WORLD_VARIANT ? {} : { variant };
}
