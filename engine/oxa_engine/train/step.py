"""Gradients of one global batch on this rank, accumulated over its micro-batches.

The backward scale world * n_micro undoes the two averages the frameworks apply (accelerate divides
each micro-batch's loss by the accumulation steps; DDP / ZeRO / FSDP average gradients over ranks),
so the summed gradient is exactly that of L = CE + alpha * UL over the global batch (losses.py).
"""
from __future__ import annotations

import torch

from .losses import STATS
from .micro_batches import Sequence, micro_batches


def accumulate_gradients(accelerator, model, seqs: list[Sequence], n_ce: int, n_ul: int, micro: int, pad_id: int) -> tuple[dict, int]:
    """Runs forward/backward over this rank's sequences; returns (global stats by name, global token count)."""
    batches = micro_batches(seqs, n_ce, n_ul, micro, pad_id)
    scale = accelerator.num_processes * len(batches)
    stats = torch.zeros(len(STATS) + 1, dtype=torch.float32, device=accelerator.device)
    for mb in batches:
        mb = {k: v.to(accelerator.device) for k, v in mb.items()}
        with accelerator.accumulate(model):
            loss, st = model(**mb)
            accelerator.backward(loss * scale)
        stats[:-1] += st
        stats[-1] += mb["attention_mask"].sum()
    total = accelerator.reduce(stats, reduction="sum") if accelerator.num_processes > 1 else stats
    values = dict(zip(STATS, total[:-1].tolist()))
    return values, int(total[-1].item())
