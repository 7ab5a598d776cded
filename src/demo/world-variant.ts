// The world family a demo run uses: `control` is today's world (the rarer teacher styles are only
// different), `premise` the one where they carry reasoning a small model can profit from (built in
// src/world by `oxa world --variant`). This file is the one place the demo turns a variant into
// world-stage options, so the world stage's own option is the only thing the two sides share.
import { UsageError } from "../io/errors.ts";
import { worldStageConfig } from "../world/index.ts";
import type { StageOptions } from "./typed-stage.ts";

export const WORLD_VARIANTS = ["control", "premise"] as const;
export type WorldVariant = (typeof WORLD_VARIANTS)[number];

/** Whether this build's world stage takes a `variant` option (the pipeline rejects unknown keys). */
export const worldStageHasVariant = (): boolean => "variant" in worldStageConfig.shape;

/**
 * The world-stage options of a variant. Where the world stage knows `variant`, it is passed as is;
 * where it does not, `control` is today's options (nothing added) and `premise` cannot be built,
 * which is said before any stage runs rather than silently building the control world.
 */
export function worldVariantOptions(variant: WorldVariant): Partial<StageOptions<"world">> {
  // Typed through unknown: the option exists only in builds whose world stage declares it.
  if (worldStageHasVariant()) return { variant } as unknown as Partial<StageOptions<"world">>;
  if (variant === "control") return {};
  throw new UsageError(`--variant ${variant}: this build's world stage (oxa world) has no --variant option; only "control" can be run`);
}
