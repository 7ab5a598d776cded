// Real responses from the built-in world's teacher (every style, every level): each is verified
// against its problem's exact answer, written both as a fraction and in LaTeX, and against a wrong
// answer computed independently with the world's own exact fraction arithmetic.
import { test } from "node:test";
import assert from "node:assert/strict";
import { add, frac, latex, show } from "../../src/world/fraction.ts";
import { createRng, generateProblem, MAX_LEVEL, MIN_LEVEL, STYLE_IDS, teach } from "../../src/world/index.ts";
import { verify } from "../../src/verify/index.ts";

test("teacher responses verify against their exact answers and not against a neighbouring value", () => {
  let n = 0;
  for (let level = MIN_LEVEL; level <= MAX_LEVEL; level++) {
    for (const kind of ["story", "unknown"] as const) {
      for (const style of STYLE_IDS) {
        for (let k = 0; k < 6; k++) {
          const rng = createRng("verify-world", level, kind, style, k);
          const p = generateProblem(kind, level, rng);
          const response = teach(p, style, rng);
          for (const gold of [show(p.answer), latex(p.answer)]) {
            const v = verify(gold, response, { mode: "strict" });
            assert.equal(v.correct, true, `${gold} vs …${response.slice(-80)}: ${v.reason}`);
          }
          const off = add(p.answer, frac(1n, 7n));
          assert.equal(verify(latex(off), response).correct, false, `${latex(off)} vs …${response.slice(-60)}`);
          n++;
        }
      }
    }
  }
  assert.equal(n, (MAX_LEVEL - MIN_LEVEL + 1) * 2 * STYLE_IDS.length * 6);
});
