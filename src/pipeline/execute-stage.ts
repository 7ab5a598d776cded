// Runs one stage's command in-process and records it. The manifest is written atomically only
// after the command returned and its outputs were hashed, so a killed stage is never "done".
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { runChecked, type Command, type CommandContext } from "../command/command.ts";
import { writeJsonAtomic } from "../io/atomic.ts";
import { listFiles } from "../common/content-hash.ts";
import { manifestPath, readJsonAs, startedPath, startedSchema, type Manifest } from "./manifest.ts";
import type { CodeVersion } from "./code-version.ts";
import { stageOutDir } from "./stage-config.ts";
import { stopOrphans } from "./stop-orphans.ts";
import { toRunRelative } from "./run-relative.ts";

// Temporary files of src/io/atomic.ts writers: ".<name>.tmp-<pid>". A killed writer leaves them.
const TEMP = /(^|\/)\.[^/]+\.tmp-\d+$/;

function dropTemps(dir: string, rel = ""): void {
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) dropTemps(dir, r);
    else if (TEMP.test(r)) rmSync(join(dir, r), { force: true });
  }
}

export interface StageRun {
  runDir: string;
  name: string;
  cmd: Command;
  config: Record<string, unknown>;
  resumeConfig: Record<string, unknown>;
  params: Record<string, unknown>;
  key: string;
  inputs: Record<string, string>;
  code: CodeVersion;
  ctx: CommandContext;
  fileHash: (p: string) => Promise<string>;
}

export async function executeStage(s: StageRun): Promise<Manifest> {
  const out = stageOutDir(s.runDir, s.name);
  rmSync(manifestPath(s.runDir, s.name), { force: true });
  const started = readJsonAs(startedPath(s.runDir, s.name), startedSchema);
  if (started) await stopOrphans(join(s.runDir, s.name), s.ctx.log);
  mkdirSync(out, { recursive: true });
  const resuming = started?.key === s.key;
  if (resuming) {
    dropTemps(out);
    s.ctx.log(`resuming an unfinished attempt from ${started.startedAt}`);
  } else {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
  }
  const startedAt = new Date().toISOString();
  writeJsonAtomic(startedPath(s.runDir, s.name), { key: s.key, pid: process.pid, startedAt });
  const t0 = performance.now();
  const result = await runChecked(s.cmd, Object.freeze({ ...(resuming ? s.resumeConfig : s.config) }), s.ctx);
  const seconds = (performance.now() - t0) / 1000;
  const outputs = [];
  for (const path of listFiles(out, (r) => TEMP.test(r))) {
    outputs.push({ path, bytes: statSync(join(out, path)).size, sha256: await s.fileHash(join(out, path)) });
  }
  if (outputs.length === 0) s.ctx.log(`warning: nothing was written under ${out}; point the command's output options at \${out} so its outputs are tracked`);
  const m: Manifest = {
    version: 1,
    stage: s.name,
    uses: s.cmd.name,
    key: s.key,
    params: s.params,
    inputs: s.inputs,
    outputs,
    result: JSON.parse(JSON.stringify(result ?? null)),
    code: s.code,
    startedAt,
    finishedAt: new Date().toISOString(),
    seconds,
  };
  writeJsonAtomic(manifestPath(s.runDir, s.name), { ...m, result: toRunRelative(m.result, s.runDir) });
  rmSync(startedPath(s.runDir, s.name), { force: true });
  return m;
}
