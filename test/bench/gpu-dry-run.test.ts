// The prepared GPU check (bench/gpu/run.sh) in its CPU dry run: it must finish, write every section
// with numbers or a stated reason, pass its correctness checks, and refuse a real run without CUDA.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const env = { ...process.env, OMP_NUM_THREADS: "1" };

/** A measurement: finite numbers, or an explicit skipped/error reason. */
function assertMeasured(node: any, where: string) {
  assert.ok(node && typeof node === "object", `${where} missing`);
  if (typeof node.skipped === "string" || typeof node.error === "string") {
    assert.ok((node.skipped ?? node.error).length > 0, `${where}: empty reason`);
    return;
  }
  for (const [k, v] of Object.entries(node)) {
    if (typeof v === "number") assert.ok(Number.isFinite(v), `${where}.${k} = ${v}`);
  }
}

test("bench/gpu/run.sh --dry-run writes every section and passes its correctness checks", () => {
  const out = mkdtempSync(join(tmpdir(), "oxa-gpu-dry-"));
  try {
    const t0 = Date.now();
    const r = spawnSync("bash", ["bench/gpu/run.sh", "--dry-run"], { env: { ...env, OUT: out }, encoding: "utf8", timeout: 120_000 });
    const seconds = (Date.now() - t0) / 1000;
    assert.equal(r.status, 0, r.stderr.slice(-3000));
    assert.ok(seconds < 90, `dry run took ${seconds} s`);
    const j = JSON.parse(readFileSync(join(out, "gpu-bench.json"), "utf8"));
    assert.match(readFileSync(join(out, "gpu-bench.txt"), "utf8"), /DRY RUN/);
    assert.equal(j.dry_run, true);
    assert.equal(j.finished, true);

    assertMeasured(j.peak, "peak");
    assert.ok(j.peak.tflops > 0);
    const shape = j.model;
    for (const obj of ["sft", "oxa_full"]) {
      for (const label of ["2k", "8k", "32k"]) {
        const t = j.train?.[obj]?.[label];
        assertMeasured(t, `train.${obj}.${label}`);
        if (t.skipped || t.error) continue;
        // FLOPs per token recomputed from the shape: every Linear (q, k, v, o, gate, up, down, head)
        const d = shape.hidden_size, L = shape.num_hidden_layers, I = shape.intermediate_size;
        const kv = (d / shape.num_attention_heads) * shape.num_key_value_heads;
        const n = L * (2 * d * d + 2 * d * kv + 3 * d * I) + shape.vocab * d;
        assert.equal(t.n_linear_params, n);
        assert.equal(t.flops_per_token, 6 * n + 12 * L * d * t.seq_len);
        assert.ok(Math.abs(t.mfu - (t.tokens_per_s * t.flops_per_token) / 1e12 / j.peak.tflops) < 1e-9 * t.mfu);
        assert.equal(t.ul_seqs > 0, obj === "oxa_full");
        assert.ok(t.loss_first > 0 && t.loss_last > 0);
      }
    }
    for (const label of ["2k", "8k", "32k"]) {
      const m = j.loss_memory?.[label];
      assertMeasured(m, `loss_memory.${label}`);
      // on CPU the peaks are skipped with a reason; fused and full compute the same CE
      if (!m.error && !m.skipped) {
        assert.equal(typeof m.peak_gib?.skipped, "string");
        assert.equal(m.losses_agree, true);
      }
    }
    for (const k of ["score", "generate"]) {
      assertMeasured(j[k], k);
      assert.ok(j[k].tokens_per_s > 0, `${k}: ${JSON.stringify(j[k])}`);
    }
    assert.equal(j.generate.tokens, j.generate.batch * j.generate.new_tokens);
    // dry run: CPU bfloat16 (autocast for training) against CPU float32, at the real run's tolerances
    for (const k of ["score", "train"]) {
      const c = j.correctness?.[k];
      assertMeasured(c, `correctness.${k}`);
      assert.match(c.compared, /cpu bfloat16 vs cpu float32/);
      assert.equal(c.passed, true, JSON.stringify(c));
      assert.ok(c.max_rel_diff <= c.rtol);
    }
    assert.ok(j.correctness.train.loss_ref.at(-1) < j.correctness.train.loss_ref[0]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("bench/gpu/run.sh records what does not fit its time budget as skipped, and still exits 0", () => {
  const out = mkdtempSync(join(tmpdir(), "oxa-gpu-budget-"));
  try {
    const r = spawnSync("bash", ["bench/gpu/run.sh", "--dry-run", "--budget-s", "1"], { env: { ...env, OUT: out }, encoding: "utf8", timeout: 90_000 });
    assert.equal(r.status, 0, r.stderr.slice(-3000));
    const j = JSON.parse(readFileSync(join(out, "gpu-bench.json"), "utf8"));
    const leaves = [j.peak, j.score, j.generate, j.correctness.score, j.correctness.train, ...["sft", "oxa_full"].flatMap((o) => ["2k", "8k", "32k"].map((l) => j.train[o][l])), ...["2k", "8k", "32k"].map((l) => j.loss_memory[l])];
    assert.equal(leaves.length, 14);
    for (const leaf of leaves) assert.match(leaf.skipped, /budget/);
    assert.match(readFileSync(join(out, "gpu-bench.txt"), "utf8"), /budget/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("bench/gpu/run.sh without CUDA and without --dry-run fails loudly", () => {
  const out = mkdtempSync(join(tmpdir(), "oxa-gpu-nocuda-"));
  try {
    // the dry run's interpreter (the engine venv has CPU-only torch), asked for a real run
    const r = spawnSync("bash", ["bench/gpu/run.sh"], { env: { ...env, OUT: out, PYTHON: "engine/.venv/bin/python" }, encoding: "utf8", timeout: 60_000 });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no CUDA device/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
