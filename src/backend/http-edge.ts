// The network edge: one JSON request to one server, with a time limit, and its body parsed through
// a minimal tolerant zod schema (only the fields used; unknown fields pass). Every way the exchange
// can fail becomes a RetryableServerError (5xx, 429, reset, timeout, truncated or malformed body)
// or a ServerRequestError (any other 4xx). This is the only place a network body is JSON-parsed.
// The API key goes into the Authorization header and nowhere else (not into any message).
import type { z } from "zod";
import { RetryableServerError, ServerRequestError } from "./server-errors.ts";

export interface Endpoint {
  /** Base URL, e.g. http://127.0.0.1:8000 (no trailing slash). */
  url: string;
  apiKey: string | null;
  timeoutMs: number;
}

/** The body as the server sent it, cut to a length safe to show in a message. */
const excerpt = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text).replace(/\s+/g, " ");

/** Parses `text` through `schema`; a body that is not JSON or lacks a used field is "malformed". */
export function parseBody<S extends z.ZodType>(schema: S, text: string, server: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RetryableServerError("malformed", server, `truncated or malformed JSON body (${text.length} bytes)`);
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const iss = r.error.issues[0];
  throw new RetryableServerError("malformed", server, `unexpected body at "${iss.path.join(".")}": ${iss.message}`);
}

export async function requestJson<S extends z.ZodType>(ep: Endpoint, method: "GET" | "POST", path: string, body: unknown, schema: S): Promise<z.output<S>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (ep.apiKey) headers.authorization = `Bearer ${ep.apiKey}`;
  let status: number;
  let text: string;
  let retryAfter: string | null = null;
  try {
    const res = await fetch(ep.url + path, {
      method,
      headers,
      body: method === "POST" ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(ep.timeoutMs),
    });
    status = res.status;
    retryAfter = res.headers.get("retry-after");
    text = await res.text();
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === "TimeoutError" || err.name === "AbortError") throw new RetryableServerError("timeout", ep.url, `no answer within ${ep.timeoutMs} ms`);
    throw new RetryableServerError("reset", ep.url, `connection failed (${err.cause?.code ?? err.cause?.message ?? err.message})`);
  }
  if (status === 429 || status >= 500) {
    const e = new RetryableServerError(status === 429 ? "429" : "5xx", ep.url, `${status}: ${excerpt(text)}`);
    e.retryAfterMs = retryAfterMs(retryAfter);
    throw e;
  }
  if (status >= 400) throw new ServerRequestError(ep.url, status, excerpt(text));
  return parseBody(schema, text, ep.url);
}

/** Retry-After as delay-seconds or an HTTP date, in ms (0 when absent or unreadable; at most 5 minutes). */
function retryAfterMs(h: string | null): number {
  if (!h) return 0;
  const ms = /^\d+$/.test(h.trim()) ? Number(h) * 1000 : Date.parse(h) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 300_000) : 0;
}
