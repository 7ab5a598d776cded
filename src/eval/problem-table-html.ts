// Per-problem results of one benchmark as a collapsible HTML table: one row per problem, one
// cell per model with its correct count out of n, shaded by the success rate, so problems that
// one model solves and another never does stand out at a glance.
import type { ProblemDetail } from "./problem-detail.ts";
import { esc } from "../report/html-axes.ts";

export function problemTable(bench: string, byModel: Readonly<Record<string, readonly ProblemDetail[]>>): string {
  const labels = Object.keys(byModel);
  const maps = labels.map((l) => new Map(byModel[l].map((d) => [d.id, d])));
  const ids = [...new Set(labels.flatMap((l) => byModel[l].map((d) => d.id)))];
  const head = `<tr><th>problem</th>${labels.map((l) => `<th class="r">${esc(l)}</th>`).join("")}</tr>`;
  const rows = ids.map((id) => {
    const cells = maps.map((m) => {
      const d = m.get(id);
      if (!d) return `<td class="r">-</td>`;
      const rate = d.correct / d.n;
      // Success shaded green, never solved in pale orange; dark text stays readable on every shade.
      const bg = d.correct === 0 ? "rgba(213,94,0,0.12)" : `rgba(0,158,115,${(0.1 + 0.6 * rate).toFixed(2)})`;
      return `<td class="r" style="background:${bg}" title="${(100 * rate).toFixed(1)}%">${d.correct}/${d.n}</td>`;
    });
    return `<tr><td>${esc(id)}</td>${cells.join("")}</tr>`;
  });
  return `<details class="problems"><summary>${esc(bench)}: correct samples per problem (${ids.length} problems)</summary><div class="table-wrap"><table>${head}${rows.join("")}</table></div></details>`;
}
