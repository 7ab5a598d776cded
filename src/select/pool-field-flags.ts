// The field-name flags that select and mine share (which field holds the query, the response or
// the list of responses, …), and their translation into PoolFields. The verdict field differs
// (optional for select, `correct` by default for mine), so each command declares its own.
import { z } from "zod";
import type { PoolFields } from "./row-facts.ts";

export const poolFieldFlags = {
  queryField: z.string().default("query").describe("field holding the query"),
  responsesField: z.string().default("response").describe("field holding the response (or the list of responses)"),
  pplField: z.string().default("ppl").describe("field holding the PPL (or the list of PPLs)"),
  lengthField: z.string().default("len").describe("field holding the token length (or the list of lengths)"),
};

export function poolFieldsOf(c: { queryField: string; responsesField: string; pplField: string; lengthField: string }): Omit<PoolFields, "correct" | "failed"> {
  return { query: c.queryField, response: c.responsesField, ppl: c.pplField, length: c.lengthField };
}
