// The columnar twin of a JSONL file ({"key": [v1, v2, ...], ...}), written in bounded memory: one pass
// over the JSONL per column (every row has every key of the first row; a missing one is null).
//   node --import tsx bench/io/jsonl-to-columns.ts in.jsonl out.json
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { readLines } from "../../src/io/lines.ts";

const [input, output] = process.argv.slice(2);
let keys: string[] = [];
for await (const l of readLines(input)) {
  keys = Object.keys(JSON.parse(l.text));
  break;
}
const out = createWriteStream(output);
const put = async (s: string) => {
  if (!out.write(s)) await once(out, "drain");
};
await put("{");
for (const [i, k] of keys.entries()) {
  await put(`${i ? "," : ""}${JSON.stringify(k)}:[`);
  let first = true;
  let batch = "";
  for await (const l of readLines(input)) {
    if (!l.text) continue;
    batch += (first ? "" : ",") + JSON.stringify(JSON.parse(l.text)[k] ?? null);
    first = false;
    if (batch.length > 1 << 20) {
      await put(batch);
      batch = "";
    }
  }
  await put(batch + "]");
}
await put("}\n");
out.end();
await once(out, "finish");
