// The shapes other trainers read, from one training record. Each says its chat decisions in the
// row itself: the reasoning suffix is already in `prompt`; a system message appears only when one
// was given (the consumer's template may still add its own default system turn — oxa's trainer
// strips that turn, TRL and LLaMA-Factory do not; docs/interop.md says how to match).
//   sharegpt  LLaMA-Factory: {conversations: [{from: "human"}, {from: "gpt"}], system?, loss_type}
//   trl-sft   TRL SFTTrainer, conversational prompt-completion: {prompt: [user], completion: [assistant]}
import type { LossType, TrainingRecord } from "./training-record.ts";

type Turn = { role: "system" | "user" | "assistant"; content: string };

export function toShareGpt(r: TrainingRecord, system?: string): { conversations: { from: "human" | "gpt"; value: string }[]; system?: string; loss_type: LossType } {
  return {
    conversations: [
      { from: "human", value: r.prompt },
      { from: "gpt", value: r.response },
    ],
    ...(system !== undefined ? { system } : {}),
    loss_type: r.loss_type,
  };
}

export function toTrlSft(r: TrainingRecord, system?: string): { id: string; prompt: Turn[]; completion: Turn[] } {
  const prompt: Turn[] = [...(system !== undefined ? [{ role: "system" as const, content: system }] : []), { role: "user", content: r.prompt }];
  return { id: r.id, prompt, completion: [{ role: "assistant", content: r.response }] };
}

/** LLaMA-Factory's dataset_info.json entries for the alpaca and sharegpt files (paths relative to its folder). */
export function datasetInfo(files: { alpaca?: string; sharegpt?: string }, system: boolean): Record<string, unknown> {
  const info: Record<string, unknown> = {};
  const name = (f: string) => "oxa_" + f.replace(/^.*\//, "").replace(/\.json$/i, "").replace(/[^A-Za-z0-9_]+/g, "_");
  if (files.alpaca) {
    info[name(files.alpaca)] = {
      file_name: files.alpaca,
      formatting: "alpaca",
      columns: { prompt: "instruction", query: "input", response: "output", history: "history", ...(system ? { system: "system" } : {}) },
    };
  }
  if (files.sharegpt) {
    info[name(files.sharegpt)] = {
      file_name: files.sharegpt,
      formatting: "sharegpt",
      columns: { messages: "conversations", ...(system ? { system: "system" } : {}) },
      tags: { role_tag: "from", content_tag: "value", user_tag: "human", assistant_tag: "gpt" },
    };
  }
  return info;
}
