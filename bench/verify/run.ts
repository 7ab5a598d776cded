// Verifier benchmark: accuracy on the labelled cases (per category), throughput in verifications
// per second on one core (the case file, and a stream of long responses), the worker pool on all
// cores, and Hugging Face math-verify on the same items with the agreement between the two.
//
//   node --import tsx bench/verify/run.ts [--seconds 3] [--no-mathverify]
//
// math-verify runs from a bench-only venv (bench/verify/.venv-mathverify, gitignored):
//   python3 -m venv bench/verify/.venv-mathverify && bench/verify/.venv-mathverify/bin/pip install math-verify==0.9.0
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { verify, VerifierPool } from "../../src/verify/index.ts";
import { loadCases, scoreCases, type Case } from "./cases.ts";
import { longResponses } from "./synthetic.ts";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const SECONDS = Number(arg("seconds", "3"));
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const OUT = here("./out/");
const PY = here("./.venv-mathverify/bin/python");
mkdirSync(OUT, { recursive: true });

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

/** Whole passes over the items until `seconds` have gone by: verifications per wall second and per
 * CPU second of this process (the fair per-core figure on a machine shared with other work). */
function rate(items: Case[], seconds: number): { wall: number; cpu: number } {
  const start = performance.now();
  const c0 = process.cpuUsage();
  let n = 0;
  do {
    for (const c of items) verify(c.gold, c.response, c.options ?? {});
    n += items.length;
  } while (performance.now() - start < seconds * 1000);
  return { wall: n / ((performance.now() - start) / 1000), cpu: n / cpuSeconds(process.cpuUsage(c0)) };
}

function mathVerify(name: string, items: Case[], minSeconds: number): { verdicts: boolean[]; rate: { wall: number; cpu: number } } | null {
  if (process.argv.includes("--no-mathverify") || !existsSync(PY)) return null;
  const input = `${OUT}${name}.jsonl`;
  const output = `${OUT}${name}.mathverify.json`;
  writeFileSync(input, items.map((c) => JSON.stringify({ gold: c.gold, response: c.response })).join("\n") + "\n");
  const r = spawnSync(PY, [here("./mathverify_bench.py"), input, output, "--min-seconds", String(minSeconds)], { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`math-verify run failed (exit ${r.status})`);
  const res = JSON.parse(readFileSync(output, "utf8")) as { verdicts: boolean[]; seconds: number; cpu_seconds: number; items: number; passes: number };
  const n = res.items * res.passes;
  return { verdicts: res.verdicts, rate: { wall: n / res.seconds, cpu: n / res.cpu_seconds } };
}

const cases = loadCases();
const plain = cases.filter((c) => !c.options);
const long = longResponses(plain);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const ours = cases.map((c) => verify(c.gold, c.response, c.options ?? {}).correct);
const score = scoreCases(cases, ours);
rate(cases, 0.5); // warm-up
const casesRate = rate(cases, SECONDS);
const longRate = rate(long, SECONDS);
const avgLong = Math.round(long.reduce((s, c) => s + c.response.length, 0) / long.length);

const pool = new VerifierPool();
const poolItems = Array.from({ length: 10 }, () => long).flat();
await pool.verifyMany(poolItems); // start-up and JIT warm-up of every worker
const t0 = performance.now();
const pc0 = process.cpuUsage();
await pool.verifyMany(poolItems);
const poolRate = { wall: poolItems.length / ((performance.now() - t0) / 1000), cpu: poolItems.length / cpuSeconds(process.cpuUsage(pc0)) };
const poolSize = pool.size;
await pool.close();

const mvLong = mathVerify("long", long, 0);

const lines: string[] = [];
lines.push(`machine: ${cpus()[0]?.model ?? "?"}, ${availableParallelism()} cores, Node ${process.version}`);
lines.push(`accuracy on ${cases.length} labelled cases: ${pct(score.overall.accuracy)} (${score.overall.right} right, ${score.overall.falseMatches} false matches, ${score.overall.misses} misses)`);
const mvCases = mathVerify("cases", cases, SECONDS);
const mvScore = mvCases ? scoreCases(cases, mvCases.verdicts) : null;
lines.push("", "| category | cases | oxa verify | false matches | misses | math-verify 0.9.0 | its false matches | agreement |", "|---|---:|---:|---:|---:|---:|---:|---:|");
score.categories.forEach((c, k) => {
  const m = mvScore?.categories[k];
  const idx = cases.flatMap((x, i) => (x.category === c.category ? [i] : []));
  const agree = mvCases ? `${pct(idx.filter((i) => ours[i] === mvCases.verdicts[i]).length / idx.length)}` : "n/a";
  lines.push(`| ${c.category} | ${c.cases} | ${pct(c.accuracy)} | ${c.falseMatches} | ${c.misses} | ${m ? pct(m.accuracy) : "n/a"} | ${m ? m.falseMatches : "n/a"} | ${agree} |`);
});
// The classes of the held-out-suite issue (blind batch 2 and the cases written after it).
const NEW_CLASSES = new Set(["gold-solution", "no-box", "double-escaped", "number-format", "labelled", "ratio-multi", "relations", "structures-text", "words", "equality-chain", "text-around", "multilingual", "ordered-lists", "false-match-traps"]);
for (const [name, pick] of [
  ["the 14 new classes", (c: Case) => NEW_CLASSES.has(c.category)],
  ["blind batch 2", (c: Case) => (c.note ?? "").startsWith("blind batch 2")],
  ["blind batch 3", (c: Case) => (c.note ?? "").startsWith("blind batch 3")],
  ["blind batch 4", (c: Case) => (c.note ?? "").startsWith("blind batch 4")],
] as const) {
  const idx = cases.flatMap((c, i) => (pick(c) ? [i] : []));
  const o = scoreCases(idx.map((i) => cases[i]), idx.map((i) => ours[i])).overall;
  let line = `${name} (${idx.length} cases): oxa ${pct(o.accuracy)} (${o.falseMatches} false matches, ${o.misses} misses)`;
  if (mvCases) {
    const m = scoreCases(idx.map((i) => cases[i]), idx.map((i) => mvCases.verdicts[i])).overall;
    const agree = idx.filter((i) => ours[i] === mvCases.verdicts[i]).length;
    line += `; math-verify ${pct(m.accuracy)} (${m.falseMatches} false matches, ${m.misses} misses); agreement ${agree}/${idx.length} (${pct(agree / idx.length)})`;
  }
  lines.push("", line);
}
lines.push("", "| one core, verifications per CPU second (per wall second) | oxa verify | math-verify 0.9.0 | ratio (CPU) |", "|---|---:|---:|---:|");
const fmt = (r: { wall: number; cpu: number }) => `${Math.round(r.cpu)}/s (${Math.round(r.wall)}/s)`;
const row = (name: string, a: { wall: number; cpu: number }, b: { wall: number; cpu: number } | undefined) =>
  lines.push(`| ${name} | ${fmt(a)} | ${b ? fmt(b) : "n/a"} | ${b ? `${(a.cpu / b.cpu).toFixed(0)}x` : "n/a"} |`);
row(`case file (${cases.length} items)`, casesRate, mvCases?.rate);
row(`long responses (${long.length} items, ${avgLong} chars on average)`, longRate, mvLong?.rate);
lines.push("", `worker pool on ${poolSize} workers, long responses: ${Math.round(poolRate.wall)}/s wall, ${Math.round(poolRate.cpu)} per CPU second (all threads)`);
if (mvCases && mvScore) {
  const agree = ours.filter((v, i) => v === mvCases.verdicts[i]).length;
  // Rows with options (strict extraction, think, percent policies) ask for rules math-verify does not have.
  const plainIdx = cases.flatMap((c, i) => (c.options ? [] : [i]));
  const mvPlain = scoreCases(plainIdx.map((i) => cases[i]), plainIdx.map((i) => mvCases.verdicts[i])).overall;
  lines.push("", `math-verify on the same labelled cases: ${pct(mvScore.overall.accuracy)} (${mvScore.overall.falseMatches} false matches, ${mvScore.overall.misses} misses); on the ${plainIdx.length} rows without options: ${pct(mvPlain.accuracy)} (${mvPlain.falseMatches} false matches)`);
  lines.push(`agreement oxa vs math-verify: ${agree}/${cases.length} (${pct(agree / cases.length)})`);
}
if (mvLong) {
  const agree = long.map((c) => verify(c.gold, c.response).correct).filter((v, i) => v === mvLong.verdicts[i]).length;
  lines.push("", `agreement on the long responses: ${agree}/${long.length} (${pct(agree / long.length)})`);
}
const text = lines.join("\n");
writeFileSync(`${OUT}results.md`, text + "\n");
console.log(text);
