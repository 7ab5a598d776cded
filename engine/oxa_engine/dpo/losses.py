"""The per-pair DPO losses and TRL's logged statistics, as TRL 1.16.0 defines them
(trl/trainer/dpo_trainer.py, `_compute_loss`, f_divergence_type "reverse_kl").

With summed completion log-probs pc, pr (policy) and rc, rr (reference) of the chosen and
rejected side, and delta = (pc - rc) - (pr - rr):

    sigmoid  -log sigmoid(beta * delta)                                  (label smoothing unused)
    ipo      (delta_avg - 1 / (2 beta))^2, delta_avg = (pc - rc)/n_c - (pr - rr)/n_r,
             n = completion tokens (TRL's length normalisation, confirmed with the IPO authors)
    robust   (-(1 - ls) log sigmoid(beta delta) + ls log sigmoid(-beta delta)) / (1 - 2 ls)

rewards/chosen = beta (pc - rc), rewards/rejected = beta (pr - rr) (never length-normalised),
rewards/accuracies = [chosen reward > rejected reward], rewards/margins = their difference,
logps/* = pc, pr. The step's loss and statistics are means over the pairs of the global batch.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

# The order of the per-pair statistics summed over a micro-batch (divided by the global batch later).
STATS = ("loss", "rewards/chosen", "rewards/rejected", "rewards/accuracies", "rewards/margins", "logps/chosen", "logps/rejected")


def pair_losses(pc, pr, rc, rr, n_c, n_r, loss_type: str, beta: float, label_smoothing: float) -> torch.Tensor:
    chosen_ratio, rejected_ratio = pc - rc, pr - rr
    delta = chosen_ratio - rejected_ratio
    if loss_type == "sigmoid":
        return -F.logsigmoid(beta * delta)
    if loss_type == "ipo":
        avg = chosen_ratio / n_c.clamp(min=1) - rejected_ratio / n_r.clamp(min=1)
        return (avg - 1 / (2 * beta)) ** 2
    if loss_type == "robust":
        ls = label_smoothing
        return (-(1 - ls) * F.logsigmoid(beta * delta) + ls * F.logsigmoid(-beta * delta)) / (1 - 2 * ls)
    raise ValueError(f"unknown DPO loss {loss_type!r}")


def pair_stats(losses, pc, pr, rc, rr, beta: float) -> torch.Tensor:
    """Sums over the pairs of each statistic in STATS order (detached)."""
    with torch.no_grad():
        rw_c, rw_r = beta * (pc - rc), beta * (pr - rr)
        return torch.stack([losses.sum(), rw_c.sum(), rw_r.sum(), (rw_c > rw_r).to(pc.dtype).sum(), (rw_c - rw_r).sum(), pc.sum(), pr.sum()])
