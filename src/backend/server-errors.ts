// What can go wrong talking to an inference server, sorted into what a retry may fix and what it
// cannot. Messages name the server and the status, never a header or an API key.

/** The kinds of transient failure the pool retries (and counts in its summary). */
export type RetryKind = "5xx" | "429" | "reset" | "timeout" | "malformed";

export class RetryableServerError extends Error {
  /** The server's Retry-After (429, 503), in ms: the pool waits at least that long before retrying. */
  retryAfterMs = 0;
  constructor(readonly kind: RetryKind, readonly server: string, message: string) {
    super(`${server}: ${message}`);
    this.name = "RetryableServerError";
  }
}

/** A request the server rejects as such (4xx other than 429): retrying would only repeat it. */
export class ServerRequestError extends Error {
  constructor(readonly server: string, readonly status: number, detail: string) {
    super(`${server} answered ${status}: ${detail}`);
    this.name = "ServerRequestError";
  }
}

/** The run cannot go on: every attempt of one request failed, or the server's tokenizer disagrees with ours. */
export class BackendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackendError";
  }
}
