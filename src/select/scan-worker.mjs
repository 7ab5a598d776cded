// Entry of a pool-scanning worker thread: a worker starts without the TypeScript loader the main
// thread runs under, so it registers it before loading the real module.
import { register } from "tsx/esm/api";
register();
await import("./scan-worker.ts");
