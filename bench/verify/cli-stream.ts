// `oxa verify` over a large generated file, as a user runs it: a separate process on all cores,
// timed, with its peak memory (from /usr/bin/time -v) — the check that memory does not follow the
// file size. Rows cycle through the labelled cases with long reasoning before each answer; every
// fourth row carries a list of four responses.
//
//   node --import tsx bench/verify/cli-stream.ts [--rows 200000]
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, statSync } from "node:fs";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { loadCases } from "./cases.ts";
import { longResponses } from "./synthetic.ts";

const i = process.argv.indexOf("--rows");
const ROWS = i >= 0 ? Number(process.argv[i + 1]) : 200_000;
const OUT = fileURLToPath(new URL("./out/", import.meta.url));
const OXA = fileURLToPath(new URL("../../bin/oxa.mjs", import.meta.url));
mkdirSync(OUT, { recursive: true });

const items = longResponses(loadCases().filter((c) => !c.options));
const input = `${OUT}stream-${ROWS}.jsonl`;
const ws = createWriteStream(input);
let responses = 0;
for (let r = 0; r < ROWS; r++) {
  const c = items[r % items.length];
  const response = r % 4 === 3 ? [0, 1, 2, 3].map((k) => items[(r + k) % items.length].response) : c.response;
  responses += Array.isArray(response) ? response.length : 1;
  if (!ws.write(JSON.stringify({ id: r, gold: c.gold, response }) + "\n")) await once(ws, "drain");
}
ws.end();
await once(ws, "finish");

const r = spawnSync("/usr/bin/time", ["-v", process.execPath, OXA, "verify", input, `${OUT}stream-${ROWS}.out.jsonl`, "--json"], {
  encoding: "utf8",
  env: { ...process.env, OXA_NO_PROGRESS: "1" },
  maxBuffer: 1 << 26,
});
if (r.status !== 0) throw new Error(r.stderr);
const summary = JSON.parse(r.stdout);
const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
const wall = /Elapsed \(wall clock\) time.*: (.+)/.exec(r.stderr)?.[1];
console.log(`${ROWS} rows, ${responses} responses, ${(statSync(input).size / 2 ** 20).toFixed(0)} MB in; ${summary.perSecond}/s on ${summary.workers} workers; wall ${wall}; peak RSS ${rss.toFixed(0)} MB; correct ${summary.correct}, gold unreadable ${summary.goldUnparsed}, timed out ${summary.timedOut}, errors ${summary.errors}`);
