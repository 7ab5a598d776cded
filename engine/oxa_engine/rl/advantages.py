"""GRPO advantages: each rollout's reward minus its group's mean, optionally divided by a std.

rewards is [G, n] (G prompts, n rollouts each). A_gi = r_gi - mean_g(r), then
  scale "group": / (std_g(r) + EPS)   std over the group (Bessel-corrected, as torch.std in TRL and verl)
  scale "batch": / (std(r) + EPS)     std over all G*n rewards (TRL's scale_rewards="batch")
  scale "none":  no division          (Dr. GRPO)
A group whose rewards are all equal has A = 0 for every rollout under every scaling: it carries no
signal. EPS = 1e-6 is verl's epsilon (TRL uses 1e-4); it only matters for near-zero stds.
"""
from __future__ import annotations

import torch

EPS = 1e-6
SCALES = ("group", "batch", "none")


def group_advantages(rewards: torch.Tensor, scale: str) -> torch.Tensor:
    """rewards [G, n] float with n >= 2 -> advantages [G, n] in the same dtype."""
    centred = rewards - rewards.mean(dim=1, keepdim=True)
    if scale == "group":
        return centred / (rewards.std(dim=1, keepdim=True) + EPS)
    if scale == "batch":
        return centred / (rewards.std() + EPS)
    if scale == "none":
        return centred
    raise ValueError(f"unknown scale {scale!r}; known: {', '.join(SCALES)}")


def zero_variance_share(rewards: torch.Tensor) -> float:
    """Share of groups whose n rewards are all equal (no learning signal from them)."""
    return float((rewards.max(dim=1).values == rewards.min(dim=1).values).double().mean())
