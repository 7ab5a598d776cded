// The reward server: HTTP on node:http in front of the verifier's worker pool.
//   POST /score (also /reward)  one item, a batch, or OpenRLHF's {query, prompts, labels} (score-request.ts)
//   POST /get_reward            the path OpenRLHF's own reward-model server uses; any of the shapes
//   GET  /health                {status: "ok", workers, queued, served}
// Bounded: request bodies (413), items per request (413), items waiting for the verifier (503 with
// Retry-After, so clients back off instead of piling up memory); each response's verification has
// the verifier's time limit (a timed-out one scores 0). Malformed requests get 400 and a JSON
// {error, field}. close() stops accepting, lets the requests in flight finish, then stops the pool.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { VerifierPool, type VerifyOptions } from "../verify/index.ts";
import { invalidReward, rewardOf, type RewardResult } from "./reward-of.ts";
import { readScoreRequest, RequestError, type RewardItem, type ScoreRequest } from "./score-request.ts";

export interface RewardServerOptions {
  host: string;
  port: number;
  verify: VerifyOptions;
  workers?: number;
  maxBodyBytes: number;
  maxBatch: number;
  maxQueued: number;
}

const SCORE_PATHS = new Set(["/score", "/reward", "/get_reward"]);

export class RewardServer {
  private readonly pool: VerifierPool;
  private readonly http: Server;
  private queued = 0;
  private inFlight = 0;
  readonly stats = { requests: 0, items: 0, rejected: 0 };

  constructor(private readonly o: RewardServerOptions) {
    this.pool = new VerifierPool({ workers: o.workers, verify: o.verify });
    this.http = createServer((req, res) => void this.handle(req, res));
    // many trainer workers keep connections open between steps
    this.http.keepAliveTimeout = 65_000;
  }

  /** Listens; resolves with the address clients use. */
  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.http.once("error", reject);
      this.http.listen(this.o.port, this.o.host, () => {
        const a = this.http.address() as AddressInfo;
        const host = a.family === "IPv6" ? `[${a.address}]` : a.address;
        resolve(`http://${host}:${a.port}`);
      });
    });
  }

  get workers(): number {
    return this.pool.size;
  }

  /** Stops accepting, waits for the requests in flight (at most `graceMs`), then stops the verifier. */
  async close(graceMs = 10_000): Promise<void> {
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeIdleConnections();
    const deadline = Date.now() + graceMs;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    this.http.closeAllConnections();
    await closed;
    await this.pool.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    try {
      const path = (req.url ?? "/").split("?")[0];
      if (req.method === "GET" && path === "/health") {
        return send(res, 200, { status: "ok", workers: this.pool.size, queued: this.queued, served: this.stats.items });
      }
      if (!SCORE_PATHS.has(path)) return send(res, 404, { error: `no such endpoint: ${req.method} ${path} (POST /score, POST /get_reward, GET /health)` });
      if (req.method !== "POST") return send(res, 405, { error: `${path} takes POST` }, { allow: "POST" });
      const request = readScoreRequest(await readJson(req, this.o.maxBodyBytes), this.o.maxBatch);
      const n = request.items.length;
      if (this.queued + n > this.o.maxQueued) {
        this.stats.rejected++;
        return send(res, 503, { error: `busy: ${this.queued} items waiting for the verifier (limit ${this.o.maxQueued}); retry` }, { "retry-after": "1" });
      }
      this.queued += n;
      let results: RewardResult[];
      try {
        results = await Promise.all(request.items.map((it) => this.score(it)));
      } finally {
        this.queued -= n;
      }
      this.stats.requests++;
      this.stats.items += n;
      send(res, 200, answer(request, results));
    } catch (e) {
      if (e instanceof RequestError) return send(res, e.status, { error: e.message, field: e.field });
      send(res, 500, { error: (e as Error).message });
    } finally {
      this.inFlight--;
    }
  }

  private async score(it: RewardItem): Promise<RewardResult> {
    if (it.invalid) return invalidReward(it.invalid);
    return rewardOf(await this.pool.verify(it.gold, it.response));
  }
}

function answer(r: ScoreRequest, results: RewardResult[]): unknown {
  if (r.shape === "one") return results[0];
  if (r.shape === "batch") return { results };
  // OpenRLHF reads "rewards" (and, in recent versions, "scores" and "extra_logs" when present)
  const rewards = results.map((x) => x.score);
  return { rewards, scores: rewards, extra_logs: { correct: rewards } };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(data), ...headers });
  res.end(data);
}

/** The body as JSON, refusing more than `max` bytes (413) and bodies that do not parse (400). An
 * over-long body is drained, not read, so the client still gets its answer on the same connection. */
function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > max;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > max) over = true;
      if (!over) chunks.push(c);
    });
    req.on("error", reject);
    req.on("end", () => {
      if (over) return reject(new RequestError("(body)", `${Number.isFinite(declared) ? declared : size} bytes, more than the limit of ${max}`, 413));
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch (e) {
        reject(new RequestError("(body)", `malformed JSON (${(e as Error).message})`));
      }
    });
  });
}
