// How fast `oxa eval` turns a samples file into details, and in how much memory: writes a seeded
// samples file in the engine's format (P problems x n samples, each a long reasoning text ending
// in \boxed{}), then grades and summarises it with the real verifier, sampling RSS as it goes.
//
//   node --import tsx bench/eval/grade-throughput.ts [--problems 200] [--n 128] [--chars 4000]
import { createWriteStream, mkdirSync } from "node:fs";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { gradeSamples } from "../../src/eval/grade-samples.ts";
import { summarize } from "../../src/eval/summarize.ts";
import { verifierGrader } from "../../src/eval/verifier-grader.ts";
import { createRandom } from "../../src/common/random.ts";

const { values } = parseArgs({ options: { problems: { type: "string", default: "200" }, n: { type: "string", default: "128" }, chars: { type: "string", default: "4000" } } });
const P = Number(values.problems);
const N = Number(values.n);
const CHARS = Number(values.chars);
const rand = createRandom(1);
const out = "bench/out/eval";
mkdirSync(out, { recursive: true });
const path = `${out}/samples-${P}x${N}.jsonl`;

const golds = Array.from({ length: P }, (_, i) => (i % 3 === 0 ? `\\frac{${i + 1}}{${i + 7}}` : i % 3 === 1 ? String(17 * i + 3) : `${i}\\sqrt{2}`));
const filler = "We consider the quantity and simplify step by step; then \\frac{a}{b} + \\sqrt{c} gives the next line. ".repeat(Math.ceil(CHARS / 100)).slice(0, CHARS);
const w = createWriteStream(path);
for (let p = 0; p < P; p++) {
  for (let s = 0; s < N; s++) {
    const ok = rand() < 0.4;
    const answer = ok ? (p % 3 === 0 ? `${(p + 1) * 2}/${(p + 7) * 2}` : golds[p]) : String(Math.floor(rand() * 1000));
    const line = JSON.stringify({ id: `q${p}`, sample: s, text: `<think>${filler}</think> The answer is \\boxed{${answer}}.`, n_tokens: Math.floor(CHARS / 4), finish_reason: "stop", mean_entropy: 0.5 + rand() });
    if (!w.write(line + "\n")) await once(w, "drain");
  }
}
w.end();
await once(w, "finish");

let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const grader = verifierGrader({ timeoutMs: 2000, mode: "strict" });
const t0 = performance.now();
const details = await gradeSamples(path, golds.map((g, i) => ({ id: `q${i}`, problem: "", answer: g })), N, grader.grade);
const s = summarize(details);
const seconds = (performance.now() - t0) / 1000;
await grader.close();
clearInterval(timer);
console.log(JSON.stringify({ problems: P, n: N, samples: P * N, file_mb: +((P * N * (CHARS + 150)) / 2 ** 20).toFixed(0), seconds: +seconds.toFixed(2), samples_per_s: Math.round((P * N) / seconds), peak_rss_mb: Math.round(peak / 2 ** 20), "pass@1": s["pass@1"] }));
