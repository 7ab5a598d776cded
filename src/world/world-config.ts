// The knobs of a world: sizes, difficulty range, problem mix and the teacher's style frequencies.
import type { StyleId } from "./teacher.ts";
import type { WorldVariant } from "./variants.ts";

export interface WorldConfig {
  seed: number;
  nTrain: number;
  nTest: number;
  /** Problems in the pretraining corpus (distinct from train and test). */
  nPretrain: number;
  /** Teacher responses per train query. */
  responses: number;
  minLevel: number;
  maxLevel: number;
  /** Share of "think of a number" (algebra) problems; the rest are stories. */
  unknownShare: number;
  /** Relative frequency of each teacher style among train responses. */
  styleWeights: Readonly<Record<StyleId, number>>;
  /** The one style of the pretraining corpus: the style the base model will know. */
  pretrainStyle: StyleId;
  /** Share of pretraining documents written in one of the other styles instead (0 = none). */
  pretrainOtherShare: number;
  /** What the rare styles contain (variants.ts); absent = the control world. */
  variant?: WorldVariant;
}
