"""GRPO's numeric core against independent float64 computations written from the definitions:
advantages, KL estimators and clamps, the clipped surrogate and clip flags, the three loss
aggregations on a fixed batch (zero-variance group, masked truncated rollout), entropy at the
rollout temperature, and gradients equal under 1xB and Bx1 micro-batching."""
from __future__ import annotations

import math
import statistics

import pytest
import torch
from transformers import AutoModelForCausalLM

from conftest import build_tiny_model
from oxa_engine.rl.advantages import EPS, group_advantages, zero_variance_share
from oxa_engine.rl.aggregation import token_weights
from oxa_engine.rl.batches import Rollout
from oxa_engine.rl.kl import kl_estimate
from oxa_engine.rl.policy import PolicyModel, token_logp_entropy
from oxa_engine.rl.policy_loss import token_losses
from oxa_engine.rl.update import accumulate_gradients

REWARDS = [[1.0, 0.0, 0.0, 1.0], [1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 1.0]]


def test_advantages_match_definitions():
    r = torch.tensor(REWARDS, dtype=torch.float64)
    flat = [x for g in REWARDS for x in g]
    for scale in ("group", "batch", "none"):
        got = group_advantages(r, scale)
        for gi, g in enumerate(REWARDS):
            m = sum(g) / len(g)
            d = {"group": statistics.stdev(g) + EPS, "batch": statistics.stdev(flat) + EPS, "none": 1.0}[scale]
            for k, x in enumerate(g):
                assert got[gi, k].item() == pytest.approx((x - m) / d, abs=1e-12)
    assert torch.equal(group_advantages(r, "group")[1], torch.zeros(4, dtype=torch.float64))  # zero-variance group
    assert zero_variance_share(r) == pytest.approx(1 / 3)


def test_kl_estimators_and_clamps():
    logp = torch.tensor([-1.0, -2.5, -0.1, -30.0, -0.5], dtype=torch.float64)
    ref = torch.tensor([-1.3, -2.0, -0.1, -3.0, -28.0], dtype=torch.float64)
    k1, k2, k3 = (kl_estimate(logp, ref, e) for e in ("k1", "k2", "k3"))
    for i in range(5):
        d = logp[i].item() - ref[i].item()
        assert k1[i].item() == pytest.approx(d, abs=1e-12)
        assert k2[i].item() == pytest.approx(d * d / 2, abs=1e-12)
        x = min(20.0, max(-20.0, -d))
        assert k3[i].item() == pytest.approx(min(10.0, max(-10.0, math.exp(x) - x - 1)), abs=1e-9)
    assert k3[2].item() == 0.0  # same log-prob: no divergence
    assert k3[3].item() == 10.0  # ref - logp = 27: exponent clamped to 20, e^20 - 21 clamped to 10
    assert k3[4].item() == 10.0  # ref - logp = -27.5: exponent -20, e^-20 + 19 clamped to 10
    assert 0 < k3[0].item() < 10 and 0 < k3[1].item() < 10


def _surrogate(lp, old, a, el, eh):
    ratio = math.exp(max(-20, min(20, lp - old)))
    return max(-a * ratio, -a * min(max(ratio, 1 - el), 1 + eh)), ratio


def test_clipped_surrogate_and_clip_flags():
    old = [-1.0] * 6
    # ratios 1.5 (A>0: clipped high), 0.5 (A<0: clipped low), 1.5 with A<0 and 0.5 with A>0 (not
    # clipped: the unclipped term is the larger loss), 1.1 (inside), 1.3 with eps_high 0.28 (inside)
    ratios = [1.5, 0.5, 1.5, 0.5, 1.1, 1.25]
    adv = [0.7, -0.4, -0.9, 1.2, 0.3, 2.0]
    lp = [o + math.log(r) for o, r in zip(old, ratios)]
    t = lambda v: torch.tensor(v, dtype=torch.float64)
    loss, kl, low, high = token_losses(t(lp), t(old), t(adv), eps_low=0.2, eps_high=0.28)
    assert kl is None
    for i in range(6):
        want, ratio = _surrogate(lp[i], old[i], adv[i], 0.2, 0.28)
        assert loss[i].item() == pytest.approx(want, abs=1e-12)
        assert bool(low[i]) == (ratio < 0.8 and adv[i] < 0)
        assert bool(high[i]) == (ratio > 1.28 and adv[i] > 0)
    assert low.tolist() == [False, True, False, False, False, False]
    assert high.tolist() == [True, False, False, False, False, False]
    assert loss[0].item() == pytest.approx(-0.7 * 1.28) and loss[2].item() == pytest.approx(0.9 * 1.5)
    ref = [-1.2, -0.9, -1.0, -3.0, -0.2, -1.0]
    loss2, kl2, _, _ = token_losses(t(lp), t(old), t(adv), eps_low=0.2, eps_high=0.28, kl_coef=0.05, ref_logp=t(ref), estimator="k3")
    for i in range(6):
        x = ref[i] - lp[i]
        assert loss2[i].item() == pytest.approx(_surrogate(lp[i], old[i], adv[i], 0.2, 0.28)[0] + 0.05 * (math.exp(x) - x - 1), abs=1e-12)


# A fixed batch: 2 prompts x 3 rollouts; group 1 has rewards all 1 (zero variance); rollout 5 was
# truncated and is masked (overlong "mask"). Token log-probs are set by hand.
LENGTHS = [3, 1, 2, 4, 2, 5]
GROUP_REWARDS = [[1.0, 0.0, 1.0], [1.0, 1.0, 1.0]]
USED = [True, True, True, True, True, False]
MAX_LEN = 6


def _batch_reference(mode: str) -> float:
    gen = torch.Generator().manual_seed(3)
    lp = [(-torch.rand(n, generator=gen, dtype=torch.float64) * 3).tolist() for n in LENGTHS]
    old = [[x + 0.3 * ((j % 3) - 1) for j, x in enumerate(s)] for s in lp]  # ratios e^0.3, 1, e^-0.3
    ref = [[x - 0.2 for x in s] for s in lp]
    # independent: advantages, per-token loss and aggregation straight from the definitions
    adv = []
    for g in GROUP_REWARDS:
        m, sd = sum(g) / 3, statistics.stdev(g)
        adv += [(x - m) / (sd + 1e-6) for x in g]
    per_seq = []
    for s in range(6):
        toks = []
        for j in range(LENGTHS[s]):
            sur, _ = _surrogate(lp[s][j], old[s][j], adv[s], 0.2, 0.2)
            x = ref[s][j] - lp[s][j]
            toks.append(sur + 0.01 * (math.exp(x) - x - 1))
        per_seq.append(toks)
    used = [t for t, u in zip(per_seq, USED) if u]
    if mode == "token-mean":
        want = sum(map(sum, used)) / sum(map(len, used))
    elif mode == "seq-mean-token-mean":
        want = sum(sum(t) / len(t) for t in used) / len(used)
    else:
        want = sum(sum(t) / MAX_LEN for t in used) / len(used)
    # the engine's path
    a = group_advantages(torch.tensor(GROUP_REWARDS, dtype=torch.float64), "group").flatten()
    w = token_weights(LENGTHS, USED, mode, MAX_LEN)
    got = 0.0
    for s in range(6):
        t = lambda v: torch.tensor(v, dtype=torch.float64)
        loss, _, _, _ = token_losses(t(lp[s]), t(old[s]), torch.full((LENGTHS[s],), a[s].item(), dtype=torch.float64), eps_low=0.2, eps_high=0.2, kl_coef=0.01, ref_logp=t(ref[s]), estimator="k3")
        got += (w[s] * loss).sum().item()
    return got, want


@pytest.mark.parametrize("mode", ["token-mean", "seq-mean-token-mean", "seq-mean-token-sum-norm"])
def test_fixed_batch_loss_per_aggregation(mode):
    got, want = _batch_reference(mode)
    assert got == pytest.approx(want, abs=1e-12)


def test_aggregations_differ_and_masked_weights_are_zero():
    vals = {m: _batch_reference(m)[1] for m in ("token-mean", "seq-mean-token-mean", "seq-mean-token-sum-norm")}
    assert len({round(v, 9) for v in vals.values()}) == 3
    w = token_weights(LENGTHS, USED, "token-mean", MAX_LEN)
    assert w[5].abs().sum() == 0 and sum(x.sum().item() for x in w) == pytest.approx(1.0)


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    root = tmp_path_factory.mktemp("rl-models")
    return build_tiny_model(root / "policy"), build_tiny_model(root / "ref", seed=1)


def _rollouts(vocab: int, with_ref: bool, ref_lm=None, temperature=0.85):
    gen = torch.Generator().manual_seed(0)
    lens = [(3, 5), (4, 2), (2, 7), (5, 1), (3, 3)]
    advs = [0.9, -1.1, 0.4, -0.2, 0.0]
    n_resp = [r for _, r in lens]
    w = token_weights(n_resp, [True] * 5, "seq-mean-token-mean", 8)
    out = []
    for (p, r), a, ws in zip(lens, advs, w):
        ids = torch.randint(1, vocab, (p + r,), generator=gen).tolist()
        out.append(Rollout(ids=ids, n_prompt=p, advantage=a, weights=ws))
    return out


def test_entropy_and_logp_at_rollout_temperature(models):
    lm = AutoModelForCausalLM.from_pretrained(models[0], local_files_only=True)
    lm64 = AutoModelForCausalLM.from_pretrained(models[0], local_files_only=True, dtype=torch.float64)
    ids = torch.tensor([[5, 9, 33, 70, 2, 11]])
    positions, targets = torch.arange(2, 5), ids[0, 3:6]
    logp, ent = token_logp_entropy(lm, ids, torch.ones_like(ids), positions, targets, 0.7)
    z = lm64(ids).logits[0, 2:5] / 0.7
    p = torch.softmax(z, -1)
    want_ent = [-(p[i] * p[i].log()).sum().item() for i in range(3)]
    want_lp = [math.log(p[i, targets[i]].item()) for i in range(3)]
    assert ent.tolist() == pytest.approx(want_ent, rel=1e-5)
    assert logp.tolist() == pytest.approx(want_lp, rel=1e-5)
    _, ent1 = token_logp_entropy(lm, ids, torch.ones_like(ids), positions, targets, 1.0)
    assert not torch.allclose(ent, ent1)  # the temperature is applied


def _grads(model):
    return {n: p.grad.detach().clone() for n, p in model.named_parameters() if p.grad is not None}


def test_gradients_equal_under_micro_batching_and_match_float64(models):
    temperature, coef = 0.85, 0.05
    ref_lm = AutoModelForCausalLM.from_pretrained(models[1], local_files_only=True)
    grads, losses = [], []
    for micro in (5, 1):
        lm = AutoModelForCausalLM.from_pretrained(models[0], local_files_only=True)
        model = PolicyModel(lm, temperature=temperature, eps_low=0.2, eps_high=0.2, kl_coef=coef, estimator="k3")
        ro = _rollouts(lm.config.vocab_size, True)
        stats = accumulate_gradients(model, ref_lm, ro, micro, pad_id=0)
        grads.append(_grads(model.lm))
        losses.append(stats["loss"])
    # independent float64: each rollout alone, no padding, loss from the definitions
    lm64 = AutoModelForCausalLM.from_pretrained(models[0], local_files_only=True, dtype=torch.float64)
    ref64 = AutoModelForCausalLM.from_pretrained(models[1], local_files_only=True, dtype=torch.float64)
    total = torch.zeros((), dtype=torch.float64)
    ro = _rollouts(lm64.config.vocab_size, True)
    for r in ro:
        ids = torch.tensor([r.ids])
        lp = torch.log_softmax(lm64(ids).logits[0] / temperature, -1)[r.n_prompt - 1 : -1].gather(1, ids[0, r.n_prompt :, None]).squeeze(1)
        with torch.no_grad():
            rlp = torch.log_softmax(ref64(ids).logits[0] / temperature, -1)[r.n_prompt - 1 : -1].gather(1, ids[0, r.n_prompt :, None]).squeeze(1)
        ratio = torch.exp(lp - lp.detach())
        sur = torch.maximum(-r.advantage * ratio, -r.advantage * ratio.clamp(0.8, 1.2))
        x = (rlp - lp).clamp(-20, 20)  # verl's clamps are part of the definition
        tok = sur + coef * (torch.exp(x) - x - 1).clamp(-10, 10)
        total = total + tok.mean() / len(ro)  # seq-mean-token-mean
    total.backward()
    want = {n: p.grad for n, p in lm64.named_parameters() if p.grad is not None}
    assert losses[0] == pytest.approx(total.item(), rel=1e-5) and losses[1] == pytest.approx(total.item(), rel=1e-5)
    for g in grads:
        assert g.keys() == want.keys()
        num = sum(float((g[k].double() - want[k]).norm() ** 2) for k in g) ** 0.5
        den = sum(float(want[k].norm() ** 2) for k in g) ** 0.5
        assert num / den < 1e-4, num / den
    num = sum(float((grads[0][k] - grads[1][k]).double().norm() ** 2) for k in want) ** 0.5
    assert num / den < 1e-5
