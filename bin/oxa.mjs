#!/usr/bin/env node
// Entry point of the `oxa` command: runs the TypeScript sources through tsx's loader,
// so there is no build step between editing and running.
import { register } from "tsx/esm/api";
register();
const { main, reportEscaped } = await import("../src/cli/main.ts");
const report = reportEscaped(process.argv[2] ?? "");
process.on("uncaughtException", report);
process.on("unhandledRejection", report);
// Ctrl-C and SIGTERM end the process through its exit handlers, which remove live temporary files.
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));
process.exitCode = await main(process.argv.slice(2));
