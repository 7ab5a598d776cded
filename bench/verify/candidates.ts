// Why the verifier has its own parser: the LaTeX CAS candidate from npm (@cortex-js/compute-engine)
// run on the labelled cases, each answer extracted by our extractor first so only the comparison is
// judged. mathjs has no LaTeX reader, so it cannot be run on these cases at all.
//
//   node --import tsx bench/verify/candidates.ts
import { ComputeEngine } from "@cortex-js/compute-engine";
import { extractAnswer, verify } from "../../src/verify/index.ts";
import { loadCases, scoreCases } from "./cases.ts";

const cases = loadCases().filter((c) => !c.options);
const ce = new ComputeEngine();

function ceVerdict(gold: string, response: string): boolean {
  const pred = extractAnswer(response).answer;
  if (pred === null) return false;
  try {
    const g = ce.parse(gold), p = ce.parse(pred);
    if (!g.isValid || !p.isValid) return false;
    return g.isEqual(p) === true;
  } catch {
    return false;
  }
}

function timed(fn: (g: string, r: string) => boolean): { verdicts: boolean[]; perCpuSecond: number } {
  const c0 = process.cpuUsage();
  const verdicts = cases.map((c) => fn(c.gold, c.response));
  const u = process.cpuUsage(c0);
  return { verdicts, perCpuSecond: cases.length / ((u.user + u.system) / 1e6) };
}

const ours = timed((g, r) => verify(g, r).correct);
const theirs = timed(ceVerdict);
for (const [name, r] of [["oxa verify", ours], ["compute-engine 0.27.0", theirs]] as const) {
  const s = scoreCases(cases, r.verdicts).overall;
  console.log(`${name}: ${(s.accuracy * 100).toFixed(1)}% on ${s.cases} cases (${s.falseMatches} false matches, ${s.misses} misses), ${Math.round(r.perCpuSecond)} cases per CPU second (one pass, cold)`);
}
const wrong = scoreCases(cases, theirs.verdicts).wrong.filter((c) => !c.expected).slice(0, 8);
console.log("compute-engine false matches, e.g.:\n" + wrong.map((c) => `  ${c.gold}  vs  ${c.response.slice(0, 70)}`).join("\n"));
