// The `oxa` command's bundle: the TypeScript sources compiled by esbuild into one ES module
// (.build/cli/oxa.mjs) plus one per worker-thread entry, rebuilt on the first start after any
// source changed. Why: loading the ~250 source modules through tsx's loader costs about 2 s of CPU
// at every start, the bundle about 0.6 s, and pipelines and tests start oxa hundreds of times.
//
// Freshness: the bundle's first line lists every source file it was built from with its mtime and
// size; any difference (an edit, a checkout, a deleted file) rebuilds it. Concurrent starts may
// each rebuild: every file is written to a temporary name and renamed, workers before the main
// module, so a start sees a complete old or new bundle.
//
// Paths: the bundle sits two folders below the repository root, as every source file that finds
// the root from its own location (`new URL("../..", import.meta.url)`) does, and the worker
// bundles sit beside it under the names the pools load (`new URL("./<name>.mjs", import.meta.url)`).
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, ".build", "cli");
const MAIN = join(OUT, "oxa.mjs");
const STAMP = "// oxa-bundle-inputs ";
/** The command, and the worker-thread entries under the names src/verify/verifier-pool.ts and src/select/read-pool.ts load. */
const ENTRIES = [
  { in: "src/cli/main.ts", out: "oxa" },
  { in: "src/verify/verify-worker.ts", out: "worker-entry" },
  { in: "src/select/scan-worker.ts", out: "scan-worker" },
];

/** The inputs recorded on the bundle's first line, or null when there is no readable bundle. */
function recordedInputs() {
  if (!existsSync(MAIN)) return null;
  const fd = openSync(MAIN, "r");
  try {
    const buf = Buffer.alloc(1 << 16);
    let text = "";
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
      text += buf.toString("utf8", 0, n);
      const nl = text.indexOf("\n");
      if (nl >= 0) return text.startsWith(STAMP) ? JSON.parse(text.slice(STAMP.length, nl)) : null;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

const signature = (path) => {
  try {
    const s = statSync(join(ROOT, path));
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return null;
  }
};

function isFresh() {
  const inputs = recordedInputs();
  return inputs !== null && Object.entries(inputs).every(([path, sig]) => signature(path) === sig);
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
};

/** Temporary files left by builds that were killed before their rename. */
function sweepDeadBuilds() {
  for (const name of existsSync(OUT) ? readdirSync(OUT) : []) {
    const pid = /\.(\d+)\.tmp$/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) rmSync(join(OUT, name), { force: true });
  }
}

async function build() {
  const { build: esbuild } = await import("esbuild");
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: OUT,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  const inputs = {};
  for (const path of Object.keys(result.metafile.inputs).sort()) inputs[path] = signature(path);
  mkdirSync(OUT, { recursive: true });
  sweepDeadBuilds();
  const files = result.outputFiles.map((f) => ({ path: f.path, text: f.text }));
  const main = files.find((f) => f.path === MAIN);
  main.text = `${STAMP}${JSON.stringify(inputs)}\n${main.text}`;
  // esbuild's source map lines count from the bundle's first line: one line added, one ';' to the map
  const map = files.find((f) => f.path === `${MAIN}.map`);
  if (map) map.text = map.text.replace('"mappings": "', '"mappings": ";');
  for (const f of [...files.filter((f) => f !== main), main]) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.text);
    renameSync(tmp, f.path);
  }
}

/** The path of a fresh bundle (building it if needed), or null when it cannot be built or written
 * here (a read-only checkout, esbuild missing): the caller then runs the sources through tsx. */
export async function freshBundle() {
  if (process.env.OXA_NO_BUNDLE === "1") return null;
  try {
    if (!isFresh()) await build();
    return MAIN;
  } catch (e) {
    if (process.env.OXA_DEBUG) process.stderr.write(`oxa: running the sources through tsx (no bundle in ${relative(process.cwd(), OUT)}: ${e?.message ?? e})\n`);
    return null;
  }
}
