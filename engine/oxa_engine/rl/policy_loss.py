"""The per-token GRPO loss: clipped surrogate plus the KL penalty, and which tokens were clipped.

With ratio rho = exp(logp - old_logp) (the log-ratio clamped to [-20, 20], as verl does) and the
token's advantage A (its rollout's):
  surrogate = max(-A * rho, -A * clip(rho, 1 - eps_low, 1 + eps_high))
  loss_t    = surrogate + kl_coef * KL_t          (KL_t from kl.py; absent when kl_coef = 0)
A token is "low-clipped" when rho < 1 - eps_low and A < 0, "high-clipped" when rho > 1 + eps_high
and A > 0: exactly the tokens whose gradient the clip removes (TRL's clip-ratio metrics).
No entropy bonus (the paper used none); entropy is only measured.
"""
from __future__ import annotations

import torch

from .kl import kl_estimate

LOG_RATIO_CLAMP = 20.0


def token_losses(logp, old_logp, adv, *, eps_low: float, eps_high: float, kl_coef: float = 0.0, ref_logp=None, estimator: str = "k3"):
    """Tensors of one shape (tokens) -> (loss_t, kl_t or None, low_clipped, high_clipped)."""
    ratio = (logp - old_logp).clamp(-LOG_RATIO_CLAMP, LOG_RATIO_CLAMP).exp()
    surrogate = torch.maximum(-adv * ratio, -adv * ratio.clamp(1 - eps_low, 1 + eps_high))
    low = (ratio < 1 - eps_low) & (adv < 0)
    high = (ratio > 1 + eps_high) & (adv > 0)
    if ref_logp is None:
        return surrogate, None, low, high
    kl = kl_estimate(logp, ref_logp, estimator)
    return surrogate + kl_coef * kl, kl, low, high
