// Runs every test/**/*.test.ts with node's built-in test runner (Node 20 takes no globs).
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

const filter = process.argv.slice(2);
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".test.ts") ? [p] : [];
  });
}
const files = walk("test").filter((f) => filter.length === 0 || filter.some((s) => f.includes(s))).sort();
// Every temporary file of the run — the tests' own folders, the engine's, Chromium's — goes under one
// folder removed at the end, so a test that forgets to clean up (or is killed) leaves nothing behind.
// OXA_KEEP_TEST_TMP=1 keeps it for a post-mortem.
const tmp = mkdtempSync(join(tmpdir(), "oxa-tests-"));
chmodSync(tmp, 0o1777); // like /tmp: the tests that run oxa as an unprivileged user need their own temp files too
const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", ...files], {
  stdio: "inherit",
  env: { ...process.env, TMPDIR: tmp },
});
if (process.env.OXA_KEEP_TEST_TMP === "1") console.log(`oxa tests: temporary files kept in ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
process.exit(r.status ?? 1);
