import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashFile, hashPath } from "../../src/common/content-hash.ts";
import { HashCache } from "../../src/pipeline/hash-cache.ts";
import { canonicalJson } from "../../src/pipeline/stage-key.ts";
import { tmp } from "./fixtures.ts";

const sha = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");

test("file and directory hashes equal a direct sha256 computation; streaming spans many chunks", async () => {
  const dir = tmp();
  const big = Buffer.alloc(3 * (1 << 20) + 17, 7);
  big[12345] = 1;
  writeFileSync(join(dir, "big.bin"), big);
  assert.equal(await hashFile(join(dir, "big.bin")), sha(big));
  mkdirSync(join(dir, "sub"));
  writeFileSync(join(dir, "sub", "a.txt"), "alpha");
  const expected = sha(`big.bin\0${sha(big)}\nsub/a.txt\0${sha("alpha")}\n`);
  assert.equal(await hashPath(dir), expected);
  writeFileSync(join(dir, "sub", "a.txt"), "alphb");
  assert.notEqual(await hashPath(dir), expected);
});

test("the hash cache answers from memory while size and mtime hold, and rehashes when they change", async () => {
  const dir = tmp();
  const f = join(dir, "f.txt");
  writeFileSync(f, "one");
  const cache = new HashCache(join(dir, "cache.json"));
  assert.equal(await cache.hash(f), sha("one"));
  cache.save();
  // Same size and mtime: the saved entry is trusted (that is what makes big inputs cheap).
  const t = new Date(2020, 0, 1);
  writeFileSync(f, "two");
  utimesSync(f, t, t);
  const reloaded = new HashCache(join(dir, "cache.json"));
  assert.equal(await reloaded.hash(f), sha("two"), "mtime changed since the cache entry");
  reloaded.save();
  writeFileSync(f, "six");
  utimesSync(f, t, t);
  assert.equal(await new HashCache(join(dir, "cache.json")).hash(f), sha("two"), "same size and mtime: cached");
  assert.ok(readFileSync(join(dir, "cache.json"), "utf8").includes(sha("two")));
});

test("canonical JSON sorts keys at every depth", () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }), '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
});
