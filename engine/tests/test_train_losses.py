"""The stable unlikelihood term against float64 -log(1-p), and chunked == unchunked objective."""
from __future__ import annotations

import math

import torch
from transformers import AutoModelForCausalLM

from oxa_engine.train.fused_head_loss import FusedHeadLoss
from oxa_engine.train.losses import LOG_P_MAX, chunked_objective, unlikelihood
from oxa_engine.train.micro_batches import collate
from oxa_engine.train.objective import ObjectiveModel
from train_grad_probe import probe_batch


def test_unlikelihood_matches_float64_direct_formula():
    # p from 1e-12 to 1 - 1e-9, on both sides of 1/2
    p = torch.cat([torch.logspace(-12, -0.31, 200, dtype=torch.float64), 1 - torch.logspace(-0.31, -9, 200, dtype=torch.float64)])
    direct = -torch.log1p(-p.clamp(max=1 - 1e-6))  # float64 -log(1-p) from p itself
    ours64 = unlikelihood(torch.log(p))
    assert torch.allclose(ours64, direct, rtol=1e-9, atol=0)
    # float32 log p (what the trainer feeds) stays within float32 error of the float64 value
    logp32 = torch.log(p).float()
    ref = -torch.log1p(-torch.exp(logp32.double()).clamp(max=1 - 1e-6))
    assert torch.allclose(unlikelihood(logp32).double(), ref, rtol=2e-5, atol=0)


def test_unlikelihood_is_clamped_and_its_gradient_finite():
    logp = torch.tensor([0.0, -1e-12, LOG_P_MAX, -0.5, -40.0], requires_grad=True)
    ul = unlikelihood(logp)
    assert torch.allclose(ul[:3], torch.full((3,), -math.log(1e-6)), rtol=1e-5)
    ul.sum().backward()
    assert torch.isfinite(logp.grad).all()


def test_chunked_objective_equals_unchunked_in_loss_and_gradient(tiny_model):
    lm = AutoModelForCausalLM.from_pretrained(tiny_model, dtype=torch.float32, local_files_only=True)
    seqs = probe_batch(lm.config.vocab_size)
    batch = collate(seqs, n_ce=6, n_ul=2, pad_id=0)
    results = []
    for chunk in (3, 17, 10**6):
        lm.zero_grad()
        loss, stats = ObjectiveModel(lm, 0.3, chunk)(**batch)
        loss.backward()
        results.append((loss.item(), stats, {n: p.grad.clone() for n, p in lm.named_parameters()}))
    base_loss, base_stats, base_grads = results[-1]
    for loss, stats, grads in results[:-1]:
        assert abs(loss - base_loss) <= 1e-6 * abs(base_loss)
        assert torch.allclose(stats, base_stats, rtol=1e-6)
        for n in base_grads:
            assert torch.allclose(grads[n], base_grads[n], rtol=1e-5, atol=1e-7), n


def test_fused_head_loss_equals_the_checkpointed_module_path(tiny_model):
    """The fused op (one process, DDP, ZeRO-1/2) and the per-chunk module calls (ZeRO-3, FSDP)."""
    lm = AutoModelForCausalLM.from_pretrained(tiny_model, dtype=torch.float32, local_files_only=True)
    b = collate(probe_batch(lm.config.vocab_size), n_ce=6, n_ul=2, pad_id=0)
    hidden = lm.get_decoder()(input_ids=b["input_ids"], attention_mask=b["attention_mask"]).last_hidden_state
    picked = hidden.reshape(-1, hidden.shape[-1]).index_select(0, b["positions"]).detach()
    head = lm.get_output_embeddings()
    out = []
    for fused in (True, False):
        h = picked.clone().requires_grad_(True)
        head.weight.grad = None
        args = (b["targets"], b["weights"], b["is_ul"], 0.3, 11)
        loss, stats = FusedHeadLoss.apply(h, head.weight, *args) if fused else chunked_objective(h, head, *args)
        (2.0 * loss).backward()
        out.append((loss.detach(), stats, h.grad, head.weight.grad.clone()))
    for a, c in zip(out[0], out[1]):
        assert torch.allclose(a, c, rtol=1e-5, atol=1e-8)
