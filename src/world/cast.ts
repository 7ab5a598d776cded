// The people and goods that world problems are about. Quantities of goods that can be split
// (liters, kilograms, meters) keep fractional answers natural.
import type { Rng } from "../common/random.ts";
import type { Cast } from "./problem.ts";

const PEOPLE: readonly (readonly [string, "she" | "he"])[] = [
  ["Lena", "she"], ["Omar", "he"], ["Mia", "she"], ["Ravi", "he"], ["Sofia", "she"], ["Tom", "he"],
  ["Aiko", "she"], ["Ben", "he"], ["Nora", "she"], ["Jonas", "he"], ["Priya", "she"], ["Leo", "he"],
];

const GOODS: readonly (readonly [string, string])[] = [
  ["liters", "juice"], ["kilograms", "flour"], ["meters", "rope"], ["cups", "rice"],
  ["liters", "paint"], ["kilograms", "sand"], ["meters", "ribbon"], ["grams", "tea"],
];

export function drawCast(rng: Rng): Cast {
  const [name, he] = rng.pick(PEOPLE);
  const [unit, stuff] = rng.pick(GOODS);
  return { name, he, his: he === "she" ? "her" : "his", unit, stuff };
}

export const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
