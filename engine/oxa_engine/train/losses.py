"""The OXA objective on response tokens, computed in chunks so only one chunk of logits exists.

For a global batch with n_ce CE sequences and n_ul UL sequences, sequence s with K_s response
tokens contributes, per response token t,

    CE token:  w_s * -log p(s_t)                  w_s = 1 / (K_s * n_ce)
    UL token:  w_s * alpha * -log(1 - p(s_t))     w_s = 1 / (K_s * n_ul)

so the sum over every token of every micro-batch on every rank is exactly
L = mean_seq(token-mean CE) + alpha * mean_seq(token-mean UL), however the batch is split.

The usual path is the fused op in fused_head_loss.py. `chunked_objective` here is the path for a
sharded head (ZeRO-3, FSDP): it calls the head module per chunk under activation checkpointing, so
the backward recomputes one chunk's logits at a time instead of keeping every chunk's alive.
"""
from __future__ import annotations

import math

import torch
from torch.utils.checkpoint import checkpoint

# p(s_t) <= 1 - 1e-6 keeps -log(1 - p) and its gradient finite for the model's most confident tokens.
LOG_P_MAX = math.log1p(-1e-6)
_LN_HALF = -math.log(2.0)

# The order of the statistics a chunk returns (all sums of w_s-weighted token values).
STATS = ("ce_loss", "ul_loss", "entropy_ce", "entropy_ul")


def unlikelihood(logp: torch.Tensor) -> torch.Tensor:
    """-log(1 - exp(logp)), stable on both sides of p = 1/2 (both branches finite, so no NaN grads)."""
    logp = logp.clamp(max=LOG_P_MAX)
    return torch.where(logp < _LN_HALF, -torch.log1p(-torch.exp(logp)), -torch.log(-torch.expm1(logp)))


def _chunk(h: torch.Tensor, head: torch.nn.Module, targets: torch.Tensor, w: torch.Tensor, is_ul: torch.Tensor, alpha: float):
    logits = head(h).float()
    logz = torch.logsumexp(logits, dim=-1)
    logp = logits.gather(1, targets[:, None]).squeeze(1) - logz
    nll = -logp
    ul = unlikelihood(logp)
    loss = (w * torch.where(is_ul, alpha * ul, nll)).sum()
    with torch.no_grad():
        entropy = logz - (torch.softmax(logits, dim=-1) * logits).sum(-1)
        ce_w, ul_w = w * ~is_ul, w * is_ul
        stats = torch.stack([(ce_w * nll).sum(), (ul_w * ul).sum(), (ce_w * entropy).sum(), (ul_w * entropy).sum()])
    return loss, stats


def chunked_objective(
    hidden: torch.Tensor,
    head: torch.nn.Module,
    targets: torch.Tensor,
    weights: torch.Tensor,
    is_ul: torch.Tensor,
    alpha: float,
    chunk: int,
) -> tuple[torch.Tensor, torch.Tensor]:
    """hidden [n, H] at the positions that predict `targets` [n]; weights [n] = w_s; is_ul [n] bool.

    Returns (loss, stats): the weighted loss (a scalar with grad) and the detached sums in STATS
    order. An empty selection gives zeros (a rank may hold only padding-free empty work).
    """
    loss = hidden.new_zeros((), dtype=torch.float32)
    stats = torch.zeros(len(STATS), dtype=torch.float32, device=hidden.device)
    for s in range(0, hidden.shape[0], chunk):
        e = s + chunk
        if torch.is_grad_enabled():
            l, st = checkpoint(_chunk, hidden[s:e], head, targets[s:e], weights[s:e], is_ul[s:e], alpha, use_reentrant=False)
        else:
            l, st = _chunk(hidden[s:e], head, targets[s:e], weights[s:e], is_ul[s:e], alpha)
        loss = loss + l
        stats += st
    return loss, stats
