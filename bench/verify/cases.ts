// The labelled case file (test/verify/cases.jsonl) and its scoring, shared by the accuracy test
// and the benchmarks: overall and per-category accuracy, with false matches counted apart
// (a false match is worse than a miss).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { VerifyOptions } from "../../src/verify/index.ts";

export interface Case {
  category: string;
  gold: string;
  response: string;
  expected: boolean;
  note?: string;
  options?: VerifyOptions;
}

export const CASES_PATH = fileURLToPath(new URL("../../test/verify/cases.jsonl", import.meta.url));

export function loadCases(path = CASES_PATH): Case[] {
  return readFileSync(path, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Case);
}

export interface CategoryScore {
  category: string;
  cases: number;
  right: number;
  falseMatches: number;
  misses: number;
  accuracy: number;
}

/** Scores verdicts (one boolean per case, same order) against the labels. */
export function scoreCases(cases: Case[], verdicts: boolean[]): { overall: CategoryScore; categories: CategoryScore[]; wrong: Case[] } {
  const by = new Map<string, CategoryScore>();
  const overall: CategoryScore = { category: "all", cases: 0, right: 0, falseMatches: 0, misses: 0, accuracy: 0 };
  const wrong: Case[] = [];
  cases.forEach((c, i) => {
    const s = by.get(c.category) ?? { category: c.category, cases: 0, right: 0, falseMatches: 0, misses: 0, accuracy: 0 };
    by.set(c.category, s);
    for (const t of [s, overall]) {
      t.cases++;
      if (verdicts[i] === c.expected) t.right++;
      else if (verdicts[i]) t.falseMatches++;
      else t.misses++;
    }
    if (verdicts[i] !== c.expected) wrong.push(c);
  });
  for (const t of [overall, ...by.values()]) t.accuracy = t.right / t.cases;
  return { overall, categories: [...by.values()], wrong };
}
