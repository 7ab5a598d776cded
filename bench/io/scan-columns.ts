// Reads every row of a columnar JSON file through a json-columns.ts module (the current one, or an
// older copy given by path) and prints the row count and a checksum, so two scanners can be timed on
// the same file in the same run (bench/io/bench-columnar-scan.sh).
//   node --import tsx bench/io/scan-columns.ts <file.columns.json> [path/to/json-columns.ts]
import { resolve } from "node:path";

const [file, impl = "src/io/json-columns.ts"] = process.argv.slice(2);
const { columnarRows } = (await import(resolve(impl))) as typeof import("../../src/io/json-columns.ts");
let rows = 0;
let sum = 0;
for await (const { row } of columnarRows(file)) {
  rows++;
  sum = (sum + String(row.response ?? "").length + Number(row.len ?? 0)) % 1_000_000_007;
}
console.log(`${rows} rows, checksum ${sum}`);
