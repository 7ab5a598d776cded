"""Gradient of one global batch through the trainer's own step, for the split-invariance tests.

Imported by test_train_step.py (one process) and run under `accelerate launch` by the same test
(`python train_grad_probe.py <model_dir> <micro> <out.pt>`): rank 0 saves {param name: grad}.
"""
from __future__ import annotations

import os
import random
import sys

import torch

from oxa_engine.process_group import leave_process_group
from oxa_engine.train.micro_batches import Sequence, n_micro_batches, rank_slice
from oxa_engine.train.objective import ObjectiveModel
from oxa_engine.train.step import accumulate_gradients

ALPHA = 0.5  # large, so UL's share of the gradient is visible in the comparison


def probe_batch(vocab: int, n: int = 8, n_ul: int = 2, seed: int = 0) -> list[Sequence]:
    rng = random.Random(seed)
    seqs = []
    for i in range(n):
        length = rng.randint(6, 30)
        seqs.append(Sequence(ids=[rng.randrange(vocab) for _ in range(length)], n_prompt=rng.randint(1, 4), is_ul=i % (n // n_ul) == 0))
    return seqs


def gradient(model_dir: str, micro: int, chunk: int = 7) -> tuple[dict[str, torch.Tensor], dict]:
    from accelerate import Accelerator
    from transformers import AutoModelForCausalLM

    world = int(os.environ.get("WORLD_SIZE", "1"))
    lm = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32, local_files_only=True)
    seqs = probe_batch(lm.config.vocab_size)
    acc = Accelerator(cpu=True, gradient_accumulation_steps=n_micro_batches(len(seqs), world, micro))
    model = acc.prepare(ObjectiveModel(lm, ALPHA, chunk))
    model.train()
    n_ul = sum(s.is_ul for s in seqs)
    stats, _ = accumulate_gradients(acc, model, rank_slice(seqs, acc.process_index, world), len(seqs) - n_ul, n_ul, micro, 0)
    grads = {n: p.grad.detach().clone() for n, p in acc.unwrap_model(model).lm.named_parameters() if p.grad is not None}
    return grads, stats


if __name__ == "__main__":
    grads, _ = gradient(sys.argv[1], int(sys.argv[2]))
    if int(os.environ.get("RANK", "0")) == 0:
        torch.save(grads, sys.argv[3])
    leave_process_group()
