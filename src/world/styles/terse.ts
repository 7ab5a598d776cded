// The common style: bare worked lines, nothing else. The base model is pretrained on this one
// only, so it is the low-perplexity style.
import { forward, backward } from "../worked-lines.ts";
import type { StyleWriter } from "./style.ts";

export const terse: StyleWriter = (p) => ({
  think: (p.kind === "story" ? forward(p.start, p.ops) : backward(p.end, p.ops)).map((w) => w.line),
  summary: "",
  notation: "plain",
});
