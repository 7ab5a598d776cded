"""Gradients of one GRPO step over all its rollouts, accumulated over micro-batches.

Every token's weight is global (aggregation.py), so the micro-batch losses simply add up to the loss
of the whole batch and their gradients to its gradient: no rescaling by the number of micro-batches.
The reference model's log-probs (when the KL coefficient is > 0) are computed per micro-batch, right
before the policy's forward on the same tensors.
"""
from __future__ import annotations

import torch

from .batches import Rollout, collate, micro_batches
from .policy import STATS, PolicyModel, reference_logp


def accumulate_gradients(model: PolicyModel, ref_lm, rollouts: list[Rollout], micro: int, pad_id: int, backward=None) -> dict:
    """Runs forward/backward over all rollouts; returns summed STATS by name (loss is the batch loss)."""
    device = next(model.parameters()).device
    backward = backward or (lambda loss: loss.backward())
    stats = torch.zeros(len(STATS), dtype=torch.float64)
    for chunk in micro_batches(rollouts, micro):
        batch = {k: v.to(device) if v is not None else None for k, v in collate(chunk, pad_id).items()}
        if ref_lm is not None:
            batch["ref_logp"] = reference_logp(ref_lm, batch, model.temperature)
        loss, st = model(**batch)
        backward(loss)
        stats += st.double().cpu()
    return dict(zip(STATS, stats.tolist()))
