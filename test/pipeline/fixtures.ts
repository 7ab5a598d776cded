// Small real commands for the runner's tests (the same Command interface as oxa's own), and
// helpers to write pipeline files and read run directories.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { defineCommand, type CommandContext } from "../../src/command/command.ts";
import { nullProgress } from "../../src/io/progress.ts";
import { readRecords } from "../../src/io/records.ts";
import { writeJsonAtomic } from "../../src/io/atomic.ts";
import { listFiles } from "../../src/common/content-hash.ts";
import { worldCommand } from "../../src/cli/commands/world.ts";
import { runPipeline, type RunReport } from "../../src/pipeline/index.ts";

/** Counts the rows of a dataset whose `field` is at least `min` characters long. */
const count = defineCommand({
  name: "count",
  summary: "count rows",
  examples: [],
  schema: z.object({ input: z.string().describe("dataset"), out: z.string().describe("dir"), field: z.string().default("query").describe("field"), min: z.number().default(0).describe("min length") }),
  async run(c) {
    let rows = 0;
    for await (const r of readRecords(c.input)) if (String(r.row[c.field] ?? "").length >= c.min) rows++;
    writeJsonAtomic(join(c.out, "count.json"), [{ rows }]);
    return { rows };
  },
});

/** Appends to a partial file, then fails unless OXA_TEST_GATE=open: like an engine job that resumes. */
const gated = defineCommand({
  name: "gated",
  summary: "fails until the gate opens",
  examples: [],
  schema: z.object({ out: z.string().describe("dir"), label: z.string().default("a").describe("label"), resume: z.boolean().default(false).describe("resuming") }),
  async run(c) {
    const partial = join(c.out, "work.partial.jsonl");
    const before = existsSync(partial) ? readFileSync(partial, "utf8").split("\n").filter(Boolean).length : 0;
    appendFileSync(partial, JSON.stringify({ label: c.label, resume: c.resume }) + "\n");
    if (process.env.OXA_TEST_GATE !== "open") throw new Error("gate closed");
    return { earlierAttempts: before, resume: c.resume };
  },
});

export const testCommands = { world: worldCommand, count, gated };

export function quietCtx(): CommandContext & { lines: string[] } {
  const lines: string[] = [];
  return { json: false, lines, log: (m) => void lines.push(m), progress: () => nullProgress };
}

export const tmp = () => mkdtempSync(join(tmpdir(), "oxa-pipe-"));

export function writePipeline(dir: string, yaml: string, name = "p.yaml"): string {
  const file = join(dir, name);
  writeFileSync(file, yaml);
  return file;
}

export async function run(file: string, out: string, extra: { from?: string; only?: string; vars?: string[] } = {}): Promise<RunReport> {
  return runPipeline({ file, out, commands: testCommands, ctx: quietCtx(), ...extra });
}

export const statuses = (r: RunReport) => Object.fromEntries(r.stages.map((s) => [s.name, s.status]));

/** Every file under the stages' out/ directories with its content, for comparing two runs. */
export function outputsOf(runDir: string): Record<string, string> {
  return Object.fromEntries(listFiles(runDir).filter((f) => f.includes("/out/")).map((f) => [f, readFileSync(join(runDir, f), "utf8")]));
}
