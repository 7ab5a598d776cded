// Verifies many items on all cores with worker threads. The time budget is enforced from outside:
// a watchdog terminates a worker whose current item overruns, answers that item "timeout", puts
// the rest of its batch back at the head of the queue and starts a fresh worker, so one
// pathological answer never stalls the pool and the CAS never has to cooperate.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { resolveOptions, type VerifyOptions } from "./options.ts";
import type { Verdict } from "./verify.ts";
import type { BatchRequest, WorkerInit } from "./verify-worker.ts";

export interface PoolOptions {
  /** Worker threads; default: the machine's available parallelism. */
  workers?: number;
  /** Items sent to a worker at once (fewer messages; a killed batch is requeued). Default 64. */
  batchSize?: number;
  /** Verifier options, the per-item budget (timeoutMs) included. */
  verify?: VerifyOptions;
}

interface Task {
  gold: string;
  response: string;
  resolve(v: Verdict): void;
}

interface Slot {
  worker: Worker;
  clock: Float64Array;
  tasks: Task[] | null;
  batch: number;
}

// A plain-JS entry that registers tsx and then loads verify-worker.ts (see worker-entry.mjs for why).
const WORKER_URL = new URL("./worker-entry.mjs", import.meta.url);

function failed(t: Task, status: Verdict["status"], reason: string, ms: number): Verdict {
  return { correct: false, status, predicted: null, gold: t.gold, reason, ms };
}

export class VerifierPool {
  private readonly slots: Slot[] = [];
  private queue: Task[] = [];
  private head = 0;
  private nextBatch = 0;
  private closed = false;
  private readonly watchdog: NodeJS.Timeout;
  private readonly budgetMs: number;
  private readonly batchSize: number;
  private readonly init: Omit<WorkerInit, "shared">;
  /** Workers terminated for overrunning the budget, and workers that died on their own. */
  readonly stats = { killed: 0, crashed: 0 };

  constructor(opts: PoolOptions = {}) {
    const options = resolveOptions(opts.verify);
    this.budgetMs = options.timeoutMs;
    this.batchSize = opts.batchSize ?? 64;
    this.init = { options };
    const n = Math.max(1, opts.workers ?? availableParallelism());
    for (let k = 0; k < n; k++) {
      const slot = { tasks: null, batch: -1 } as unknown as Slot;
      this.start(slot);
      this.slots.push(slot);
    }
    this.watchdog = setInterval(() => this.check(), Math.max(5, Math.min(50, this.budgetMs / 4)));
    this.watchdog.unref();
  }

  get size(): number {
    return this.slots.length;
  }

  verify(gold: string, response: string): Promise<Verdict> {
    if (this.closed) return Promise.reject(new Error("the verifier pool is closed"));
    return new Promise((resolve) => {
      this.queue.push({ gold, response, resolve });
      this.pump();
    });
  }

  verifyMany(items: readonly { gold: string; response: string }[]): Promise<Verdict[]> {
    return Promise.all(items.map((it) => this.verify(it.gold, it.response)));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  /** Starts a fresh worker in `slot` (its messages from then on go to this slot). */
  private start(slot: Slot): void {
    const shared = new SharedArrayBuffer(16);
    const worker = new Worker(WORKER_URL, { workerData: { ...this.init, shared } satisfies WorkerInit });
    slot.worker = worker;
    slot.clock = new Float64Array(shared);
    slot.tasks = null;
    worker.on("message", (m: { batch: number; verdicts: Verdict[] }) => {
      if (slot.worker !== worker || m.batch !== slot.batch || !slot.tasks) return;
      const tasks = slot.tasks;
      slot.tasks = null;
      tasks.forEach((t, i) => t.resolve(m.verdicts[i]));
      this.pump();
    });
    const died = (why: string) => {
      if (slot.worker !== worker || this.closed) return;
      this.stats.crashed++;
      this.replace(slot, "error", `verifier worker died: ${why}`);
    };
    worker.on("error", (e) => died(e.message));
    worker.on("exit", (code) => died(`exit code ${code}`));
  }

  private take(n: number): Task[] {
    const out = this.queue.slice(this.head, this.head + n);
    this.head += out.length;
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.tasks || this.head >= this.queue.length) continue;
      slot.tasks = this.take(this.batchSize);
      slot.batch = this.nextBatch++;
      slot.clock[0] = 0;
      const req: BatchRequest = { batch: slot.batch, items: slot.tasks.map((t) => [t.gold, t.response]) };
      slot.worker.postMessage(req);
    }
  }

  private check(): void {
    const now = Date.now();
    for (const slot of this.slots) {
      const start = slot.clock[0];
      if (slot.tasks && start > 0 && now - start > this.budgetMs) {
        this.stats.killed++;
        this.replace(slot, "timeout", `over the ${this.budgetMs} ms budget (worker terminated)`, now - start);
      }
    }
  }

  /** Ends the slot's worker: its current item gets `status`, the rest of its batch is requeued. */
  private replace(slot: Slot, status: Verdict["status"], reason: string, ms = 0): void {
    const tasks = slot.tasks ?? [];
    const current = Math.min(slot.clock[1], tasks.length - 1);
    const old = slot.worker;
    this.start(slot);
    void old.terminate();
    if (tasks.length) {
      tasks[current].resolve(failed(tasks[current], status, reason, ms));
      const rest = tasks.filter((_, i) => i !== current);
      this.queue.splice(this.head, 0, ...rest);
    }
    this.pump();
  }
}
