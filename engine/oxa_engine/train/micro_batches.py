"""One rank's share of a global batch, as padded micro-batches with per-token loss weights.

Rank r of W takes the contiguous slice r*B/W .. (r+1)*B/W of the global batch (B sequences); the
slice is ordered by length (stable, longest first, so padding is small) and cut into micro-batches
of `micro` sequences. Each scored token carries w_s = 1 / (K_s * n_type), where n_type counts the
sequences of its type in the whole GLOBAL batch (see losses.py) — that is what makes the gradient
independent of how the batch is split.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch

from ..chat import scored_start


@dataclass(frozen=True)
class Sequence:
    ids: list[int]
    n_prompt: int
    is_ul: bool


def rank_slice(batch: list, rank: int, world: int) -> list:
    per = len(batch) // world
    return batch[rank * per : (rank + 1) * per]


def n_micro_batches(global_batch: int, world: int, micro: int) -> int:
    return -(-(global_batch // world) // micro)


def collate(seqs: list[Sequence], n_ce: int, n_ul: int, pad_id: int) -> dict[str, torch.Tensor]:
    """Right-padded input_ids/attention_mask and the flat positions (into [b*T]) that predict each
    scored token, with their targets, weights and type."""
    width = max(len(s.ids) for s in seqs)
    input_ids = torch.full((len(seqs), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(seqs), width), dtype=torch.long)
    positions, targets, weights, is_ul = [], [], [], []
    for i, s in enumerate(seqs):
        n = len(s.ids)
        input_ids[i, :n] = torch.tensor(s.ids, dtype=torch.long)
        mask[i, :n] = 1
        start = scored_start(s.n_prompt)
        k = n - start
        # the hidden state at j-1 predicts token j
        positions.append(torch.arange(i * width + start - 1, i * width + n - 1))
        targets.append(input_ids[i, start:n])
        weights.append(torch.full((k,), 1.0 / (k * (n_ul if s.is_ul else n_ce)), dtype=torch.float64))
        is_ul.append(torch.full((k,), s.is_ul, dtype=torch.bool))
    return {
        "input_ids": input_ids,
        "attention_mask": mask,
        "positions": torch.cat(positions),
        "targets": torch.cat(targets),
        "weights": torch.cat(weights).float(),
        "is_ul": torch.cat(is_ul),
    }


def micro_batches(seqs: list[Sequence], n_ce: int, n_ul: int, micro: int, pad_id: int) -> list[dict[str, torch.Tensor]]:
    ordered = sorted(seqs, key=lambda s: -len(s.ids))
    return [collate(ordered[i : i + micro], n_ce, n_ul, pad_id) for i in range(0, len(ordered), micro)]
