"""Rollouts: n samples per prompt through generate's batched sampling loop, reproducible per
(seed, step, prompt id, sample index) — each sample's generator is seeded from those four alone, so
the sampling RNG state of any step is a function of the step number, and a resumed run draws exactly
what an uninterrupted one would have drawn."""
from __future__ import annotations

from dataclasses import dataclass

import torch

from ..jobs.generate import Sample, decode_batch, sample_seed


@dataclass
class Drawn:
    id: str
    sample: int
    prompt: list[int]
    tokens: list[int]  # the response, the stop token appended when it stopped
    text: str
    truncated: bool


def draw(lm, tok, prompt_ids: dict[str, list[int]], ids: list[str], n: int, *, step_key: str, seed: int, sampling: dict, batch_size: int, stops: list[int], pad_id: int) -> list[Drawn]:
    samples = [Sample(pid, k, prompt_ids[pid], torch.Generator().manual_seed(sample_seed(seed, f"{step_key}\x00{pid}", k))) for pid in ids for k in range(n)]
    ordered = sorted(samples, key=lambda s: -len(s.prompt))
    was_training = lm.training
    lm.eval()
    for i in range(0, len(ordered), batch_size):
        decode_batch(lm, ordered[i : i + batch_size], pad_id=pad_id, stops=set(stops), spec=sampling)
    lm.train(was_training)
    # the sampled stop token is not recorded by the loop; the first stop id (the tokenizer's EOS) stands for it
    return [
        Drawn(s.id, s.sample, s.prompt, s.tokens + ([stops[0]] if s.finish == "stop" else []), tok.decode(s.tokens, skip_special_tokens=False), s.finish == "length")
        for s in samples
    ]
