"""The causal LM wrapped with the OXA objective, so one forward call computes the loss.

The head and losses run as one fused op (fused_head_loss.py) when the head's weight is a whole local
tensor (one process, DDP, ZeRO-1/2). Under ZeRO-3 or sharded FSDP the weight is a partition, so the
loss instead calls the head as a module per checkpointed chunk (losses.chunked_objective), letting
the framework's hooks gather it; keeping the loss inside this forward keeps it in their scope.
"""
from __future__ import annotations

import torch

from ..protocol import JobError
from .fused_head_loss import FusedHeadLoss
from .losses import chunked_objective


class ObjectiveModel(torch.nn.Module):
    def __init__(self, lm: torch.nn.Module, alpha: float, chunk: int):
        super().__init__()
        head = lm.get_output_embeddings()
        if head is None or getattr(head, "bias", None) is not None:
            raise JobError("the model needs a bias-free output head (get_output_embeddings) for the chunked loss", "model")
        self.lm, self.alpha, self.chunk = lm, alpha, chunk

    def forward(self, input_ids, attention_mask, positions, targets, weights, is_ul):
        hidden = self.lm.get_decoder()(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).last_hidden_state
        picked = hidden.reshape(-1, hidden.shape[-1]).index_select(0, positions)
        head = self.lm.get_output_embeddings()
        if _plain(head.weight):
            return FusedHeadLoss.apply(picked, head.weight, targets, weights, is_ul, self.alpha, self.chunk)
        return chunked_objective(picked, head, targets, weights, is_ul, self.alpha, self.chunk)


def _plain(weight: torch.Tensor) -> bool:
    """A whole, local weight (not a ZeRO-3 partition or a DTensor shard), usable outside the module's call."""
    return not hasattr(weight, "ds_id") and type(weight.data).__name__ != "DTensor"
