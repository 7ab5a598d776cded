"""train: CE + alpha*UL fine-tuning over a batch schedule composed by TypeScript.

Single process or under `accelerate launch` (DDP, DeepSpeed ZeRO, FSDP). Each step takes one global
batch from the schedule, gives this rank its slice, accumulates exact gradients (train/step.py),
clips, steps AdamW and the cosine schedule, and appends one line to <out>/metrics.jsonl (also
streamed as a `metric` event). Checkpoints are model directories with the trainer state beside
them; resume continues from the newest complete one with the same schedule.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import torch

from ..disk import writing
from ..protocol import JobError, Progress, emit, warn
from ..train.checkpoint import save_checkpoint, save_model_dir
from ..train.encode import Encoder
from ..train.micro_batches import n_micro_batches, rank_slice
from ..train.objective import ObjectiveModel
from ..train.optim import adamw, cosine_with_warmup
from ..train.run_setup import clip_and_step, load_model, make_accelerator, start_run
from ..train.schedule import load_schedule
from ..train.step import accumulate_gradients


def run(spec: dict) -> dict:
    out = Path(spec["out"])
    world = int(os.environ.get("WORLD_SIZE", "1"))  # set by `accelerate launch`
    schedule, store = load_schedule(spec["schedule"], world)
    n_micro = n_micro_batches(schedule.global_batch, world, spec["micro_batch_size"])
    accelerator = make_accelerator(spec, n_micro)
    torch.manual_seed(spec["seed"])
    lm, tok = load_model(spec)
    pad_id = tok.pad_token_id if tok.pad_token_id is not None else 0
    encode = Encoder(tok, spec["chat"], spec["strip_default_system_prompt"], spec["append_eos"])
    model = ObjectiveModel(lm, spec["alpha"], spec["loss_chunk_tokens"])
    optimizer = adamw(model, spec["lr"], tuple(spec["betas"]), spec["weight_decay"])
    total = len(schedule.batches)
    scheduler = cosine_with_warmup(optimizer, total, spec["warmup_ratio"])
    model, optimizer = accelerator.prepare(model, optimizer)
    accelerator.register_for_checkpointing(scheduler)  # not prepared: a prepared one steps once per process

    ckpt, start, metrics_path, last_good = start_run(accelerator, spec, out, schedule.sha256)

    model.train()
    progress = Progress(total, "steps")
    progress.advance(start, status=f"resumed at step {start}" if start else None, force=True)
    save_every = spec["save_every"]
    end = min(total, spec["stop_after"]) if spec["stop_after"] is not None else total
    for step in range(start, end):
        rows = schedule.batches[step]
        n_ul = sum(store.loss_types[r] for r in rows)
        n_ce = len(rows) - n_ul
        seqs = [encode(store.get(r)) for r in rank_slice(rows, accelerator.process_index, world)]
        t0 = time.perf_counter()
        stats, tokens = accumulate_gradients(accelerator, model, seqs, n_ce, n_ul, spec["micro_batch_size"], pad_id)
        loss = stats["ce_loss"] + spec["alpha"] * stats["ul_loss"]
        lr, grad_norm = clip_and_step(accelerator, model, optimizer, scheduler, spec, loss, step, last_good, schedule.epochs[step])
        seconds = time.perf_counter() - t0
        record = {
            "step": step + 1, "epoch": schedule.epochs[step], "loss": loss,
            "ce_loss": stats["ce_loss"] if n_ce else None, "ul_loss": stats["ul_loss"] if n_ul else None,
            "weighted_ul": spec["alpha"] * stats["ul_loss"] if n_ul else None,
            "entropy_ce": stats["entropy_ce"] if n_ce else None, "entropy_ul": stats["entropy_ul"] if n_ul else None,
            "lr": lr, "grad_norm": grad_norm, "tokens": tokens, "tokens_per_s": tokens / seconds,
        }
        if accelerator.is_main_process:
            with metrics_path.open("a") as f:
                f.write(json.dumps(record) + "\n")
        emit("metric", **record)
        progress.advance(status=" ".join(f"{k} {record[k]:.4f}" for k in ("ce_loss", "ul_loss") if record[k] is not None))
        epoch_end = step + 1 == total or schedule.epochs[step + 1] != schedule.epochs[step]
        if (save_every and (step + 1) % save_every == 0) or (spec["save_each_epoch"] and epoch_end) or step + 1 == end:
            last_good = str(save_checkpoint(accelerator, model, tok, out, step + 1, schedule.sha256, spec["keep_checkpoints"]))

    if end < total:
        return {"model": None, "steps": end, "resumed_from": start, "metrics": str(metrics_path), "processes": world, "stopped_early": True}
    final = out / "model"
    if accelerator.is_main_process:
        final.mkdir(parents=True, exist_ok=True)
    accelerator.wait_for_everyone()
    with writing("the trained model", final):
        save_model_dir(accelerator, model, tok, final)
    return {"model": str(final), "steps": total, "resumed_from": start, "metrics": str(metrics_path), "processes": world}
