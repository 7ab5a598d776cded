"""The causal LM wrapped with the OXA objective, so one forward call computes the loss.

Keeping the loss inside the module's forward matters under FSDP / DeepSpeed ZeRO-3: the output
head's weights are gathered for the duration of the wrapped forward, and each chunk calls the head
as a module (never its raw weight) so ZeRO-3's hooks see the use.
"""
from __future__ import annotations

import torch

from ..protocol import JobError
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
        return chunked_objective(picked, self.lm.get_output_embeddings(), targets, weights, is_ul, self.alpha, self.chunk)
