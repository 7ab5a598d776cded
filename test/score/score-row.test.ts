// parseScoreRow: both input shapes, configurable fields, and errors that name file, line and field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseScoreRow, type ScoreFields } from "../../src/score/score-row.ts";

const fields: ScoreFields = { prompt: "q", response: "a", query: "problem", responses: "solutions" };
const at = (row: Record<string, unknown>) => ({ row, line: 7, file: "d.jsonl" });

test("auto shape: a list in the responses field makes a list row", () => {
  assert.deepEqual(parseScoreRow(at({ q: "P", a: "R" }), fields, "auto", false), { prompt: "P", responses: ["R"], list: false });
  assert.deepEqual(parseScoreRow(at({ problem: "P", solutions: ["R1", "R2"] }), fields, "auto", false), { prompt: "P", responses: ["R1", "R2"], list: true });
  assert.deepEqual(parseScoreRow(at({ problem: "P", solutions: [] }), fields, "list", false), { prompt: "P", responses: [], list: true });
  assert.deepEqual(parseScoreRow(at({ a: "R" }), fields, "row", true), { prompt: null, responses: ["R"], list: false });
});

test("errors name file, line and field", () => {
  assert.throws(() => parseScoreRow(at({ a: "R" }), fields, "auto", false), /d\.jsonl, line 7, field "q": missing field/);
  assert.throws(() => parseScoreRow(at({ q: "P", a: 3 }), fields, "auto", false), /field "a": expected a string, got number/);
  assert.throws(() => parseScoreRow(at({ q: "P", a: "" }), fields, "auto", false), /field "a": empty response/);
  assert.throws(() => parseScoreRow(at({ problem: "P", solutions: ["ok", null] }), fields, "auto", false), /field "solutions\[1\]": expected a string, got null/);
  assert.throws(() => parseScoreRow(at({ problem: "P", solutions: "x" }), fields, "list", false), /field "solutions": expected a array/);
});
