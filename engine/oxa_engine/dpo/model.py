"""The policy wrapped so one forward call gives each sequence's summed completion log-prob.

Logits exist only at scored positions, and a chunk at a time (activation-checkpointed, so the
backward recomputes one chunk's logits instead of keeping all of them): a large vocabulary never
needs a [batch, length, vocab] tensor. `.lm` is what train's checkpoint code saves.
"""
from __future__ import annotations

import torch
from torch.utils.checkpoint import checkpoint

HEAD_ROWS = 2048  # positions pushed through the LM head at once


def _chunk_logp(h: torch.Tensor, head: torch.nn.Module, targets: torch.Tensor) -> torch.Tensor:
    logits = head(h)
    if logits.dtype in (torch.bfloat16, torch.float16):  # never fewer digits than float32 in log-probs
        logits = logits.float()
    return logits.gather(1, targets[:, None]).squeeze(1) - torch.logsumexp(logits, dim=-1)


class SequenceLogps(torch.nn.Module):
    def __init__(self, lm: torch.nn.Module):
        super().__init__()
        self.lm = lm

    def forward(self, input_ids, attention_mask, positions, targets, seq_index, n_seqs: int) -> torch.Tensor:
        hidden = self.lm.get_decoder()(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).last_hidden_state
        picked = hidden.reshape(-1, hidden.shape[-1]).index_select(0, positions)
        head = self.lm.get_output_embeddings()
        parts = []
        for s in range(0, picked.shape[0], HEAD_ROWS):
            args = (picked[s : s + HEAD_ROWS], head, targets[s : s + HEAD_ROWS])
            parts.append(checkpoint(_chunk_logp, *args, use_reentrant=False) if torch.is_grad_enabled() else _chunk_logp(*args))
        logp = torch.cat(parts)
        return torch.zeros(n_seqs, dtype=logp.dtype, device=logp.device).index_add(0, seq_index, logp)
