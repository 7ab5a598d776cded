// bin/oxa.mjs runs a bundle of the sources that it rebuilds after any edit, and falls back to the
// sources through tsx where no bundle can be written. Checked in a copy of bin/ and src/ (the
// repository's own bundle is in use by the other tests running beside this one).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const REPO = resolve(".");

function copyOfTheProgram(): string {
  const dir = mkdtempSync(join(tmpdir(), "oxa-bundle-"));
  for (const p of ["bin", "src", "package.json", "tsconfig.json"]) cpSync(join(REPO, p), join(dir, p), { recursive: true });
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"));
  return dir;
}

const oxa = (dir: string, args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [join(dir, "bin", "oxa.mjs"), ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

const BUNDLE = ".build/cli/oxa.mjs";
const WORKERS = [".build/cli/worker-entry.mjs", ".build/cli/scan-worker.mjs"];

test("the first start builds the bundle and its workers; an unchanged start reuses it; an edit rebuilds it; a deleted source is noticed", () => {
  const dir = copyOfTheProgram();
  assert.ok(!existsSync(join(dir, BUNDLE)));
  assert.deepEqual(oxa(dir, ["--version"]), { status: 0, stdout: "0.1.0\n", stderr: "" });
  for (const f of [BUNDLE, ...WORKERS]) assert.ok(statSync(join(dir, f)).size > 1000, f);
  const stamp = readFileSync(join(dir, BUNDLE), "utf8").split("\n")[0];
  const inputs = JSON.parse(stamp.replace("// oxa-bundle-inputs ", ""));
  assert.ok(inputs["src/cli/main.ts"] && inputs["src/verify/verify-worker.ts"] && inputs["src/select/scan-worker.ts"], "workers' sources are inputs too");

  // unchanged: the same file, not rewritten
  const built = statSync(join(dir, BUNDLE)).mtimeMs;
  utimesSync(join(dir, BUNDLE), new Date(built - 10_000), new Date(built - 10_000));
  assert.equal(oxa(dir, ["--version"]).stdout, "0.1.0\n");
  assert.ok(Math.abs(statSync(join(dir, BUNDLE)).mtimeMs - (built - 10_000)) < 1, "an unchanged start rebuilt the bundle");

  // an edit is running at the next start, whose build sweeps what killed builds left (not a live one's)
  const dead = join(dir, ".build/cli/oxa.mjs.4194303.tmp");
  const live = join(dir, `.build/cli/oxa.mjs.${process.pid}.tmp`);
  for (const f of [dead, live]) writeFileSync(f, "half a bundle");
  const main = join(dir, "src/cli/main.ts");
  writeFileSync(main, readFileSync(main, "utf8").replace('"0.1.0\\n"', '"0.1.0-edited\\n"'));
  assert.equal(oxa(dir, ["--version"]).stdout, "0.1.0-edited\n");
  assert.ok(!existsSync(dead) && existsSync(live));

  // a source that is gone (here: a worker's) rebuilds, and the build's error sends the start to tsx
  rmSync(join(dir, "src/select/scan-worker.ts"));
  const r = oxa(dir, ["--version"], { OXA_DEBUG: "1" });
  assert.equal(r.stdout, "0.1.0-edited\n");
  assert.match(r.stderr, /running the sources through tsx/);
});

test("where no bundle can be written, and under OXA_NO_BUNDLE=1, the sources run through tsx", () => {
  const dir = copyOfTheProgram();
  writeFileSync(join(dir, ".build"), "a file where the bundle's folder would go");
  assert.deepEqual(oxa(dir, ["--version"]), { status: 0, stdout: "0.1.0\n", stderr: "" });
  const other = copyOfTheProgram();
  assert.equal(oxa(other, ["--version"], { OXA_NO_BUNDLE: "1" }).stdout, "0.1.0\n");
  assert.ok(!existsSync(join(other, ".build")));
});

test("a crash's stack (in the crash log) names the TypeScript sources, not the bundle", () => {
  const dir = copyOfTheProgram();
  const main = join(dir, "src/cli/main.ts");
  writeFileSync(main, readFileSync(main, "utf8").replace('if (name === "--version") {', 'if (name === "--version") {\n    throw new Error("boom");'));
  const r = oxa(dir, ["--version"]);
  assert.equal(r.status, 1);
  const log = /unexpected error: boom \(details: (.+)\)/.exec(r.stderr)?.[1];
  assert.ok(log, r.stderr);
  assert.match(readFileSync(log, "utf8"), /at main \(\S*src\/cli\/main\.ts:\d+:\d+\)/);
});
