// Test helper: a Generator (the backend's real interface) that answers each (question, prefix)
// with completions set in advance — for testing the search logic, not a model. It records every
// prompt it was asked for, so tests can check batching and that resumed work is not regenerated.
import { readFileSync, writeFileSync } from "node:fs";
import type { Generator } from "../../src/backend/index.ts";

export type Script = (question: string, prefix: string) => string[];

export function scriptedGenerator(script: Script, opts: { failOnCall?: number } = {}) {
  const calls: string[][] = [];
  const generate: Generator = async (req) => {
    if (opts.failOnCall !== undefined && calls.length + 1 === opts.failOnCall) throw new Error("killed (scripted)");
    const rows = readFileSync(req.promptsPath, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { id: string; prompt: string; prefix?: string });
    calls.push(rows.map((r) => r.id));
    const out = rows.flatMap((r) => {
      const texts = script(r.prompt, r.prefix ?? "");
      if (texts.length !== req.n) throw new Error(`script gave ${texts.length} completions for ${r.id}, asked ${req.n}`);
      return texts.map((text, sample) => JSON.stringify({ id: r.id, sample, text, n_tokens: text.length, finish_reason: "stop", mean_entropy: null }) + "\n");
    });
    writeFileSync(req.output, out.join(""));
  };
  return { generate, calls };
}
