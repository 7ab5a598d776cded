"""dpo: the policy trained on preference pairs against precomputed reference log-probs.

Single process or under `accelerate launch`, built from train's parts: its accelerator and model
loading, rank slices and micro-batch count, AdamW and the cosine schedule with warmup, checkpoints
and resume (jobs/train.py, train/*). Each step takes one global batch of pairs from the schedule,
accumulates the exact gradient of the mean per-pair loss (dpo/step.py), clips, steps, and appends
TRL-named metrics to <out>/metrics.jsonl (also streamed as a `metric` event). The reference model
is never loaded: its log-probs come from the dpo-reference job's file, checked against the pairs
(every id present, the same completion token counts).
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import torch

from ..dpo.encode import PairEncoder
from ..dpo.model import SequenceLogps
from ..dpo.pairs import read_pairs, read_reference
from ..dpo.schedule import load_dpo_schedule
from ..dpo.step import dpo_step
from ..protocol import JobError, Progress, emit
from ..train.checkpoint import save_checkpoint, save_model_dir
from ..train.micro_batches import n_micro_batches, rank_slice
from ..train.optim import adamw, cosine_with_warmup
from ..train.run_setup import clip_and_step, load_model, make_accelerator, start_run


def _check_options(spec: dict) -> None:
    if spec["label_smoothing"] and spec["loss_type"] != "robust":
        # TRL 1.16 reads label_smoothing only in the robust (and EXO) loss; silently ignoring it would mislead
        raise JobError(f"label_smoothing {spec['label_smoothing']} has no effect on the {spec['loss_type']} loss (TRL uses it in robust only)", "spec")


def _encode_all(pairs: list[dict], encode: PairEncoder, ref: dict[str, dict], ref_path: str) -> list[tuple]:
    """Every pair's sequences with its reference record; refuses a reference file of other pairs or tokenisation."""
    items = []
    for p in pairs:
        r = ref.get(p["id"])
        if r is None:
            raise JobError(f"{ref_path}: no reference log-probs for pair {p['id']!r} (rerun the dpo-reference job on these pairs)", "input")
        chosen, rejected = encode(p)
        if (chosen.n_scored, rejected.n_scored) != (r["chosen_tokens"], r["rejected_tokens"]):
            raise JobError(f"{ref_path}: pair {p['id']!r} was scored with {r['chosen_tokens']}/{r['rejected_tokens']} completion tokens but encodes to "
                           f"{chosen.n_scored}/{rejected.n_scored}: another tokenizer or chat setting; recompute the reference", "input")
        items.append((chosen, rejected, r))
    return items


def run(spec: dict) -> dict:
    _check_options(spec)
    out = Path(spec["out"])
    world = int(os.environ.get("WORLD_SIZE", "1"))  # set by `accelerate launch`
    pairs_cache: dict[str, list[dict]] = {}
    schedule = load_dpo_schedule(spec["schedule"], world, lambda path: len(pairs_cache.setdefault(path, read_pairs(path))))
    pairs = pairs_cache[schedule.pairs]
    n_micro = n_micro_batches(schedule.global_batch, world, spec["micro_batch_size"])
    accelerator = make_accelerator(spec, n_micro)
    torch.manual_seed(spec["seed"])
    lm, tok = load_model({**spec, "rope_theta": None, "max_position_embeddings": None})
    for m in lm.modules():  # as TRL's disable_dropout: the policy's log-probs must be those the reference was scored with
        if isinstance(m, torch.nn.Dropout):
            m.p = 0.0
        if isinstance(getattr(m, "attention_dropout", None), float):  # attention modules read it while training
            m.attention_dropout = 0.0
    pad_id = tok.pad_token_id if tok.pad_token_id is not None else 0
    items = _encode_all(pairs, PairEncoder(tok, spec["chat"], spec["strip_default_system_prompt"]), read_reference(spec["reference"]), spec["reference"])
    model = SequenceLogps(lm)
    optimizer = adamw(model, spec["lr"], tuple(spec["betas"]), spec["weight_decay"])
    total = len(schedule.batches)
    scheduler = cosine_with_warmup(optimizer, total, spec["warmup_ratio"])
    model, optimizer = accelerator.prepare(model, optimizer)
    accelerator.register_for_checkpointing(scheduler)

    ckpt, start, metrics_path, last_good = start_run(accelerator, spec, out, schedule.sha256)

    model.train()
    progress = Progress(total, "steps")
    progress.advance(start, status=f"resumed at step {start}" if start else None, force=True)
    end = min(total, spec["stop_after"]) if spec["stop_after"] is not None else total
    for step in range(start, end):
        mine = [items[r] for r in rank_slice(schedule.batches[step], accelerator.process_index, world)]
        t0 = time.perf_counter()
        stats, tokens = dpo_step(accelerator, model, mine, schedule.global_batch, spec, pad_id)
        lr, grad_norm = clip_and_step(accelerator, model, optimizer, scheduler, spec, stats["loss"], step, last_good)
        seconds = time.perf_counter() - t0
        record = {"step": step + 1, "epoch": schedule.epochs[step], **stats, "lr": lr, "grad_norm": grad_norm, "tokens": tokens, "tokens_per_s": tokens / seconds}
        if accelerator.is_main_process:
            with metrics_path.open("a") as f:
                f.write(json.dumps(record) + "\n")
        emit("metric", **record)
        progress.advance(status=f"loss {stats['loss']:.4f} margin {stats['rewards/margins']:.4f}")
        epoch_end = step + 1 == total or schedule.epochs[step + 1] != schedule.epochs[step]
        if (spec["save_every"] and (step + 1) % spec["save_every"] == 0) or (spec["save_each_epoch"] and epoch_end) or step + 1 == end:
            last_good = str(save_checkpoint(accelerator, model, tok, out, step + 1, schedule.sha256, spec["keep_checkpoints"]))

    if end < total:
        return {"model": None, "steps": end, "resumed_from": start, "metrics": str(metrics_path), "processes": world}
    final = out / "model"
    if accelerator.is_main_process:
        final.mkdir(parents=True, exist_ok=True)
    accelerator.wait_for_everyone()
    save_model_dir(accelerator, model, tok, final)
    return {"model": str(final), "steps": total, "resumed_from": start, "metrics": str(metrics_path), "processes": world}
