// A table of strings as aligned terminal text, GitHub Markdown or CSV (RFC 4180 quoting).

export interface Table {
  headers: string[];
  rows: string[][];
  /** Per column: right-align (numbers). */
  right?: boolean[];
}

export function renderText(t: Table): string {
  const w = t.headers.map((h, i) => Math.max(h.length, ...t.rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (t.right?.[i] ? c.padStart(w[i]) : c.padEnd(w[i]))).join("  ").trimEnd();
  return [line(t.headers), w.map((x) => "-".repeat(x)).join("  "), ...t.rows.map(line)].join("\n") + "\n";
}

export function renderMarkdown(t: Table): string {
  const esc = (c: string) => c.replace(/\|/g, "\\|");
  const sep = t.headers.map((_, i) => (t.right?.[i] ? "---:" : "---"));
  return [t.headers, sep, ...t.rows].map((r) => `| ${r.map(esc).join(" | ")} |`).join("\n") + "\n";
}

export function renderCsv(t: Table): string {
  const q = (c: string) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [t.headers, ...t.rows].map((r) => r.map(q).join(",")).join("\n") + "\n";
}
