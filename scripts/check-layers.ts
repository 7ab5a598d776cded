// The layering rules of src/, checked from the import statements themselves:
//   1. no file outside src/cli/ imports from src/cli/ (stages never know the terminal exists);
//   2. no import cycle between the top-level folders of src/ (dependencies point one way).
// `npm run check:layers` prints the folder graph in dependency order and exits 1 on a violation;
// test/architecture/layers.test.ts runs the same check.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

export interface ImportEdge {
  file: string; // relative to src/
  target: string; // relative to src/
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|mjs)$/.test(name) ? [p] : [];
  });
}

/** Every relative import of every module under `src`, as paths relative to `src`. */
export function importEdges(src: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of walk(src)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      edges.push({ file: relative(src, file), target: relative(src, resolve(dirname(file), spec)) });
    }
  }
  return edges;
}

const folderOf = (p: string) => (p.includes(sep) ? p.split(sep)[0] : ".");

/** Imports of src/cli/ from files outside it. */
export function cliImports(edges: ImportEdge[]): ImportEdge[] {
  return edges.filter((e) => folderOf(e.file) !== "cli" && folderOf(e.target) === "cli");
}

/** Folder -> the folders it imports (self-imports left out). */
export function folderGraph(edges: ImportEdge[]): Map<string, Set<string>> {
  const g = new Map<string, Set<string>>();
  for (const e of edges) {
    const a = folderOf(e.file);
    const b = folderOf(e.target);
    if (!g.has(a)) g.set(a, new Set());
    if (!g.has(b)) g.set(b, new Set());
    if (a !== b) g.get(a)!.add(b);
  }
  return g;
}

/** Strongly connected components with more than one folder (Tarjan): each is an import cycle. */
export function folderCycles(g: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) cycles.push(comp.sort());
    }
  };
  for (const v of [...g.keys()].sort()) if (!idx.has(v)) visit(v);
  return cycles;
}

/** The folders bottom-up: each after everything it imports (valid when there is no cycle). */
export function layerOrder(g: Map<string, Set<string>>): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  const visit = (v: string) => {
    if (done.has(v)) return;
    done.add(v);
    for (const w of [...(g.get(v) ?? [])].sort()) visit(w);
    order.push(v);
  };
  for (const v of [...g.keys()].sort()) visit(v);
  return order;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const src = resolve(dirname(fileURLToPath(import.meta.url)), "../src");
  const edges = importEdges(src);
  const g = folderGraph(edges);
  for (const f of layerOrder(g)) console.log(`${f.padEnd(10)} -> ${[...g.get(f)!].sort().join(", ") || "(nothing)"}`);
  const bad = cliImports(edges);
  const cycles = folderCycles(g);
  for (const e of bad) console.error(`src/${e.file} imports src/${e.target}: only src/cli/ may import the CLI`);
  for (const c of cycles) console.error(`import cycle between folders: ${c.join(" <-> ")}`);
  process.exit(bad.length || cycles.length ? 1 : 0);
}
