// The backend flags: usage errors name the fix; the API key comes from the environment only and
// appears nowhere but the request header.
import { test } from "node:test";
import assert from "node:assert/strict";
import { remoteFor } from "../../src/backend/remote-backend.ts";
import { backendFlags } from "../../src/backend/backend-config.ts";
import { z } from "zod";

const flags = z.object(backendFlags);

test("backend flags: local by default; a server without a remote backend, a remote backend without a server, bad URLs, a missing key variable", () => {
  assert.equal(remoteFor(flags.parse({})), null);
  assert.throws(() => remoteFor(flags.parse({ server: ["http://127.0.0.1:8000"] })), /--server needs --backend vllm or sglang/);
  assert.throws(() => remoteFor(flags.parse({ backend: "vllm" })), /--backend vllm needs at least one --server URL/);
  assert.throws(() => remoteFor(flags.parse({ backend: "vllm", server: ["127.0.0.1:8000"] })), /not a URL|expected http/);
  delete process.env.OXA_TEST_NO_SUCH_KEY;
  assert.throws(() => remoteFor(flags.parse({ backend: "sglang", server: ["http://h:1"], apiKeyEnv: "OXA_TEST_NO_SUCH_KEY" })), /OXA_TEST_NO_SUCH_KEY: that environment variable is not set/);
  process.env.OXA_TEST_KEY = "sk-very-secret";
  const r = remoteFor(flags.parse({ backend: "vllm", server: ["http://a:1/", "http://b:2"], apiKeyEnv: "OXA_TEST_KEY" }))!;
  assert.equal(r.dialect.kind, "vllm");
  assert.deepEqual(r.pool.endpoints.map((e) => e.url), ["http://a:1", "http://b:2"]);
  assert.equal(r.pool.endpoints[0].apiKey, "sk-very-secret");
  assert.ok(!JSON.stringify(r.pool.stats).includes("sk-very-secret"));
  assert.ok(!JSON.stringify(r.options).includes("sk-very-secret"));
});
