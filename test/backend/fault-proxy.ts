// Test helper: a fault-injecting HTTP proxy on loopback, between the client and a real server.
// Each request draws (seeded) one of: HTTP 500, 503 or 429 (answered by the proxy), a connection
// reset (the socket destroyed before any answer), a delay past the client's time limit (then the
// socket is destroyed), a truncated body (the server's real answer cut in half, status 200), or a
// clean pass-through. It counts what it injected, so a test can check the client's summary.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRandom } from "../../src/common/random.ts";

export interface FaultRates {
  e500: number;
  e503: number;
  e429: number;
  reset: number;
  delay: number;
  truncate: number;
}

export type Fault = keyof FaultRates | "pass";

export interface FaultProxy {
  url: string;
  counts: Record<Fault, number>;
  /** Requests seen per path (faulty or not). */
  paths: Record<string, number>;
  /** Stops injecting (everything passes) or starts again. */
  setRates(r: Partial<FaultRates>): void;
  close(): Promise<void>;
}

const NONE: FaultRates = { e500: 0, e503: 0, e429: 0, reset: 0, delay: 0, truncate: 0 };

export async function startFaultProxy(upstream: string, rates: Partial<FaultRates>, opts: { seed?: number; delayMs?: number } = {}): Promise<FaultProxy> {
  let r: FaultRates = { ...NONE, ...rates };
  const random = createRandom(opts.seed ?? 1);
  const counts: Record<Fault, number> = { e500: 0, e503: 0, e429: 0, reset: 0, delay: 0, truncate: 0, pass: 0 };
  const paths: Record<string, number> = {};
  const up = new URL(upstream);
  const draw = (): Fault => {
    let x = random();
    for (const k of Object.keys(r) as (keyof FaultRates)[]) {
      if (x < r[k]) return k;
      x -= r[k];
    }
    return "pass";
  };
  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: up.host, "content-length": String(body.length) };
      // A fresh connection per request (agent: false): a pooled one the server has just closed as idle
      // would fail here and reach the client as a reset nobody injected.
      const q = request({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 502, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      });
      q.on("error", reject);
      q.end(body);
    });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const f = draw();
    counts[f]++;
    paths[req.url ?? ""] = (paths[req.url ?? ""] ?? 0) + 1;
    const send = (status: number, payload: Buffer | string) => {
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
      res.end(payload);
    };
    if (f === "e500" || f === "e503" || f === "e429") {
      send(Number(f.slice(1)), JSON.stringify({ error: { message: `injected ${f.slice(1)}` } }));
      return;
    }
    if (f === "reset") {
      req.socket.destroy();
      return;
    }
    if (f === "delay") {
      setTimeout(() => req.socket.destroy(), opts.delayMs ?? 3000);
      return;
    }
    try {
      const got = await forward(req, body);
      send(got.status, f === "truncate" ? got.body.subarray(0, Math.floor(got.body.length / 2)) : got.body);
    } catch {
      // the upstream is gone: the client sees a reset, so it is counted as one
      counts[f]--;
      counts.reset++;
      req.socket.destroy();
    }
  };
  const server: Server = createServer((req, res) => void handle(req, res));
  // Node closes a connection idle for 5 s; a client that sends on it in that instant sees a reset the
  // proxy never counted (the request never reaches it). A test's exact retry counts need idle
  // connections to stay open for its whole length; the client closes its own idle ones.
  server.keepAliveTimeout = 600_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    paths,
    setRates: (x) => {
      r = { ...NONE, ...x };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
