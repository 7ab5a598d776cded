"""The causal LM wrapped with the GRPO loss, so one forward call gives the loss and its statistics.

Log-probs and entropy are taken on logits / temperature (the rollout temperature), as verl does, so
the policy being optimised is the distribution the rollouts were drawn from. One optimiser update
per step means the sampling policy is the current one: old_logp is logp detached (ratio 1 in value,
its gradient that of the plain policy gradient), as in TRL's GRPOTrainer with num_iterations=1.

Full logits of a micro-batch are materialised (fine for the small models this job is for; the verl
route is the one for large vocabularies at long lengths).
"""
from __future__ import annotations

import torch

from .policy_loss import token_losses

# statistics summed over a micro-batch's response tokens, in this order
STATS = ("loss", "entropy", "kl", "low_clipped", "high_clipped", "tokens")


def token_logp_entropy(lm, input_ids, attention_mask, positions, targets, temperature: float):
    logits = lm(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).logits
    z = logits.reshape(-1, logits.shape[-1]).index_select(0, positions).float() / temperature
    logp_all = torch.log_softmax(z, dim=-1)
    logp = logp_all.gather(1, targets[:, None]).squeeze(1)
    entropy = -(logp_all.exp() * logp_all).sum(-1)
    return logp, entropy


class PolicyModel(torch.nn.Module):
    def __init__(self, lm: torch.nn.Module, *, temperature: float, eps_low: float, eps_high: float, kl_coef: float, estimator: str):
        super().__init__()
        self.lm = lm
        self.cfg = dict(eps_low=eps_low, eps_high=eps_high, kl_coef=kl_coef, estimator=estimator)
        self.temperature = temperature

    def forward(self, input_ids, attention_mask, positions, targets, advantages, weights, ref_logp=None):
        logp, entropy = token_logp_entropy(self.lm, input_ids, attention_mask, positions, targets, self.temperature)
        loss_t, kl_t, low, high = token_losses(logp, logp.detach(), advantages, ref_logp=ref_logp, **self.cfg)
        loss = (weights * loss_t).sum()
        stats = torch.stack([
            loss.detach(), entropy.detach().sum(), kl_t.detach().sum() if kl_t is not None else torch.zeros(()),
            low.sum().float(), high.sum().float(), torch.tensor(float(len(targets))),
        ])
        return loss, stats


@torch.no_grad()
def reference_logp(ref_lm, batch: dict, temperature: float) -> torch.Tensor:
    logp, _ = token_logp_entropy(ref_lm, batch["input_ids"], batch["attention_mask"], batch["positions"], batch["targets"], temperature)
    return logp
