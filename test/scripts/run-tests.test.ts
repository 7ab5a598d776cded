// scripts/run-tests.mjs, the test pool, run in a made-up project: jobs start longest first by the
// recorded durations; a job whose file names a consumer venv starts only after the consumers'
// install has finished; each job's counts are read from its own output; a failing file fails the
// run and is named; path filters pick jobs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const SCRIPT = resolve("scripts/run-tests.mjs");

/**
 * A project with four test files and an engine test file. Its consumers' install finishes only once
 * the last job that needs none has started, so a consumer job that did not wait would fail.
 */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "oxa-run-tests-"));
  for (const d of ["test/a", "engine/tests", "scripts"]) mkdirSync(join(dir, d), { recursive: true });
  symlinkSync(resolve("node_modules"), join(dir, "node_modules"));
  symlinkSync(resolve("engine/.venv"), join(dir, "engine/.venv"));
  const started = join(dir, "started.log");
  // each file logs when it starts; the consumer one fails unless the install has finished
  const file = (name: string, body: string) =>
    writeFileSync(join(dir, "test/a", name), `import { test } from "node:test";\nimport { appendFileSync, existsSync } from "node:fs";\nappendFileSync(${JSON.stringify(started)}, "${name}\\n");\n${body}\n`);
  file("short.test.ts", `test("one", () => {}); test("two", () => {});`);
  file("long.test.ts", `test("slow", async () => { await new Promise((r) => setTimeout(r, 300)); });`);
  file("broken.test.ts", `test("fine", () => {}); test("wrong", () => { throw new Error("expected failure"); });`);
  file("consumer.test.ts", `// needs .venv-trl\ntest("the install finished first", () => { if (!existsSync(${JSON.stringify(join(dir, "installed"))})) throw new Error("started before the install"); });`);
  writeFileSync(join(dir, "engine/tests/test_one.py"), "def test_one():\n    assert 1 + 1 == 2\n\ndef test_two():\n    assert True\n");
  const install = [
    `for i in $(seq 300); do grep -q short.test.ts ${JSON.stringify(started)} 2>/dev/null && break; sleep 0.1; done`,
    `touch ${JSON.stringify(join(dir, "installed"))}`,
    `echo "installed ($1)"`,
  ];
  writeFileSync(join(dir, "scripts/setup-consumers.sh"), install.join("\n") + "\n");
  writeFileSync(join(dir, "scripts/test-durations.json"), JSON.stringify({ "test/a/long.test.ts": 50, "test/a/consumer.test.ts": 40, "engine/tests": 30, "test/a/short.test.ts": 1 }));
  return dir;
}

const runIn = (dir: string, args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, TMPDIR: dir } });

test("the pool: longest first, consumer jobs after the install, counts per job, a failing file fails the run and is named", () => {
  const dir = project();
  const r = runIn(dir, ["--jobs", "1"]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const order = readFileSync(join(dir, "started.log"), "utf8").trim().split("\n");
  // long (50 s recorded) first; consumer (40 s) waits for the install, so the slot goes on with the
  // jobs that need none, longest first: engine/tests (30 s; it logs nothing), then the unmeasured
  // file (5 s) before the 1 s one
  assert.deepEqual(order, ["long.test.ts", "broken.test.ts", "short.test.ts", "consumer.test.ts"], r.stdout);
  assert.match(r.stdout, /scripts\/setup-consumers\.sh: ok in \d+ s\ninstalled \(--tolerant\)/);
  assert.match(r.stdout, /test\/a\/consumer\.test\.ts: ok \(1 passed, 0 failed\)/);
  assert.match(r.stdout, /test\/a\/broken\.test\.ts: FAILED \(1 passed, 1 failed\)/);
  assert.match(r.stdout, /engine\/tests: ok \(2 passed, 0 failed\)/);
  assert.match(r.stdout, /oxa tests: 7 passed, 1 failed in 5 job\(s\)/);
  assert.match(r.stdout, /FAILED: test\/a\/broken\.test\.ts \(exit 1\)/);
  assert.ok(!/FAILED: (?!test\/a\/broken)/.test(r.stdout), r.stdout);
});

test("the pool: path filters pick jobs; no match is an error; a bad option is named", () => {
  const dir = project();
  const r = runIn(dir, ["short", "engine/tests", "--consumers", "none"]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /oxa tests: 4 passed, 0 failed in 2 job\(s\)/);
  assert.ok(!r.stdout.includes("setup-consumers"));
  const none = runIn(dir, ["nothing-like-this"]);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /no test file matches nothing-like-this/);
  const bad = runIn(dir, ["--consumers", "always"]);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /--consumers must be one of tolerant, strict, none/);
});
