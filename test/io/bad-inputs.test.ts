// Broken input files through the commands (issue 16, "Bad input"): a Parquet file cut short, a Parquet
// row group damaged inside, a JSON array cut mid-row and a corrupt .zst frame (both Zstandard decoders)
// are each exit code 2 with one line naming the file and where it breaks (byte offset, or the rows of
// the row group), and nothing is written: no output, no temporary, no Parquet staging file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { oxa } from "../helpers/oxa-cli.ts";

const PY = resolve(".venv-trl/bin/python");
const dir = mkdtempSync(join(tmpdir(), "oxa-bad-inputs-"));
// 10,000 rows: three Parquet row groups of at most 4,096 rows
const rows = Array.from({ length: 10_000 }, (_, i) => ({ query: `q${i % 50}`, response: "r".repeat(i % 97) + i, ppl: 1 + (i % 13) / 4, len: i, correct: i % 3 !== 0 }));
const plain = join(dir, "rows.jsonl");
writeFileSync(plain, rows.map((r) => JSON.stringify(r) + "\n").join(""));

/** Runs `oxa <args> <input> <out>` for each output kind into an empty folder; returns the last stderr lines. */
function refused(input: string, env: Record<string, string> = {}): string[] {
  const lines: string[] = [];
  const runs: [string, (out: string) => string[]][] = [
    ["convert.jsonl", (o) => ["convert", input, o]],
    ["convert.parquet", (o) => ["convert", input, o]],
    ["select.jsonl", (o) => ["select", input, o, "--n", "5", "--correct-field", "correct"]],
  ];
  for (const [name, args] of runs) {
    const out = mkdtempSync(join(dir, "out-"));
    const r = spawnSync(process.execPath, [resolve("bin/oxa.mjs"), ...args(join(out, name))], { encoding: "utf8", env: { ...process.env, OXA_NO_PROGRESS: "1", ...env } });
    assert.equal(r.status, 2, `${name} on ${input}: ${r.stderr}`);
    const last = r.stderr.trim().split("\n");
    assert.equal(last.length, 1, `one line: ${r.stderr}`);
    lines.push(last[0]);
    assert.deepEqual(readdirSync(out), [], `${name}: nothing written`);
  }
  return lines;
}

test("a Parquet file cut short names the file and the byte offset it ends at; nothing is written", () => {
  const pq = join(dir, "rows.parquet");
  assert.equal(oxa(["convert", plain, pq]).status, 0);
  const bytes = readFileSync(pq);
  for (const keep of [bytes.length - 20, bytes.length >> 1]) {
    const cut = join(dir, `cut-${keep}.parquet`);
    writeFileSync(cut, bytes.subarray(0, keep));
    for (const line of refused(cut)) {
      assert.ok(line.includes(`${cut}: not a readable Parquet file: it is ${keep} bytes and does not end with Parquet's footer marker PAR1 (byte offset ${keep})`), line);
    }
  }
});

test("a Parquet row group damaged inside names its rows and where its data starts (as pyarrow reads the footer); nothing is written", { skip: !existsSync(PY) && "needs .venv-trl (pyarrow)" }, () => {
  const pq = join(dir, "rows.parquet");
  if (!existsSync(pq)) assert.equal(oxa(["convert", plain, pq]).status, 0);
  // where row group 2 starts and how many rows the groups hold, from pyarrow's reading of the footer
  const meta = spawnSync(PY, ["-c", "import sys, pyarrow.parquet as pq; m = pq.ParquetFile(sys.argv[1]).metadata; print(m.row_group(0).num_rows, m.row_group(1).num_rows, m.row_group(1).column(0).data_page_offset)", pq], { encoding: "utf8" });
  assert.equal(meta.status, 0, meta.stderr);
  const [n1, n2, offset] = meta.stdout.trim().split(" ").map(Number);
  assert.equal(n1, 4096);
  const bytes = Buffer.from(readFileSync(pq));
  bytes.fill(0x13, offset, offset + 300); // the start of row group 2's first page
  const damaged = join(dir, "damaged.parquet");
  writeFileSync(damaged, bytes);
  for (const line of refused(damaged)) {
    assert.ok(line.includes(`: ${damaged}, line ${n1 + 1}: row group 2 (rows ${n1 + 1}-${n1 + n2}, from byte offset ${offset}) is not readable (`), line);
  }
});

test("a JSON array cut mid-row names the element's line and the byte offset the file ends at; nothing is written", () => {
  const whole = JSON.stringify(rows.slice(0, 50));
  // cut inside element 31's response string
  const at = whole.indexOf('"response":"', whole.indexOf('{"query":"q30"')) + 15;
  const cut = join(dir, "cut.json");
  writeFileSync(cut, whole.slice(0, at));
  assert.equal(Buffer.byteLength(whole.slice(0, at)), at, "ASCII: characters are bytes");
  for (const line of refused(cut)) assert.ok(line.endsWith(`${cut}, line 31: the file ends inside element 31: it is cut short (byte offset ${at})`), line);
});

const zstd = spawnSync("zstd", ["--version"]).status === 0;

test("a corrupt .zst frame names the file and how many bytes decompressed before it, with the zstd command and with fzstd; nothing is written", { skip: !zstd && "the zstd command is missing (scripts/setup.sh installs it)" }, () => {
  const z = join(dir, "rows.jsonl.zst");
  assert.equal(spawnSync("zstd", ["-qf", plain, "-o", z]).status, 0);
  const bytes = Buffer.from(readFileSync(z));
  bytes.fill(0xff, 40, 104);
  const corrupt = join(dir, "corrupt.jsonl.zst");
  writeFileSync(corrupt, bytes);
  for (const env of [{}, { OXA_NO_ZSTD_COMMAND: "1" }] as Record<string, string>[]) {
    for (const line of refused(corrupt, env)) {
      assert.match(line, new RegExp(`${corrupt.replace(/[.]/g, "\\.")}: not a readable Zstandard stream after \\d+ decompressed bytes .*corrupt or cut short`), JSON.stringify(env));
    }
  }
});
