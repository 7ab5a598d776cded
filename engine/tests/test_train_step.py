"""The gradient of a global batch does not depend on how it is split (micro-batches, processes),
and equals an independent float64 computation of CE + alpha*UL from the full logits."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM

from oxa_engine.chat import scored_start
from train_grad_probe import ALPHA, gradient, probe_batch

HERE = Path(__file__).parent


def rel_diff(a: dict, b: dict) -> float:
    num = sum(float((a[k] - b[k]).double().norm() ** 2) for k in a) ** 0.5
    den = sum(float(a[k].double().norm() ** 2) for k in a) ** 0.5
    assert a.keys() == b.keys()
    return num / den


def reference(model_dir: Path):
    """Loss and gradient of the whole batch at once, logits and losses in float64, no chunks."""
    lm = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float64, local_files_only=True)
    seqs = probe_batch(lm.config.vocab_size)
    n_ul = sum(s.is_ul for s in seqs)
    n_ce = len(seqs) - n_ul
    ce = ul = torch.zeros((), dtype=torch.float64)
    for s in seqs:
        ids = torch.tensor([s.ids])
        logp = torch.log_softmax(lm(ids).logits[0], -1)
        start = scored_start(s.n_prompt)
        tok_logp = logp[start - 1 : len(s.ids) - 1].gather(1, ids[0, start:, None]).squeeze(1)
        if s.is_ul:
            ul = ul + (-torch.log(1 - tok_logp.exp())).mean() / n_ul
        else:
            ce = ce + (-tok_logp).mean() / n_ce
    (ce + ALPHA * ul).backward()
    return {n: p.grad.float() for n, p in lm.named_parameters() if p.grad is not None}, ce.item(), ul.item()


def test_gradient_is_independent_of_micro_batching_and_matches_float64(tiny_model):
    ref, ce, ul = reference(tiny_model)
    grads = {}
    for micro in (1, 2, 8):  # 8x1, 4x2, 1x8 micro-batches of one global batch of 8
        grads[micro], stats = gradient(str(tiny_model), micro)
        assert abs(stats["ce_loss"] - ce) / ce < 1e-5 and abs(stats["ul_loss"] - ul) / ul < 1e-5
    assert rel_diff(grads[1], grads[2]) <= 1e-5
    assert rel_diff(grads[1], grads[8]) <= 1e-5
    assert rel_diff(ref, grads[1]) <= 1e-5


def test_gradient_is_the_same_on_two_processes(tiny_model, tmp_path):
    single, _ = gradient(str(tiny_model), 1)
    out = tmp_path / "grads.pt"
    accelerate = Path(sys.executable).with_name("accelerate")
    env = {**os.environ, "PYTHONPATH": f"{HERE.parent}{os.pathsep}{HERE}", "OMP_NUM_THREADS": "1"}
    cmd = [str(accelerate), "launch", "--multi_gpu", "--num_processes", "2", "--num_machines", "1", "--mixed_precision", "no", "--dynamo_backend", "no",
           str(HERE / "train_grad_probe.py"), str(tiny_model), "2", str(out)]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr[-3000:]
    assert rel_diff(single, torch.load(out)) <= 1e-5
