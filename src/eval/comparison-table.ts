// The comparison tables of an evaluation, built from results.json:
//   wideTable: the paper's Table 1 layout, one row per model, Pass@1 and Pass@k per benchmark
//              and their average over benchmarks (percentages, one decimal)
//   longTable: one row per model x benchmark plus one "average" row per model, with the
//              standard error, lengths and entropy; `raw` keeps full-precision fractions (CSV)
//   bucketTable: Pass@1 gain over the base per difficulty bucket
import type { EvalResults } from "./results.ts";
import type { Table } from "../report/table.ts";

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "-" : (100 * x).toFixed(1));
const num = (x: number | null | undefined, d: number) => (x === null || x === undefined ? "-" : x.toFixed(d));
const raw = (x: number | null | undefined) => (x === null || x === undefined ? "" : String(x));

/** The k every benchmark was sampled with, or null when they differ. */
export function sharedK(r: EvalResults): number | null {
  const ks = new Set(r.benchmarks.map((b) => b.k));
  return ks.size === 1 ? [...ks][0] : null;
}

export function wideTable(r: EvalResults): Table {
  const headers = ["Model"];
  for (const b of r.benchmarks) headers.push(`${b.name} Pass@1`, `${b.name} Pass@${b.k}`);
  headers.push("Avg Pass@1", `Avg Pass@${sharedK(r) ?? "k"}`);
  const rows = Object.entries(r.models).map(([label, m]) => {
    const cells = [label];
    for (const b of r.benchmarks) {
      const s = m.benchmarks[b.name];
      cells.push(pct(s["pass@1"]), pct(s[`pass@${s.k}`]));
    }
    cells.push(pct(m.average["pass@1"]), pct(m.average["pass@k"]));
    return cells;
  });
  return { headers, rows, right: headers.map((_, i) => i > 0) };
}

export function longTable(r: EvalResults, mode: "display" | "raw" = "display"): Table {
  const headers = ["model", "benchmark", "problems", "k", "pass@1", "pass@1_se", "pass@k", "mean_length", "median_length", "entropy", "truncated"];
  const rows: string[][] = [];
  for (const [label, m] of Object.entries(r.models)) {
    for (const b of r.benchmarks) {
      const s = m.benchmarks[b.name];
      rows.push(
        mode === "raw"
          ? [label, b.name, String(s.problems), String(s.k), raw(s["pass@1"]), raw(s["pass@1_se"]), raw(s[`pass@${s.k}`]), raw(s.mean_length), raw(s.median_length), raw(s.entropy), raw(s.truncated)]
          : [label, b.name, String(s.problems), String(s.k), pct(s["pass@1"]), pct(s["pass@1_se"]), pct(s[`pass@${s.k}`]), num(s.mean_length, 1), num(s.median_length, 1), num(s.entropy, 3), pct(s.truncated)],
      );
    }
    const a = m.average;
    rows.push(
      mode === "raw"
        ? [label, "average", "", "", raw(a["pass@1"]), raw(a["pass@1_se"]), raw(a["pass@k"]), raw(a.mean_length), "", raw(a.entropy), ""]
        : [label, "average", "", "", pct(a["pass@1"]), pct(a["pass@1_se"]), pct(a["pass@k"]), num(a.mean_length, 1), "", num(a.entropy, 3), ""],
    );
  }
  return { headers, rows, right: headers.map((_, i) => i > 1) };
}

/** One row per benchmark x bucket; per model its Pass@1 and the gain over the base (points). */
export function bucketTable(r: EvalResults): Table | null {
  if (!r.buckets) return null;
  const base = r.buckets.base;
  const labels = Object.keys(r.models).filter((l) => l !== base); // the base's own gain is 0 by definition
  const headers = ["benchmark", "bucket", "problems", `${base} Pass@1`, ...labels.flatMap((l) => [`${l} Pass@1`, `${l} gain`])];
  const rows: string[][] = [];
  for (const [bench, { rows: brs }] of Object.entries(r.buckets.benchmarks)) {
    for (const b of brs) {
      const gain = (l: string) => {
        const g = b.models[l]?.gain;
        return g === null || g === undefined ? "-" : `${g >= 0 ? "+" : ""}${(100 * g).toFixed(1)}`;
      };
      rows.push([bench, b.label, String(b.problems), pct(b.base_pass1), ...labels.flatMap((l) => [pct(b.models[l]?.pass1), gain(l)])]);
    }
  }
  return { headers, rows, right: headers.map((_, i) => i > 1) };
}
