// The layering rules hold for src/ (scripts/check-layers.ts; `npm run check:layers` prints the graph),
// and the checker itself finds what it looks for, on small hand-made trees.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cliImports, folderCycles, folderGraph, importEdges } from "../../scripts/check-layers.ts";

test("no file outside src/cli imports src/cli, and no import cycle between the folders of src/", () => {
  const edges = importEdges("src");
  assert.ok(edges.length > 300, `only ${edges.length} imports found: is the scanner reading src/?`);
  assert.deepEqual(cliImports(edges).map((e) => `${e.file} -> ${e.target}`), []);
  assert.deepEqual(folderCycles(folderGraph(edges)), []);
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "oxa-layers-"));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

test("the checker reports a stage importing the CLI and a cycle through three folders", () => {
  const root = tree({
    "cli/progress.ts": "export const x = 1;\n",
    "a/one.ts": 'import { x } from "../cli/progress.ts";\nimport type { B } from "../b/two.ts";\n',
    "b/two.ts": 'export type B = 1;\nexport { c } from "../c/three.ts";\n',
    "c/three.ts": 'const lazy = () => import("../a/one.ts");\nexport const c = 3;\n',
    "d/four.ts": 'import { c } from "../c/three.ts";\n',
  });
  const edges = importEdges(root);
  assert.deepEqual(cliImports(edges).map((e) => e.file), ["a/one.ts"]);
  assert.deepEqual(folderCycles(folderGraph(edges)), [["a", "b", "c"]]);
});
