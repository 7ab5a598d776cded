"""Per-token KL estimators between the policy and the reference, from the sampled tokens' log-probs.

With d = logp - ref (log pi(y) - log pi_ref(y) at the sampled token y ~ pi):
  k1 = d                                     unbiased, high variance, can be negative (verl "kl")
  k2 = d^2 / 2                               (verl "mse")
  k3 = e^(-d) - (-d) - 1 = e^(ref-logp) - (ref-logp) - 1    unbiased, >= 0, low variance (verl "low_var_kl")
k3 follows verl's clamps: the exponent ref-logp is clamped to [-20, 20] and the result to [-10, 10].
"""
from __future__ import annotations

import torch

ESTIMATORS = ("k1", "k2", "k3")
K3_EXP_CLAMP = 20.0
K3_CLAMP = 10.0


def kl_estimate(logp: torch.Tensor, ref_logp: torch.Tensor, estimator: str) -> torch.Tensor:
    d = logp - ref_logp
    if estimator == "k1":
        return d
    if estimator == "k2":
        return 0.5 * d.square()
    if estimator == "k3":
        x = (-d).clamp(-K3_EXP_CLAMP, K3_EXP_CLAMP)
        return (x.exp() - x - 1).clamp(-K3_CLAMP, K3_CLAMP)
    raise ValueError(f"unknown KL estimator {estimator!r}; known: {', '.join(ESTIMATORS)}")
