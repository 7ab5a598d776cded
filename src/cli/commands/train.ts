// `oxa train`: SFT, OXA_MLE or OXA_Full fine-tuning with L = CE + alpha*UL over seeded global batches.
import { z } from "zod";
import { defineCommand } from "../command.ts";
import { MODES, runTrain, type TrainResult } from "../../train/index.ts";

const schema = z
  .object({
    data: z.string().describe("mixed training file (.jsonl, .json or .parquet) of {id, prompt, response, loss_type: 0 CE | 1 UL}"),
    model: z.string().describe("model directory to fine-tune"),
    out: z.string().describe("run directory (schedule, metrics, curves, checkpoints/, model/)"),
    mode: z.enum(MODES).default("oxa-full").describe("sft / oxa-mle: CE only (k = 0); oxa-full: k UL records in every global batch"),
    globalBatch: z.number().int().positive().default(128).describe("sequences per optimizer step, across all processes"),
    ulPerBatch: z.number().int().min(0).default(16).describe("UL sequences in every global batch (oxa-full)"),
    epochs: z.number().int().positive().default(6).describe("passes over the data (paper: 6)"),
    wrap: z.boolean().default(false).describe("when one pool runs out, reuse it once (reshuffled) instead of ending the epoch"),
    cutoff: z.number().int().positive().default(32768).describe("drop (never truncate) sequences longer than this many tokens"),
    alpha: z.number().min(0).default(1e-4).describe("UL weight in L = CE + alpha*UL"),
    lr: z.number().positive().default(2.5e-4).describe("peak learning rate (paper: 2.5e-4 Qwen2.5-Math-1.5B, 5e-5 7B, 2e-4 Llama-3.2-3B / Qwen3-1.7B)"),
    warmupRatio: z.number().min(0).max(1).default(0.03).describe("share of steps with linear warmup before the cosine decay"),
    weightDecay: z.number().min(0).default(0.1).describe("AdamW weight decay (matrices only)"),
    maxGradNorm: z.number().positive().default(1).describe("gradient clipping"),
    microBatchSize: z.number().int().positive().default(1).describe("sequences per forward pass on one process (gradient accumulation covers the rest)"),
    lossChunkTokens: z.number().int().positive().default(2048).describe("tokens whose logits exist at once in the loss"),
    gradientCheckpointing: z.boolean().default(false).describe("recompute layer activations in the backward pass: less memory, more compute"),
    ropeTheta: z.number().positive().optional().describe("override RoPE theta (paper: 1e6 for Qwen2.5-Math)"),
    maxPositionEmbeddings: z.number().int().positive().optional().describe("override the context length (paper: 40000 for Qwen2.5-Math)"),
    stripSystemPrompt: z.boolean().default(true).describe("remove the chat template's default system turn, as the paper did (--no-strip-system-prompt keeps it)"),
    systemPrompt: z.string().optional().describe("an explicit system message for every prompt"),
    template: z.boolean().default(true).describe("format prompts with the chat template (--no-template: the prompt text as it is)"),
    saveEvery: z.number().int().min(0).default(0).describe("also checkpoint every N steps (0 = at epoch ends only)"),
    keepCheckpoints: z.number().int().min(0).default(2).describe("complete checkpoints kept (0 = all)"),
    resume: z.boolean().default(false).describe("continue from the newest checkpoint in --out (same data and options)"),
    stopAfter: z.number().int().positive().optional().describe("stop after this step, to resume later"),
    seed: z.number().int().default(0).describe("schedule seed: epoch e shuffles with seed + e"),
    processes: z.number().int().positive().default(1).describe("data-parallel processes; >1 runs under `accelerate launch`"),
    accelerateConfig: z.string().optional().describe("accelerate config file for several processes (DeepSpeed ZeRO / FSDP: examples/accelerate/)"),
    device: z.enum(["auto", "cpu", "cuda"]).default("auto").describe("auto = CUDA when available (bf16 autocast), else CPU (float32)"),
  })
  .refine((c) => c.mode !== "oxa-full" || (c.ulPerBatch > 0 && c.ulPerBatch < c.globalBatch), {
    message: "--mode oxa-full needs 0 < --ul-per-batch < --global-batch",
    path: ["ulPerBatch"],
  })
  .refine((c) => c.globalBatch % c.processes === 0, { message: "--global-batch must be a multiple of --processes", path: ["globalBatch"] });

export const trainCommand = defineCommand({
  name: "train",
  summary: "fine-tune with SFT, OXA_MLE or OXA_Full (CE + alpha*UL) on one CPU/GPU or many",
  description: `Every global batch holds exactly --ul-per-batch UL records and the rest CE, shuffled; epochs
reshuffle with seed + epoch and end when either pool runs out. Each loss is a per-sequence mean over
response tokens, averaged over the sequences of its type in the global batch: L = CE + alpha*UL,
exact whatever --micro-batch-size and --processes. AdamW (0.9, 0.95), cosine schedule with warmup.
Writes metrics.jsonl (ce_loss, ul_loss, weighted_ul, entropy_ce, entropy_ul, lr, grad_norm,
tokens_per_s per step), curves.svg, checkpoints/step-N/ and model/ into --out.`,
  examples: [
    "oxa train mixed.jsonl --model base --out runs/oxa-full",
    "oxa train sel.jsonl --model base --out runs/oxa-mle --mode oxa-mle",
    "oxa train mixed.jsonl --model qwen-math-1.5b --out runs/q --rope-theta 1e6 --max-position-embeddings 40000 --gradient-checkpointing",
    "oxa train mixed.jsonl --model base --out runs/x --processes 8 --accelerate-config examples/accelerate/deepspeed-zero2.yaml",
    "oxa train mixed.jsonl --model base --out runs/oxa-full --resume",
  ],
  positionals: ["data"],
  schema,
  async run(c, ctx) {
    return runTrain({
      data: c.data,
      model: c.model,
      out: c.out,
      mode: c.mode,
      globalBatch: c.globalBatch,
      ulPerBatch: c.ulPerBatch,
      epochs: c.epochs,
      seed: c.seed,
      wrap: c.wrap,
      cutoff: c.cutoff,
      processes: c.processes,
      accelerateConfig: c.accelerateConfig,
      progress: ctx.progress,
      log: ctx.log,
      engine: {
        alpha: c.mode === "oxa-full" ? c.alpha : 0,
        lr: c.lr,
        warmup_ratio: c.warmupRatio,
        weight_decay: c.weightDecay,
        max_grad_norm: c.maxGradNorm,
        micro_batch_size: c.microBatchSize,
        loss_chunk_tokens: c.lossChunkTokens,
        gradient_checkpointing: c.gradientCheckpointing,
        rope_theta: c.ropeTheta ?? null,
        max_position_embeddings: c.maxPositionEmbeddings ?? null,
        strip_default_system_prompt: c.stripSystemPrompt,
        append_eos: true,
        save_every: c.saveEvery,
        keep_checkpoints: c.keepCheckpoints,
        resume: c.resume,
        stop_after: c.stopAfter ?? null,
        chat: { apply_template: c.template, system_prompt: c.systemPrompt ?? null },
        device: c.device,
      },
    });
  },
  format: (r: TrainResult) =>
    `trained ${r.steps} steps (${r.mode}) on ${r.records.ce} CE + ${r.records.ul} UL records` +
    `${r.records.droppedOverCutoff.ce + r.records.droppedOverCutoff.ul ? `; dropped ${r.records.droppedOverCutoff.ce} CE + ${r.records.droppedOverCutoff.ul} UL over the cutoff` : ""}\n` +
    `  model:   ${r.model ?? "(stopped early; resume with --resume)"}\n  metrics: ${r.out}/metrics.jsonl\n  curves:  ${r.curves}\n`,
});
