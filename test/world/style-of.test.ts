// styleOf names the teacher's style of every response the world writes, in both variants, at every
// level and for both kinds of problem; a response that opens in no style is "other".
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng, generateProblem, styleOf, teach, MAX_LEVEL, MIN_LEVEL, STYLE_IDS, WORLD_VARIANTS } from "../../src/world/index.ts";

test("styleOf recovers the teacher's style of every response, in both world variants", () => {
  const rng = createRng(11);
  let checked = 0;
  for (const variant of WORLD_VARIANTS) {
    for (let level = MIN_LEVEL; level <= MAX_LEVEL; level++) {
      for (const kind of ["story", "unknown"] as const) {
        for (let i = 0; i < 40; i++) {
          const p = generateProblem(kind, level, rng);
          for (const style of STYLE_IDS) {
            const resp = teach(p, style, rng, variant);
            assert.equal(styleOf(resp), style, `${variant} ${kind} level ${level}:\n${resp}`);
            checked++;
          }
        }
      }
    }
  }
  assert.equal(checked, WORLD_VARIANTS.length * (MAX_LEVEL - MIN_LEVEL + 1) * 2 * 40 * STYLE_IDS.length);
});

test("styleOf: samples that open in no style, or only half of one, are other", () => {
  assert.equal(styleOf(""), "other");
  assert.equal(styleOf("<think>\n</think>\nThe answer is \\boxed{3}."), "other");
  assert.equal(styleOf("<think>\nI think it is 3\n</think>"), "other");
  assert.equal(styleOf("<think>\n6 / 3 =\n</think>"), "other"); // cut before the value
  assert.equal(styleOf("<think>\nWork with fractions\n</think>"), "other");
  // A model's own sample is judged by its opening even when later lines go wrong.
  assert.equal(styleOf("<think>\n6 / 3 = 1\nbanana\n</think>\nThe answer is \\boxed{1}."), "terse");
  assert.equal(styleOf("<think>\n\nFollow the sand through each step.\n6 / 3 = 2"), "verify");
  assert.equal(styleOf("16 * (3/4) = 12"), "terse"); // no <think>: the text's own first line
});
