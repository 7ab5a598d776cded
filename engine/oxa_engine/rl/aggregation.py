"""Loss aggregation over a GLOBAL batch as per-token weights, so L = sum_t w_t * loss_t.

For N sequences (those not masked) with T_s loss tokens each and T = sum_s T_s:
  token-mean               w_t = 1 / T                (verl's default; the paper's runs)
  seq-mean-token-mean      w_t = 1 / (N * T_s)        (the original GRPO: mean over tokens, then sequences)
  seq-mean-token-sum-norm  w_t = 1 / (N * L_max)      (Dr. GRPO: a constant normaliser; L_max = the
                                                      rollouts' max new tokens, fixed for the run)
Masked sequences (overlong handling "mask") get w = 0 and are not counted in N or T. Weights depend
on the whole global batch only, never on a micro-batch, so any split sums to the same gradient.
"""
from __future__ import annotations

import torch

MODES = ("token-mean", "seq-mean-token-mean", "seq-mean-token-sum-norm")


def token_weights(lengths: list[int], used: list[bool], mode: str, max_len: int) -> list[torch.Tensor]:
    """Per sequence, a float64 vector of its T_s token weights (zeros when not used)."""
    n = sum(used)
    total = sum(l for l, u in zip(lengths, used) if u)
    out = []
    for length, u in zip(lengths, used):
        if not u or n == 0:
            w = 0.0
        elif mode == "token-mean":
            w = 1.0 / total
        elif mode == "seq-mean-token-mean":
            w = 1.0 / (n * length)
        elif mode == "seq-mean-token-sum-norm":
            w = 1.0 / (n * max_len)
        else:
            raise ValueError(f"unknown loss aggregation {mode!r}; known: {', '.join(MODES)}")
        out.append(torch.full((length,), w, dtype=torch.float64))
    return out
