#!/usr/bin/env node
// Entry point of the `oxa` command. It runs the sources' bundle (bin/bundle.mjs: rebuilt by the
// first start after an edit, so there is still no build step between editing and running), or,
// where no bundle can be written, the TypeScript sources themselves through tsx's loader.
import { freshBundle } from "./bundle.mjs";

const bundle = await freshBundle();
let entry;
if (bundle) {
  process.setSourceMapsEnabled(true); // stacks (crash logs, OXA_DEBUG) name the .ts sources
  entry = await import(bundle);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  entry = await import("../src/cli/main.ts");
}
const { main, reportEscaped } = entry;
const report = reportEscaped(process.argv[2] ?? "");
process.on("uncaughtException", report);
process.on("unhandledRejection", report);
// Ctrl-C and SIGTERM end the process through its exit handlers, which remove live temporary files.
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));
process.exitCode = await main(process.argv.slice(2));
