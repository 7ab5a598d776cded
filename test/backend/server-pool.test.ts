// The pool against loopback servers that misbehave on purpose: every transient failure is retried
// and counted by kind, a 4xx is not retried, a refused connection marks the server down and the
// work moves to the other server, dispatch goes to the least-loaded server within its limit, and
// the API key reaches the server's header but never a message or the summary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { z } from "zod";
import { requestJson } from "../../src/backend/http-edge.ts";
import { ServerPool, type PoolOptions } from "../../src/backend/server-pool.ts";
import { BackendError, ServerRequestError } from "../../src/backend/server-errors.ts";
import { freePort } from "./vllm-server.ts";

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

async function serve(handler: Handler) {
  let n = 0;
  const s = createServer((req, res) => {
    req.resume();
    req.on("end", () => handler(req, res, n++));
  });
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(s.address() as { port: number }).port}`,
    close: () => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r()))),
  };
}

const ok = z.object({ ok: z.literal(true) });
const opts = (servers: string[], o: Partial<PoolOptions> = {}): PoolOptions => ({
  servers,
  apiKey: null,
  concurrency: 4,
  timeoutMs: 300,
  maxAttempts: 8,
  backoffMs: 1,
  maxBackoffMs: 5,
  downMs: 50,
  downAfter: 2,
  ...o,
});
const json = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(body);
};

test("each transient failure is retried once and counted by kind; the answer is the good one", async () => {
  const script: ((res: ServerResponse, req: IncomingMessage) => void)[] = [
    (res) => json(res, 500, "{}"),
    (res) => json(res, 503, "{}"),
    (res) => json(res, 429, "{}"),
    (_res, req) => req.socket.destroy(),
    () => {}, // never answers: a timeout
    (res) => json(res, 200, '{"ok": tr'), // truncated
    (res) => json(res, 200, '{"ok": "yes"}'), // the wrong shape
    (res) => json(res, 200, '{"ok": true, "extra": 1}'),
  ];
  const s = await serve((req, res, n) => script[n](res, req));
  const pool = new ServerPool(opts([s.url], { downAfter: 100 }));
  assert.deepEqual(await pool.run((ep) => requestJson(ep, "POST", "/x", {}, ok)), { ok: true });
  assert.deepEqual(pool.stats.retries, { "5xx": 2, "429": 1, reset: 1, timeout: 1, malformed: 2 });
  assert.equal(pool.stats.ok, 1);
  await s.close();
});

test("a 4xx is not retried; too many failures stop the run with the last reason; no key in messages", async () => {
  const seen: string[] = [];
  const s = await serve((req, res) => {
    seen.push(String(req.headers.authorization));
    json(res, req.url === "/bad" ? 400 : 500, '{"error": "nope"}');
  });
  const pool = new ServerPool(opts([s.url], { apiKey: "sk-secret-123", maxAttempts: 3, downAfter: 100 }));
  await assert.rejects(pool.run((ep) => requestJson(ep, "POST", "/bad", {}, ok)), (e: Error) => e instanceof ServerRequestError && !e.message.includes("sk-secret"));
  await assert.rejects(pool.run((ep) => requestJson(ep, "POST", "/x", {}, ok)), (e: Error) => e instanceof BackendError && /failed 3 times/.test(e.message) && !e.message.includes("sk-secret"));
  assert.equal(seen[0], "Bearer sk-secret-123");
  assert.equal(seen.length, 4);
  assert.ok(!JSON.stringify(pool.stats).includes("sk-secret"));
  await s.close();
});

test("a refused server is marked down and the work goes to the other; least-loaded dispatch within limits", async () => {
  const dead = `http://127.0.0.1:${await freePort()}`;
  let inFlight = 0;
  let most = 0;
  const s = await serve((_req, res) => {
    inFlight++;
    most = Math.max(most, inFlight);
    setTimeout(() => {
      inFlight--;
      json(res, 200, '{"ok": true}');
    }, 5);
  });
  const logs: string[] = [];
  const pool = new ServerPool(opts([dead, s.url], { concurrency: 3, log: (m) => logs.push(m) }));
  const all = await Promise.all(Array.from({ length: 40 }, () => pool.run((ep) => requestJson(ep, "POST", "/x", {}, ok))));
  assert.equal(all.length, 40);
  assert.ok(most <= 3, `at most 3 in flight on one server, saw ${most}`);
  const [d, live] = pool.stats.servers;
  assert.equal(d.ok, 0);
  assert.ok(d.markedDown >= 1);
  assert.equal(live.ok, 40);
  assert.ok(pool.stats.retries.reset >= 1);
  assert.match(logs[0], /marked down/);
  await s.close();
});

test("least-loaded: two healthy servers share the work", async () => {
  const mk = () => serve((_req, res) => setTimeout(() => json(res, 200, '{"ok": true}'), 10));
  const [a, b] = await Promise.all([mk(), mk()]);
  const pool = new ServerPool(opts([a.url, b.url], { concurrency: 2 }));
  await Promise.all(Array.from({ length: 40 }, () => pool.run((ep) => requestJson(ep, "POST", "/x", {}, ok))));
  const [sa, sb] = pool.stats.servers.map((x) => x.ok);
  assert.equal(sa + sb, 40);
  assert.ok(sa >= 10 && sb >= 10, `${sa} / ${sb}`);
  await Promise.all([a.close(), b.close()]);
});

test("a 429 with Retry-After waits at least that long", async () => {
  let first = 0;
  const s = await serve((_req, res, n) => {
    if (n === 0) {
      first = Date.now();
      res.writeHead(429, { "retry-after": "1", "content-type": "application/json" });
      res.end("{}");
    } else {
      json(res, 200, `{"ok": true, "after": ${Date.now() - first}}`);
    }
  });
  const pool = new ServerPool(opts([s.url]));
  const got = await pool.run((ep) => requestJson(ep, "POST", "/x", {}, z.object({ ok: z.literal(true), after: z.number() })));
  assert.ok(got.after >= 950, `retried after ${got.after} ms`);
  assert.equal(pool.stats.retries["429"], 1);
  await s.close();
});
