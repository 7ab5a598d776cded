// Where generation and scoring run: the backend interfaces and their implementations — the local
// engine, and pools of OpenAI-compatible servers (vLLM, SGLang).
export { sampleRecord, type Generator, type GenerateRequest, type SamplingSettings } from "./generator.ts";
export { engineGenerator, type LocalEngineOptions } from "./local-engine.ts";
export { backendFlags, generationBackendFlags, type BackendOptions } from "./backend-config.ts";
export { remoteScoreRecord } from "./scorer.ts";
export { openRemote, remoteFor, POOL_TIMINGS, type PoolTimings, type Remote } from "./remote-backend.ts";
export { remoteScore, type RemoteScoreResult } from "./remote-scorer.ts";
export { remoteGenerate, remoteGenerator, promptSeed, type RemoteGenerateResult } from "./remote-generator.ts";
export { describeStats, ServerPool, type PoolStats } from "./server-pool.ts";
export { BackendError } from "./server-errors.ts";
