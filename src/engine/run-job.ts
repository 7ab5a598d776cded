// Runs one engine job as a child process: writes the validated spec, streams events, renders
// progress, and turns a failure into an EngineError carrying the engine's own message.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { EngineError } from "../io/errors.ts";
import { writeJsonAtomic } from "../io/atomic.ts";
import { nullProgress, type Progress } from "../io/progress.ts";
import { parseEvent, PROTOCOL_VERSION, type EngineEvent } from "./events.ts";
import { ENGINE_DIR, engineAccelerate, enginePython } from "./python.ts";
import { jobResults, jobSpecs, type JobName, type JobResultOf, type JobSpec } from "./jobs/index.ts";
import { parseEngineOutput } from "./engine-output.ts";

export interface RunJobOptions {
  /** Directory for the spec file (and nothing else); created if missing. */
  workDir: string;
  progress?: Progress;
  onEvent?: (e: EngineEvent) => void;
  /** >1 runs the job under `accelerate launch` with that many processes. */
  processes?: number;
  /** Extra arguments to `accelerate launch` (e.g. a config file). */
  launchArgs?: string[];
  env?: Record<string, string>;
  signal?: AbortSignal;
}

export interface JobResult<J extends JobName> {
  /** The `done` event's result, parsed through the job's result schema. */
  result: JobResultOf<J>;
  warnings: string[];
}

export async function runJob<J extends JobName>(job: J, spec: JobSpec<J>, opts: RunJobOptions): Promise<JobResult<J>> {
  const validated = jobSpecs[job].parse(spec);
  mkdirSync(opts.workDir, { recursive: true });
  const specPath = join(opts.workDir, `${job}.spec.json`);
  writeJsonAtomic(specPath, { protocol: PROTOCOL_VERSION, job, ...validated });

  const py = enginePython();
  const args = ["-m", "oxa_engine", job, "--spec", specPath];
  const n = opts.processes ?? 1;
  const [cmd, argv] = n > 1 ? [engineAccelerate(), ["launch", "--num_processes", String(n), ...(opts.launchArgs ?? []), ...args]] : [py, args];
  const child = spawn(cmd, argv, {
    cwd: process.cwd(), // spec paths are relative to where the user ran oxa; PYTHONPATH finds the engine
    env: { ...process.env, PYTHONPATH: ENGINE_DIR, PYTHONUNBUFFERED: "1", TOKENIZERS_PARALLELISM: "false", ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
    signal: opts.signal,
  });
  const progress = opts.progress ?? nullProgress;
  const warnings: string[] = [];
  let doneResult: Record<string, unknown> | null = null;
  let errorMessage: string | null = null;
  const stderrTail: string[] = [];

  const out = createInterface({ input: child.stdout });
  out.on("line", (line) => {
    const e = parseEvent(line);
    if (!e) return;
    opts.onEvent?.(e);
    if (e.type === "progress") progress.update(e.done, e.total ?? undefined, e.status ?? undefined);
    else if (e.type === "warning") warnings.push(e.message);
    else if (e.type === "done") doneResult = e.result;
    else if (e.type === "error") errorMessage ??= e.message;
  });
  const err = createInterface({ input: child.stderr });
  err.on("line", (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
    if (process.env.OXA_ENGINE_STDERR === "1") process.stderr.write(line + "\n");
  });

  const code: number = await new Promise((resolve, reject) => {
    child.on("error", (e) => reject(new EngineError(job, e.message)));
    child.on("close", (c, sig) => resolve(c ?? (sig ? 128 : 1)));
  });
  await new Promise((r) => setImmediate(r));
  if (errorMessage) throw new EngineError(job, errorMessage);
  if (code !== 0 || !doneResult) {
    const tail = stderrTail.filter((l) => l.trim()).slice(-12).join("\n");
    throw new EngineError(job, `exited with code ${code} without finishing${tail ? `; its last output:\n${tail}` : ""}`);
  }
  progress.finish();
  const result = parseEngineOutput(jobResults[job], doneResult, { job, file: "its done event" }) as JobResultOf<J>;
  return { result, warnings };
}
