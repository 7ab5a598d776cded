// The programmatic teacher: writes a correct chain of thought for a problem in one of several
// styles and wraps it as <think>...</think>, a short summary and \boxed{answer}.
import { latex, show } from "./fraction.ts";
import type { Problem } from "./problem.ts";
import type { Rng } from "../common/random.ts";
import type { StyleWriter } from "./styles/style.ts";
import { terse } from "./styles/terse.ts";
import { narrative } from "./styles/narrative.ts";
import { verify } from "./styles/verify.ts";
import { fraction } from "./styles/fraction.ts";
import { algebra } from "./styles/algebra.ts";
import { explainerFor } from "./style-explainers.ts";
import type { WorldVariant } from "./variants.ts";

export const STYLE_IDS = ["terse", "narrative", "verify", "fraction", "algebra"] as const;
export type StyleId = (typeof STYLE_IDS)[number];

const WRITERS: Record<StyleId, StyleWriter> = { terse, narrative, verify, fraction, algebra };

/** Default relative frequencies: one common terse style, four rarer and longer ones. */
export const DEFAULT_STYLE_WEIGHTS: Readonly<Record<StyleId, number>> = { terse: 70, narrative: 8, verify: 8, fraction: 7, algebra: 7 };

/** The complete teacher response for `problem` in `style`; no variant is the control world. */
export function teach(problem: Problem, style: StyleId, rng: Rng, variant?: WorldVariant): string {
  const s = WRITERS[style](problem, rng, explainerFor(variant, style));
  const boxed = s.notation === "latex" ? latex(problem.answer) : show(problem.answer);
  return `<think>\n${s.think.join("\n")}\n</think>\n${s.summary ? s.summary + "\n" : ""}The answer is \\boxed{${boxed}}.`;
}
