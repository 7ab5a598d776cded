// A seeded generator of a realistic scored teacher file for benchmarking `oxa select`:
// right-skewed PPL (mostly 1–6), token lengths 500–32,000, ~5 % of rows repeating an earlier
// query, 300-character responses with some LaTeX (so JSON escapes occur), a verdict per row.
//
//   node --import tsx bench/select/generate-teacher.ts [--rows 2000000] [--seed 1] [--out bench/out/teacher-2m.jsonl]
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { createRandom } from "../../src/common/random.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "2000000" },
    seed: { type: "string", default: "1" },
    out: { type: "string", default: "bench/out/teacher-2m.jsonl" },
  },
});
const rows = Number(values.rows);
const rand = createRandom(Number(values.seed));

const words = ["the", "sum", "of", "roots", "is", "then", "we", "get", "so", "therefore", "let", "x", "y", "equation",
  "\\frac{a}{b}", "\\sqrt{2}", "triangle", "area", "probability", "integer", "prime", "divides", "\\boxed{7}", "check", "wait"];
let corpus = "";
while (corpus.length < 1 << 20) corpus += words[Math.floor(rand() * words.length)] + " ";
const window = (n: number) => {
  const s = Math.floor(rand() * (corpus.length - n - 1));
  return corpus.slice(s, s + n);
};
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

mkdirSync(dirname(values.out!), { recursive: true });
const fd = openSync(values.out!, "w");
const queries: string[] = [];
let chunk: string[] = [];
for (let i = 0; i < rows; i++) {
  let query: string;
  if (queries.length > 0 && rand() < 0.05) query = queries[Math.floor(rand() * queries.length)];
  else {
    query = `Problem ${i}: ${window(120 + Math.floor(rand() * 130))}`;
    if (queries.length < 200_000) queries.push(query);
    else queries[Math.floor(rand() * queries.length)] = query;
  }
  const ppl = 1 + Math.exp(Math.log(1.3) + 0.6 * normal());
  const len = Math.round(Math.exp(Math.log(500) + rand() * Math.log(64)));
  const row = { query, response: window(300), answer: String(Math.floor(rand() * 1000)), ppl: Math.round(ppl * 1e4) / 1e4, len, correct: rand() < 0.85 };
  chunk.push(JSON.stringify(row));
  if (chunk.length === 10_000) {
    writeSync(fd, chunk.join("\n") + "\n");
    chunk = [];
  }
}
if (chunk.length) writeSync(fd, chunk.join("\n") + "\n");
closeSync(fd);
process.stderr.write(`wrote ${rows} rows to ${values.out}\n`);
