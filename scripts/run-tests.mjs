// Runs the test suites as one pool of jobs on all cores: every test/**/*.test.ts file is a job (run
// by node's test runner, one process per file), and so is the engine's pytest suite. Jobs start
// longest first (measured durations in scripts/test-durations.json), so the few long ones overlap the
// many short ones and the pool finishes together: one file after another on one core, as before,
// took CI 44 minutes for 53 minutes of jobs on two cores.
//
// The consumers' venvs (scripts/setup-consumers.sh: vLLM, TRL, verl) install in the background
// while the jobs that need none run; a job that needs one (its file names `.venv-vllm`, `.venv-trl`,
// `.venv-verl`, `vllmPython` or `verlPython`) waits for the install. The engine's test files that
// name one form a job of their own, so the rest of pytest need not wait.
//
//   node scripts/run-tests.mjs                      every job (what `npm test` runs)
//   node scripts/run-tests.mjs test/eval/ mine      only the jobs whose path contains one of these
//   node scripts/run-tests.mjs engine/tests         only the engine's pytest suite
//   node scripts/run-tests.mjs --jobs 1             one job at a time
//   node scripts/run-tests.mjs --consumers strict   fail the run if a consumer venv cannot install
//                                                   (CI); `tolerant` (default) lets its tests skip,
//                                                   saying why; `none` installs nothing
//   node scripts/run-tests.mjs --record             also rewrite scripts/test-durations.json
//
// A job's output is kept in a file and printed whole when it ends, so outputs never interleave;
// a lone job prints as it runs. Exits non-zero if any job failed, naming each at the end.
import { chmodSync, createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";

const DURATIONS = "scripts/test-durations.json";
/** Estimate for a job not yet measured: files are short as a rule; the long ones are recorded. */
const UNMEASURED_S = 5;
/** How a test file says it needs a consumer's venv. */
const NEEDS_CONSUMER = /\.venv-(vllm|trl|verl)\b|vllmPython|verlPython/;
const CONSUMER_MODES = ["tolerant", "strict", "none"];
const PYTHON = "engine/.venv/bin/python";

function parseArgs(argv) {
  const opts = { jobs: availableParallelism(), record: false, consumers: "tolerant", filters: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? a.split("=", 2) : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--record") opts.record = true;
    else if (flag === "--jobs") opts.jobs = Number(value());
    else if (flag === "--consumers") opts.consumers = value();
    else if (flag.startsWith("--")) throw new Error(`run-tests: unknown option ${a} (--jobs N, --consumers MODE, --record, or path filters)`);
    else opts.filters.push(a);
  }
  if (!Number.isInteger(opts.jobs) || opts.jobs < 1) throw new Error("run-tests: --jobs must be a whole number >= 1");
  if (!CONSUMER_MODES.includes(opts.consumers)) throw new Error(`run-tests: --consumers must be one of ${CONSUMER_MODES.join(", ")}`);
  return opts;
}

function walk(dir, suffix) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p, suffix) : p.endsWith(suffix) ? [p] : [];
  });
}

const needsConsumer = (file) => NEEDS_CONSUMER.test(readFileSync(file, "utf8"));

/**
 * Every job: a name (what filters match and durations are keyed by), its command, and whether it
 * waits for the consumers' venvs. The engine suite is split in two only by that need.
 */
function allJobs() {
  const ts = walk("test", ".test.ts").sort().map((f) => ({ name: f, cmd: process.execPath, args: ["--import", "tsx", f], tap: true, consumer: needsConsumer(f) }));
  const py = walk("engine/tests", ".py").filter((f) => /(^|\/)test_[^/]*\.py$/.test(f)).sort();
  const withConsumer = py.filter(needsConsumer);
  const engine = [{ name: "engine/tests", cmd: PYTHON, args: ["-m", "pytest", "-q", "--durations=8", "engine/tests", ...withConsumer.map((f) => `--ignore=${f}`)], tap: false, consumer: false }];
  if (withConsumer.length) engine.push({ name: "engine/tests (consumers)", cmd: PYTHON, args: ["-m", "pytest", "-q", "--durations=8", ...withConsumer], tap: false, consumer: true });
  return [...ts, ...engine];
}

/** Passed and failed test counts from a job's output (node's TAP summary, or pytest's last line). */
function counts(job, text) {
  if (!job.tap) {
    const last = text.trim().split("\n").pop() ?? "";
    const n = (word) => Number(last.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
    return { pass: n("passed"), fail: n("failed") + n("error") };
  }
  const n = (word) => Number(text.match(new RegExp(`^# ${word} (\\d+)$`, "m"))?.[1] ?? 0);
  return { pass: n("pass"), fail: n("fail") + n("cancelled") };
}

/** Runs one command; with a log file its output goes there, else to this terminal. */
function run(cmd, args, env, logFile) {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: logFile ? ["ignore", "pipe", "pipe"] : "inherit" });
    const done = (code, signal, error) => resolve({ code: code ?? 1, signal, error, seconds: (performance.now() - t0) / 1000 });
    child.on("error", (e) => done(1, null, e.message));
    if (!logFile) return child.on("close", (code, signal) => done(code, signal));
    const log = createWriteStream(logFile);
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on("close", (code, signal) => log.end(() => done(code, signal)));
  });
}

const opts = parseArgs(process.argv.slice(2));
const known = existsSync(DURATIONS) ? JSON.parse(readFileSync(DURATIONS, "utf8")) : {};
const every = allJobs();
const pending = every
  .filter((j) => opts.filters.length === 0 || opts.filters.some((s) => j.name.includes(s)))
  .sort((a, b) => (known[b.name] ?? UNMEASURED_S) - (known[a.name] ?? UNMEASURED_S));
if (pending.length === 0) {
  console.error(`run-tests: no test file matches ${opts.filters.join(", ")}`);
  process.exit(1);
}
// Every temporary file of the run — the tests' own folders, the engine's, Chromium's — goes under one
// folder removed at the end, so a test that forgets to clean up (or is killed) leaves nothing behind.
// OXA_KEEP_TEST_TMP=1 keeps it for a post-mortem.
const tmp = mkdtempSync(join(tmpdir(), "oxa-tests-"));
chmodSync(tmp, 0o1777); // like /tmp: the tests that run oxa as an unprivileged user need their own temp files too
const logs = mkdtempSync(join(tmpdir(), "oxa-test-logs-"));
const env = { ...process.env, TMPDIR: tmp };
const total = pending.length;
const lone = total === 1 && !pending[0].consumer;
const width = Math.min(opts.jobs, total);
const results = [];
const t0 = performance.now();

const print = (title, text) => process.stdout.write(`\n──── ${title}\n${text}`);

// The consumers' install, started at once when a chosen job needs it; consumersDone says it ended.
let consumersDone = true;
let consumers = Promise.resolve(null);
if (opts.consumers !== "none" && pending.some((j) => j.consumer)) {
  const log = join(logs, "consumers.log");
  const args = ["scripts/setup-consumers.sh", ...(opts.consumers === "tolerant" ? ["--tolerant"] : [])];
  consumersDone = false;
  consumers = run("bash", args, env, log).then((r) => {
    consumersDone = true;
    const ok = r.code === 0;
    print(`scripts/setup-consumers.sh: ${ok ? "ok" : "FAILED"} in ${r.seconds.toFixed(0)} s`, readFileSync(log, "utf8"));
    return { ...r, ok };
  });
}
console.log(`oxa tests: ${total} job(s) on ${width} slot(s), longest first${pending.some((j) => j.consumer) ? `; the consumers' venvs install meanwhile (${opts.consumers})` : ""}`);

/** The next job a free slot may start: the longest whose needs are met, after waiting if none is. */
async function take() {
  for (;;) {
    const i = pending.findIndex((j) => !j.consumer || consumersDone);
    if (i >= 0) return pending.splice(i, 1)[0];
    if (pending.length === 0) return null;
    await consumers;
  }
}

async function slot() {
  for (let job = await take(); job; job = await take()) {
    const logFile = lone ? null : join(logs, `${every.indexOf(job)}.log`);
    const r = await run(job.cmd, job.args, env, logFile);
    const text = logFile ? readFileSync(logFile, "utf8") : "";
    const ok = r.code === 0; // a command that could not start has code 1
    const result = { job: job.name, ...r, ...counts(job, text), ok };
    results.push(result);
    if (logFile) print(`${job.name}: ${ok ? "ok" : "FAILED"} (${result.pass} passed, ${result.fail} failed) in ${r.seconds.toFixed(1)} s [${results.length}/${total}]`, text);
    if (r.error) console.log(`run-tests: could not start ${job.name}: ${r.error}`);
  }
}
await Promise.all(Array.from({ length: width }, slot));
const setup = await consumers;
const wall = (performance.now() - t0) / 1000;

if (process.env.OXA_KEEP_TEST_TMP === "1") console.log(`oxa tests: temporary files kept in ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
rmSync(logs, { recursive: true, force: true });
if (opts.record) {
  const names = new Set(every.map((j) => j.name));
  const measured = { ...known, ...Object.fromEntries(results.map((r) => [r.job, Math.round(r.seconds * 10) / 10])) };
  const kept = Object.entries(measured).filter(([j]) => names.has(j)).sort((a, b) => b[1] - a[1]);
  writeFileSync(DURATIONS, JSON.stringify(Object.fromEntries(kept), null, 1) + "\n");
}

const failed = results.filter((r) => !r.ok);
if (setup && !setup.ok) failed.push({ job: "scripts/setup-consumers.sh", code: setup.code, signal: setup.signal });
if (lone) {
  console.log(`oxa tests: ${results[0].job} ${failed.length ? "FAILED" : "ok"} in ${wall.toFixed(1)} s`);
  process.exit(failed.length ? 1 : 0);
}
const sum = (k) => results.reduce((n, r) => n + r[k], 0);
console.log(`\noxa tests: ${sum("pass")} passed, ${sum("fail")} failed in ${results.length} job(s); ${wall.toFixed(0)} s wall for ${sum("seconds").toFixed(0)} s of jobs on ${width} slot(s)`);
console.log(`  longest: ${[...results].sort((a, b) => b.seconds - a.seconds).slice(0, 6).map((r) => `${r.job} ${r.seconds.toFixed(0)} s`).join(", ")}`);
for (const r of failed) console.log(`  FAILED: ${r.job} (exit ${r.signal ?? r.code}${r.error ? `, ${r.error}` : ""})`);
process.exit(failed.length ? 1 : 0);
