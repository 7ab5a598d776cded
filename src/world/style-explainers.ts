// Which small steps each style writes before a hard step, per world variant. The control world
// writes none (its styles are byte-identical to the world before variants existed); in the premise
// world each rare style has its own methods, so the rare styles stay distinct from each other,
// and terse writes none in both (it leaps from each step to its result).
import { explainer, noExplain, type Explain } from "./small-steps/explain-step.ts";
import type { StyleId } from "./teacher.ts";
import type { WorldVariant } from "./variants.ts";

const PREMISE: Readonly<Record<StyleId, Explain>> = {
  terse: noExplain,
  narrative: explainer({ mul: "place-value", div: "chunks" }),
  verify: explainer({ mul: "columns", div: "estimate" }),
  fraction: explainer({ mul: "columns", div: "chunks" }),
  algebra: explainer({ mul: "place-value", div: "estimate" }),
};

/** No variant is the control world, as every world was before variants existed. */
export function explainerFor(variant: WorldVariant | undefined, style: StyleId): Explain {
  return variant === "premise" ? PREMISE[style] : noExplain;
}
