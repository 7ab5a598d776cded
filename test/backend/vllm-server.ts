// Test helper: a real vLLM (CPU build) server on a free loopback port, serving a tiny model whose
// head size vLLM's CPU attention supports (32; TINY's is 8). Started by the test, awaited on
// GET /v1/models, stopped by its process id. `vllmPython()` is null when the venv is absent
// (scripts/setup-vllm.sh installs it; CI runs it), and the tests then skip saying so.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, openSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { REPO_ROOT } from "../../src/engine/python.ts";
import { tinyModel } from "../helpers/tiny-model.ts";

export const VLLM_TINY = { hidden_size: 64, intermediate_size: 128, num_attention_heads: 2, num_key_value_heads: 2 } as const;

export function vllmPython(): string | null {
  const p = join(process.env.OXA_VLLM_VENV ?? join(REPO_ROOT, ".venv-vllm"), "bin", "python");
  return existsSync(p) ? p : null;
}

export const NO_VLLM = "the vLLM venv is absent (.venv-vllm): run scripts/setup-vllm.sh (CI does)";

export const vllmModel = () => tinyModel(VLLM_TINY);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface VllmServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
  stop(): Promise<void>;
}

// A cold start compiles the model (torch.compile, about 90 s on an idle 2-core machine; the cache
// in ~/.cache/vllm makes later starts quick). Two servers compiling at once on a loaded machine
// took over 240 s, so the wait is generous: it only costs time when the server is slow.
const READY_TIMEOUT_MS = 600_000;

export async function startVllm(model: string, opts: { log: string; maxLogprobs?: number; readyTimeoutMs?: number }): Promise<VllmServer> {
  const py = vllmPython();
  if (!py) throw new Error(NO_VLLM);
  const port = await freePort();
  const out = openSync(opts.log, "a");
  const child = spawn(
    py,
    ["-m", "vllm.entrypoints.openai.api_server", "--model", model, "--host", "127.0.0.1", "--port", String(port),
      "--max-model-len", "1024", "--dtype", "float32", "--max-logprobs", String(opts.maxLogprobs ?? 20), "--disable-log-stats"],
    { env: { ...process.env, VLLM_CPU_KVCACHE_SPACE: "1", OMP_NUM_THREADS: "1" }, stdio: ["ignore", out, out], detached: true },
  );
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, "SIGTERM"); // its process group: the API server and its engine core
    } catch {
      /* already gone */
    }
    const t = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }, 10_000);
    await exited;
    clearTimeout(t);
  };
  const deadline = Date.now() + (opts.readyTimeoutMs ?? READY_TIMEOUT_MS);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vLLM exited with ${child.exitCode} before it was ready (log: ${opts.log})`);
    try {
      const r = await fetch(`${url}/v1/models`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return { url, pid: child.pid!, child, stop };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  await stop();
  throw new Error(`vLLM did not answer /v1/models within ${(opts.readyTimeoutMs ?? READY_TIMEOUT_MS) / 1000} s (log: ${opts.log})`);
}
