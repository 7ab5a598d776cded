// What the runner itself costs: the first run of a stage with a large input (streaming sha256 of
// it), a cached rerun (hash cache hit: no read), and a rerun after the input's mtime changed (full
// re-hash, still cached because the content is the same). Also the world's generation rate.
//
//   node --import tsx bench/pipeline/overhead.ts [--mb 256] [--dir bench/out/pipeline]
import { closeSync, mkdirSync, openSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { defineCommand } from "../../src/command/command.ts";
import { nullProgress } from "../../src/io/progress.ts";
import { worldCommand } from "../../src/cli/commands/world.ts";
import { runPipeline } from "../../src/pipeline/index.ts";

const { values } = parseArgs({ options: { mb: { type: "string", default: "256" }, dir: { type: "string", default: "bench/out/pipeline" } } });
const dir = values.dir!;
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const big = join(dir, "big.bin");
const chunk = Buffer.alloc(1 << 20, 97);
const fd = openSync(big, "w");
for (let i = 0; i < Number(values.mb); i++) writeSync(fd, chunk);
closeSync(fd);

// A stage that only looks at its input's size: the time is the runner's.
const size = defineCommand({
  name: "size",
  summary: "size of a file",
  examples: [],
  schema: z.object({ input: z.string().describe("file") }),
  run: async (c) => ({ bytes: statSync(c.input).size }),
});
const file = join(dir, "p.yaml");
writeFileSync(file, `stages:\n  size:\n    uses: size\n    with: { input: "${big}" }\n  world:\n    uses: world\n    with: { out: "\${out}", seed: 0 }\n`);
const ctx = { json: false, log: () => {}, progress: () => nullProgress };
const run = async (label: string) => {
  const t0 = performance.now();
  const r = await runPipeline({ file, out: join(dir, "run"), commands: { size, world: worldCommand }, ctx });
  const s = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(34)} ${s.toFixed(2)} s  ${r.stages.map((x) => `${x.name}=${x.status}${x.status === "ran" ? ` (${x.seconds.toFixed(2)} s)` : ""}`).join(" ")}`);
};
console.log(`input ${values.mb} MB; world at defaults (2000 train x 4 responses, 200 test, 4000 pretraining docs)`);
await run("first run (hash input, run both)");
await run("rerun, nothing changed");
const t = new Date();
utimesSync(big, t, t);
await run("rerun, input touched (re-hash)");
