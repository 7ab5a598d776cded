// Verifies many items on all cores with worker threads. The time budget is enforced from outside:
// a watchdog terminates a worker whose current item overruns, answers that item "timeout", puts
// the rest of its batch back at the head of the queue and starts a fresh worker, so one
// pathological answer never stalls the pool and the CAS never has to cooperate.
// A timed-out item is tried once more on a fresh worker before "timeout" is its verdict: the budget
// is wall time, which a stalled machine (swapping, a burst of disk writes) can use up on an answer
// that takes a millisecond, and a verdict must not depend on what else the machine was doing.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { resolveOptions, type VerifyOptions } from "./options.ts";
import type { Verdict } from "./verify.ts";
import type { BatchRequest, WorkerInit } from "./verify-worker.ts";

export interface PoolOptions {
  /** Worker threads; default: the machine's available parallelism minus one (for the main thread). */
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
  /** Whether the item already timed out once (it then gets one more try). */
  retried?: boolean;
}

interface Batch {
  id: number;
  tasks: Task[];
}

interface Slot {
  worker: Worker;
  /** Shared with the worker: [start (ms since epoch) of its current item or 0, index in batch, batch id]. */
  clock: Float64Array;
  /** Batches sent and not yet answered, oldest first; two deep so the worker never waits for the next. */
  inflight: Batch[];
  /** Whether this worker has answered at least once (a worker that dies before that failed to start). */
  answered: boolean;
}

/** Workers in a row that die before answering anything: then the pool gives up instead of respawning forever. */
const MAX_START_FAILURES = 3;

/** Batches queued per worker: the second is sent while the first runs. */
const DEPTH = 2;

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
  private startFailures = 0;
  /** Why the pool stopped working (workers cannot start), or null. */
  private broken: string | null = null;
  private readonly watchdog: NodeJS.Timeout;
  private readonly budgetMs: number;
  private readonly batchSize: number;
  private readonly init: Omit<WorkerInit, "shared">;
  /** Workers terminated for overrunning the budget, workers that died on their own, and items
   * tried again after a first timeout. */
  readonly stats = { killed: 0, crashed: 0, retried: 0 };

  constructor(opts: PoolOptions = {}) {
    const options = resolveOptions(opts.verify);
    this.budgetMs = options.timeoutMs;
    this.batchSize = opts.batchSize ?? 64;
    this.init = { options };
    // One core is left to the main thread, which reads, dispatches and writes (measured on 2 cores:
    // 1 worker 26k/s, 2 workers 13k/s on long responses, the workers starving the main thread).
    const n = Math.max(1, opts.workers ?? availableParallelism() - 1);
    for (let k = 0; k < n; k++) {
      const slot = { inflight: [] } as unknown as Slot;
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
      if (this.broken) return resolve(failed({ gold, response, resolve }, "error", this.broken, 0));
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
    const shared = new SharedArrayBuffer(24);
    const worker = new Worker(WORKER_URL, { workerData: { ...this.init, shared } satisfies WorkerInit });
    slot.worker = worker;
    slot.clock = new Float64Array(shared);
    slot.inflight = [];
    slot.answered = false;
    worker.on("message", (m: { batch: number; verdicts: Verdict[] }) => {
      if (slot.worker !== worker || slot.inflight[0]?.id !== m.batch) return;
      slot.answered = true;
      this.startFailures = 0;
      const { tasks } = slot.inflight.shift()!;
      tasks.forEach((t, i) => this.settle(t, m.verdicts[i]));
      this.pump();
    });
    const died = (why: string) => {
      if (slot.worker !== worker || this.closed || this.broken) return;
      this.stats.crashed++;
      if (!slot.answered && ++this.startFailures >= MAX_START_FAILURES) return this.giveUp(`verifier workers cannot start: ${why}`);
      this.replace(slot, "error", `verifier worker died: ${why}`);
    };
    worker.on("error", (e) => died(e.message));
    worker.on("exit", (code) => died(`exit code ${code}`));
  }

  /** Answers every waiting item with an error and stops: nothing would ever verify them. */
  private giveUp(reason: string): void {
    this.broken = reason;
    const waiting = [...this.slots.flatMap((sl) => sl.inflight.flatMap((b) => b.tasks)), ...this.queue.slice(this.head)];
    this.queue = [];
    this.head = 0;
    for (const sl of this.slots) {
      sl.inflight = [];
      void sl.worker.terminate();
    }
    for (const t of waiting) t.resolve(failed(t, "error", reason, 0));
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
    if (this.broken) return;
    for (let depth = 1; depth <= DEPTH; depth++) {
      for (const slot of this.slots) {
        if (slot.inflight.length >= depth || this.head >= this.queue.length) continue;
        const batch = { id: this.nextBatch++, tasks: this.take(this.batchSize) };
        slot.inflight.push(batch);
        const req: BatchRequest = { batch: batch.id, items: batch.tasks.map((t) => [t.gold, t.response]) };
        slot.worker.postMessage(req);
      }
    }
  }

  private check(): void {
    const now = Date.now();
    for (const slot of this.slots) {
      const start = slot.clock[0];
      if (slot.inflight.length && start > 0 && now - start > this.budgetMs) {
        this.stats.killed++;
        this.replace(slot, "timeout", `over the ${this.budgetMs} ms budget (worker terminated)`, now - start);
      }
    }
  }

  /** Ends the slot's worker: its current item gets `status`, every other item it held is requeued. */
  private replace(slot: Slot, status: Verdict["status"], reason: string, ms = 0): void {
    const held = slot.inflight;
    const [start, index, id] = slot.clock;
    const old = slot.worker;
    this.start(slot);
    void old.terminate();
    // The item that was running; a worker that died between items blames the next one, so a
    // worker that cannot start at all still lets the queue drain instead of respawning forever.
    const batch = (start > 0 && held.find((b) => b.id === id)) || held[0];
    if (batch) {
      const current = batch === held[0] && start <= 0 ? 0 : Math.min(index, batch.tasks.length - 1);
      const bad = batch.tasks[current];
      const rest = held.flatMap((b) => b.tasks).filter((t) => t !== bad);
      this.queue.splice(this.head, 0, ...rest);
      this.settle(bad, failed(bad, status, reason, ms));
    }
    this.pump();
  }

  /** Answers the item, unless this is its first timeout: then it goes back to the head of the queue. */
  private settle(t: Task, v: Verdict): void {
    if (v.status !== "timeout" || t.retried) return t.resolve(v);
    t.retried = true;
    this.stats.retried++;
    this.queue.splice(this.head, 0, t);
  }
}
