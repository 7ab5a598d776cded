"""Rollouts as padded micro-batches with per-token advantages, loss weights and reference log-probs.

A rollout's loss tokens are its response tokens (the stop token included when it stopped). The hidden
state at position j-1 predicts token j, as in train/micro_batches.py. Rollouts are ordered by length
(longest first, stable) before cutting micro-batches of `micro`; weights come from aggregation.py and
are global, so the summed gradient does not depend on `micro`.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass
class Rollout:
    ids: list[int]          # prompt + response token ids
    n_prompt: int
    advantage: float
    weights: torch.Tensor   # [len(ids) - n_prompt] float64 loss weights
    ref_logp: torch.Tensor | None = None  # [len(ids) - n_prompt], filled when a reference is used

    @property
    def n_response(self) -> int:
        return len(self.ids) - self.n_prompt


def collate(rollouts: list[Rollout], pad_id: int) -> dict[str, torch.Tensor]:
    width = max(len(r.ids) for r in rollouts)
    input_ids = torch.full((len(rollouts), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rollouts), width), dtype=torch.long)
    positions, targets, adv, weights, ref = [], [], [], [], []
    for i, r in enumerate(rollouts):
        n = len(r.ids)
        input_ids[i, :n] = torch.tensor(r.ids, dtype=torch.long)
        mask[i, :n] = 1
        positions.append(torch.arange(i * width + r.n_prompt - 1, i * width + n - 1))
        targets.append(input_ids[i, r.n_prompt : n])
        adv.append(torch.full((r.n_response,), r.advantage, dtype=torch.float32))
        weights.append(r.weights.float())
        if r.ref_logp is not None:
            ref.append(r.ref_logp.float())
    return {
        "input_ids": input_ids, "attention_mask": mask, "positions": torch.cat(positions), "targets": torch.cat(targets),
        "advantages": torch.cat(adv), "weights": torch.cat(weights), "ref_logp": torch.cat(ref) if ref else None,
    }


def micro_batches(rollouts: list[Rollout], micro: int) -> list[list[Rollout]]:
    ordered = sorted(rollouts, key=lambda r: -len(r.ids))
    return [ordered[i : i + micro] for i in range(0, len(ordered), micro)]


def split_tokens(values: torch.Tensor, rollouts: list[Rollout]) -> list[torch.Tensor]:
    """A flat per-token tensor of a collated micro-batch back into one tensor per rollout."""
    return list(values.split([r.n_response for r in rollouts]))
