// `oxa demo --method self-explore --preset tiny` end to end (the CI proof that the whole method
// runs), SIGKILLed while the explore stage is running and rerun. An uninterrupted second run would
// double the test's time, so the check against a clean run is cheaper and as strict: a copy of the
// finished run directory without the explore and pairs stages is rerun; explore then starts from
// scratch, and only if it writes the same bytes as the resumed one are the pairs, and so every DPO
// and eval stage after them (keyed by their inputs' hashes), unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demo as runDemo, env, OXA, until } from "./demo-process.ts";

const ARMS = ["sft", "rft", "dpo_outcome", "dpo_step"];
const PAIRS = ["pairs-step", "pairs-outcome"];
/** explore's work directory: steps.jsonl (finished steps) and each round's generator output, reused when resumed (src/explore/first-pit-search.ts). */
const workDir = (top: string) => join(top, "pipeline", "explore", "out", "explored.jsonl.work");

const demo = (out: string) => runDemo(out, ["--method", "self-explore", "--preset", "tiny"]);

const pairsFile = (top: string, stage: string) => readFileSync(join(top, "pipeline", stage, "out", "pairs.jsonl"));
const lines = (path: string) => (existsSync(path) ? readFileSync(path, "utf8").split("\n").filter(Boolean).length : 0);
/** Completions the generator has written so far in the work directory's round outputs. */
const roundLines = (top: string) => (existsSync(workDir(top)) ? readdirSync(workDir(top)).filter((f) => /^round-.*\.samples\.jsonl$/.test(f)).reduce((n, f) => n + lines(join(workDir(top), f)), 0) : 0);

/** The measured part of results.json: everything but paths, timings and how much a resume reused. */
const measured = (r: any) => {
  const { pits, noPit, meanSteps } = r.data.explore;
  return { arms: r.arms, base: r.base, data: { ...r.data, explore: { pits, noPit, meanSteps } } };
};

test("oxa demo --method self-explore --preset tiny: killed mid-explore, resumed to the same pairs and results as a clean explore", async () => {
  const root = mkdtempSync(join(tmpdir(), "oxa-se-demo-"));
  const a = join(root, "a");

  // Kill the whole process group once the generator has written some of explore's completions.
  const child = spawn(process.execPath, [OXA, "demo", "--method", "self-explore", "--preset", "tiny", "--out", a], { env, detached: true, stdio: "ignore" });
  await until(() => roundLines(a) > 0, 600_000);
  process.kill(-child.pid!, "SIGKILL");
  await new Promise((r) => child.once("exit", r));
  const done = roundLines(a);
  assert.ok(!existsSync(join(a, "pipeline", "explore", "manifest.json")), "explore was killed before it finished");
  assert.ok(done > 0, "the killed explore had written completions");

  const resumed = demo(a);
  assert.equal(resumed.stages.ran, 6, "the resumed demo ran explore and the five stages after it");
  assert.ok(!existsSync(workDir(a)), "explore's work directory goes after success");
  for (const arm of ARMS) {
    const s = resumed.arms[arm];
    assert.ok(s["pass@1"] >= 0 && s["pass@1"] <= 1 && s["pass@k"] >= s["pass@1"] - 1e-12, `${arm}: ${JSON.stringify(s)}`);
    assert.ok(s.entropy > 0, `${arm} entropy`);
  }
  const d = resumed.data;
  // The tiny models solve nothing: the RFT set is empty and the gold rationales are the chosen sides.
  assert.ok(d.rft.samples === 32 && d.rft.kept <= d.rft.correct, `RFT set: ${JSON.stringify(d.rft)}`);
  assert.ok(d.pairs.step > 0 && d.pairs.outcome > 0, `pairs: ${JSON.stringify(d.pairs)}`);
  assert.ok(d.explore.completions.generated >= done, `the killed explore had written ${done} completions; the resumed one counts ${d.explore.completions.generated}`);
  assert.ok(d.dpo.step && d.dpo.outcome, "both DPO arms trained");
  const html = readFileSync(join(a, "self-explore", "report.html"), "utf8");
  assert.ok(html.includes("<svg") && !/https?:\/\/(?!www\.w3\.org)/.test(html), "self-contained report");
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(a, "self-explore", "results.json"), "utf8")).arms), ARMS);

  // The same run directory, explore and pairs removed: a clean explore must give the same bytes.
  const b = join(root, "b");
  cpSync(join(a, "pipeline"), join(b, "pipeline"), { recursive: true });
  for (const s of ["explore", ...PAIRS]) rmSync(join(b, "pipeline", s), { recursive: true, force: true });
  const clean = demo(b);
  assert.equal(clean.stages.ran, 3, "explore and both pairs stages reran; DPO and eval found their inputs unchanged");
  for (const s of PAIRS) assert.ok(pairsFile(a, s).equals(pairsFile(b, s)), `${s}: byte-identical pairs`);
  assert.ok(statSync(join(b, "pipeline", "explore", "out", "explored.jsonl")).size > 0);
  assert.deepEqual(measured(clean), measured(resumed));
});
