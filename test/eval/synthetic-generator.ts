// Test fake of the evaluation's Generator interface (not a test file): writes a samples file in the
// engine's format without a model, with a seeded chance of a correct \boxed{} answer per model,
// so report tests get varied, realistic-looking curves fast. Used only where generation is not
// what is tested; the end-to-end test runs the real engine.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { writeFileAtomic } from "../../src/io/atomic.ts";
import type { Generator } from "../../src/backend/index.ts";

const unit = (...parts: unknown[]) => createHash("sha256").update(parts.join("|")).digest().readUInt32BE(0) / 2 ** 32;

/** skill: per model directory base name, a logit offset; answers: gold by problem id. */
export function syntheticGenerator(skill: Record<string, number>, answers: Map<string, string>): Generator & { calls: number } {
  const gen = async (req: Parameters<Generator>[0]) => {
    gen.calls++;
    const name = basename(req.model);
    const lines: string[] = [];
    for (const l of readFileSync(req.promptsPath, "utf8").split("\n").filter(Boolean)) {
      const { id } = JSON.parse(l) as { id: string };
      const difficulty = 4 * unit("difficulty", id) - 2;
      for (let s = 0; s < req.n; s++) {
        const p = 1 / (1 + Math.exp(difficulty - skill[name]));
        const ok = unit(name, id, s, req.settings.seed) < p;
        const len = Math.round(60 + 400 * unit("len", name, id, s) * (1 + skill[name] / 4));
        const text = `<think>working</think> so the answer is \\boxed{${ok ? answers.get(id) : "-12345"}}`;
        lines.push(JSON.stringify({ id, sample: s, text, n_tokens: len, finish_reason: len > 400 ? "length" : "stop", mean_entropy: 0.3 + 0.1 * skill[name] + 0.2 * unit("h", name, id, s) }));
      }
    }
    writeFileAtomic(req.output, lines.join("\n") + "\n");
  };
  gen.calls = 0;
  return gen;
}
