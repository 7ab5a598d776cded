// Worker-thread entry point. On Node 20 a worker given `execArgv: ["--import", "tsx"]` still
// refuses .ts files (ERR_UNKNOWN_FILE_EXTENSION), so the worker registers tsx itself, as bin/oxa.mjs does.
import { register } from "tsx/esm/api";
register();
await import("./verify-worker.ts");
