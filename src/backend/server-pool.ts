// A pool of OpenAI-compatible servers: per-server concurrency limits, least-loaded dispatch,
// retries with exponential backoff and full jitter on 5xx, 429, resets, timeouts and malformed
// bodies (waiting at least the server's Retry-After), and servers marked down after failing (retried after a cool-down that doubles while they
// keep failing). A request is retried on another server when one is up. What happened is counted
// in `stats` (the run's summary). Randomness (jitter) and time are injectable for tests.
import type { Endpoint } from "./http-edge.ts";
import { BackendError, RetryableServerError, type RetryKind } from "./server-errors.ts";

export interface PoolOptions {
  servers: readonly string[];
  apiKey: string | null;
  /** Requests in flight per server. */
  concurrency: number;
  timeoutMs: number;
  /** Attempts per request before the run fails. */
  maxAttempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** First cool-down of a server marked down; doubles while it keeps failing, up to 16x. */
  downMs: number;
  /** Consecutive failures (5xx, reset, timeout) that mark a server down; a refused connection marks it at once. */
  downAfter: number;
  log?: (message: string) => void;
  random?: () => number;
}

export interface ServerStats {
  url: string;
  ok: number;
  errors: number;
  markedDown: number;
}

export interface PoolStats {
  /** Requests that succeeded (each counted once, whatever its attempts). */
  ok: number;
  /** Attempts that failed and were retried, by kind. */
  retries: Record<RetryKind, number>;
  /** Requests that failed every attempt (the run stops at the first). */
  failed: number;
  servers: ServerStats[];
}

interface Server {
  url: string;
  /** What the summary shows: kept apart from `ep`, which holds the API key. */
  stat: ServerStats;
  ep: Endpoint;
  inFlight: number;
  downUntil: number;
  consecutive: number;
  downs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class ServerPool {
  readonly stats: PoolStats;
  private readonly servers: Server[];
  private waiters: (() => void)[] = [];
  private readonly random: () => number;

  constructor(private readonly o: PoolOptions) {
    if (o.servers.length === 0) throw new BackendError("no server given (--server URL)");
    this.servers = o.servers.map((url) => ({
      url: url.replace(/\/+$/, ""),
      stat: { url: url.replace(/\/+$/, ""), ok: 0, errors: 0, markedDown: 0 },
      ep: { url: url.replace(/\/+$/, ""), apiKey: o.apiKey, timeoutMs: o.timeoutMs },
      inFlight: 0,
      downUntil: 0,
      consecutive: 0,
      downs: 0,
    }));
    this.stats = { ok: 0, retries: { "5xx": 0, "429": 0, reset: 0, timeout: 0, malformed: 0 }, failed: 0, servers: this.servers.map((x) => x.stat) };
    this.random = o.random ?? Math.random;
  }

  /** Total request slots (servers x concurrency): how many requests are worth keeping ready. */
  get capacity(): number {
    return this.servers.length * this.o.concurrency;
  }

  /** Every server's endpoint (for once-per-run checks such as the tokenizer probe). */
  get endpoints(): readonly Endpoint[] {
    return this.servers.map((s) => s.ep);
  }

  /** Runs `call` on a server, retrying transient failures (on another server when one is up). */
  async run<T>(call: (ep: Endpoint) => Promise<T>): Promise<T> {
    let last: Server | null = null;
    for (let attempt = 1; ; attempt++) {
      const s = await this.acquire(last);
      let failure: RetryableServerError;
      try {
        const out = await call(s.ep);
        s.stat.ok++;
        s.consecutive = 0;
        s.downs = 0;
        this.stats.ok++;
        return out;
      } catch (e) {
        if (!(e instanceof RetryableServerError)) throw e;
        failure = e;
      } finally {
        s.inFlight--;
        this.wake();
      }
      s.stat.errors++;
      this.noteFailure(s, failure);
      if (attempt >= this.o.maxAttempts) {
        this.stats.failed++;
        throw new BackendError(`a request failed ${attempt} times; last: ${failure.message}`);
      }
      this.stats.retries[failure.kind]++;
      last = s;
      const cap = Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (attempt - 1));
      await sleep(Math.max(this.random() * cap, failure.retryAfterMs));
    }
  }

  private noteFailure(s: Server, e: RetryableServerError): void {
    if (e.kind === "429" || e.kind === "malformed") return; // busy or a bad body: not a sign the server is gone
    s.consecutive++;
    const refused = e.kind === "reset" && /ECONNREFUSED/.test(e.message);
    if ((refused || s.consecutive >= this.o.downAfter) && s.downUntil <= Date.now()) {
      const ms = this.o.downMs * 2 ** Math.min(s.downs, 4);
      s.downs++;
      s.stat.markedDown++;
      s.downUntil = Date.now() + ms;
      this.o.log?.(`server ${s.url} marked down for ${(ms / 1000).toFixed(1)} s (${e.message})`);
    }
  }

  private pick(avoid: Server | null): Server | null {
    const now = Date.now();
    const free = this.servers.filter((s) => s.downUntil <= now && s.inFlight < this.o.concurrency);
    const pool = free.length > 1 && avoid ? free.filter((s) => s !== avoid) : free;
    let best: Server | null = null;
    for (const s of pool) if (!best || s.inFlight < best.inFlight) best = s;
    return best;
  }

  private async acquire(avoid: Server | null): Promise<Server> {
    for (;;) {
      const s = this.pick(avoid);
      if (s) {
        s.inFlight++;
        return s;
      }
      // wait for a free slot, or for the earliest down server's cool-down to end
      const now = Date.now();
      const downs = this.servers.filter((x) => x.downUntil > now).map((x) => x.downUntil - now);
      await new Promise<void>((resolve) => {
        const timer = downs.length ? setTimeout(done, Math.min(...downs) + 1) : null;
        function done() {
          if (timer) clearTimeout(timer);
          resolve();
        }
        this.waiters.push(done);
      });
    }
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

/** One line for people: what the pool went through. */
export function describeStats(s: PoolStats): string {
  const retries = Object.entries(s.retries).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
  const down = s.servers.filter((x) => x.markedDown > 0).map((x) => `${x.url} x${x.markedDown}`);
  return `${s.ok} requests ok; retries: ${retries.length ? retries.join(", ") : "none"}; failed: ${s.failed}` + (down.length ? `; marked down: ${down.join(", ")}` : "");
}
