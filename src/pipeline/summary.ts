// The table printed at the end of `oxa run`: what ran, what was cached or kept, and how long.
import type { RunReport } from "./run-pipeline.ts";

const secs = (s: number) => (s < 60 ? `${s.toFixed(1)}s` : `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`);

export function formatSummary(r: RunReport): string {
  const rows = [["stage", "command", "status", "time"], ...r.stages.map((s) => [s.name, s.uses, s.status, s.status === "ran" || s.status === "failed" ? secs(s.seconds) : "-"])];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const lines = rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd());
  const count = (st: string) => r.stages.filter((s) => s.status === st).length;
  const failed = r.stages.find((s) => s.status === "failed");
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  const tally = ["ran", "cached", "kept", "done", "unfinished", "not-run"].filter((st) => count(st) > 0);
  lines.push("", `${tally.map((st) => `${count(st)} ${st}`).join(", ")} in ${secs(r.seconds)}; run directory ${r.run}`);
  if (failed) lines.push(`stage "${failed.name}" failed: ${failed.error}`);
  return lines.join("\n") + "\n";
}
