"""One global batch of pairs on this rank: micro-batches, exact gradients and summed statistics.

The step's loss is the mean over the B pairs of the GLOBAL batch. Each micro-batch contributes
sum(its pair losses) / B, and the backward scale world * n_micro undoes the two averages the
frameworks apply (accelerate divides by the accumulation steps; DDP / ZeRO / FSDP average over
ranks) — as train/step.py does — so the summed gradient is that of the global mean however the
batch is split. A micro-batch of m pairs is one padded forward of 2m sequences (chosen then rejected).
"""
from __future__ import annotations

import torch

from .encode import Side
from .losses import STATS, pair_losses, pair_stats


def collate(sides: list[Side], pad_id: int) -> dict:
    width = max(len(s.ids) for s in sides)
    input_ids = torch.full((len(sides), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(sides), width), dtype=torch.long)
    positions, targets, index = [], [], []
    for i, s in enumerate(sides):
        n = len(s.ids)
        input_ids[i, :n] = torch.tensor(s.ids, dtype=torch.long)
        mask[i, :n] = 1
        positions.append(torch.arange(i * width + s.start - 1, i * width + n - 1))  # hidden at j-1 predicts token j
        targets.append(input_ids[i, s.start : n])
        index.append(torch.full((n - s.start,), i, dtype=torch.long))
    return {"input_ids": input_ids, "attention_mask": mask, "positions": torch.cat(positions), "targets": torch.cat(targets), "seq_index": torch.cat(index), "n_seqs": len(sides)}


def micro_batches(items: list[tuple[Side, Side, dict]], micro: int) -> list[list[tuple[Side, Side, dict]]]:
    """Longest pairs first (padding stays small, and an out-of-memory error shows on the first one)."""
    ordered = sorted(items, key=lambda it: -max(len(it[0].ids), len(it[1].ids)))
    return [ordered[i : i + micro] for i in range(0, len(ordered), micro)]


def policy_logps(model, group: list[tuple[Side, Side, dict]], pad_id: int, device) -> tuple[torch.Tensor, torch.Tensor, int]:
    """(chosen logps, rejected logps, tokens) of a micro-batch under the model (with grad if enabled)."""
    mb = collate([c for c, _, _ in group] + [r for _, r, _ in group], pad_id)
    n = mb.pop("n_seqs")
    mb = {k: v.to(device) for k, v in mb.items()}
    logps = model(**mb, n_seqs=n)
    return logps[: len(group)], logps[len(group) :], int(mb["attention_mask"].sum())


def dpo_step(accelerator, model, items: list[tuple[Side, Side, dict]], global_batch: int, opts: dict, pad_id: int) -> tuple[dict, int]:
    """items: this rank's (chosen, rejected, reference record); returns (global means by name, tokens)."""
    groups = micro_batches(items, opts["micro_batch_size"])
    scale = accelerator.num_processes * len(groups)
    dev = accelerator.device
    stats = torch.zeros(len(STATS) + 1, dtype=torch.float64, device=dev)
    for group in groups:
        with accelerator.accumulate(model):
            pc, pr, tokens = policy_logps(model, group, pad_id, dev)
            rc = torch.tensor([ref["chosen_logp"] for _, _, ref in group], dtype=pc.dtype, device=dev)
            rr = torch.tensor([ref["rejected_logp"] for _, _, ref in group], dtype=pc.dtype, device=dev)
            n_c = torch.tensor([c.n_scored for c, _, _ in group], dtype=pc.dtype, device=dev)
            n_r = torch.tensor([r.n_scored for _, r, _ in group], dtype=pc.dtype, device=dev)
            losses = pair_losses(pc, pr, rc, rr, n_c, n_r, opts["loss_type"], opts["beta"], opts["label_smoothing"])
            accelerator.backward(losses.sum() / global_batch * scale)
        stats[:-1] += pair_stats(losses, pc, pr, rc, rr, opts["beta"]).double()
        stats[-1] += tokens
    total = accelerator.reduce(stats, reduction="sum") if accelerator.num_processes > 1 else stats
    values = {k: v / global_batch for k, v in zip(STATS, total[:-1].tolist())}
    return values, int(total[-1].item())
