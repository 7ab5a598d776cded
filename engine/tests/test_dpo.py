"""The DPO path on tiny real models: reference log-probs from the scoring path equal the policy's
own at step 0; loss, gradient and every logged statistic equal an independent float64 computation
for each loss type and for any micro-batch split; the job gives the same steps however the batch
is split and after a resume; bad inputs fail before training. (TRL's own DPOTrainer: test_dpo_trl.py.)"""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from conftest import build_tiny_model, spec_for
from dpo_helpers import OneProcess, make_pairs, plain_dpo, plain_ids, rel_close, write_jsonl, write_schedule
from oxa_engine.dpo.encode import PairEncoder
from oxa_engine.dpo.model import SequenceLogps
from oxa_engine.dpo.step import dpo_step, micro_batches, policy_logps
from oxa_engine.jobs import dpo_reference

HERE = Path(__file__).parent
PLAIN = {"apply_template": False, "system_prompt": None}
METRICS = ("rewards/chosen", "rewards/rejected", "rewards/accuracies", "rewards/margins", "logps/chosen", "logps/rejected")


@pytest.fixture(scope="module")
def ref_model(tmp_path_factory) -> Path:
    """A second tiny model with the same tokenizer and other weights, so policy != reference."""
    return build_tiny_model(tmp_path_factory.mktemp("models") / "ref", seed=7)


def reference_file(model: Path, pairs: Path, out: Path, chat=PLAIN) -> list[dict]:
    dpo_reference.run(spec_for("dpo-reference", model=str(model), pairs=str(pairs), output=str(out), device="cpu", chat=chat, token_budget=64))
    return [json.loads(l) for l in out.read_text().splitlines()]


def run_dpo(tmp: Path, **spec) -> tuple[int, list[dict]]:
    spec_path = tmp / f"spec-{len(list(tmp.glob('spec-*')))}.json"
    spec_path.write_text(json.dumps({"device": "cpu", "chat": PLAIN, "save_each_epoch": False, **spec}))
    env = {**os.environ, "PYTHONPATH": str(HERE.parent), "OMP_NUM_THREADS": "1"}
    r = subprocess.run([sys.executable, "-m", "oxa_engine", "dpo", "--spec", str(spec_path)], env=env, capture_output=True, text=True, timeout=300)
    events = [json.loads(l) for l in r.stdout.splitlines() if l.startswith("{")]
    assert events, r.stderr[-2000:]
    return r.returncode, events


def metrics(out: Path) -> list[dict]:
    return [json.loads(l) for l in (out / "metrics.jsonl").read_text().splitlines()]


def test_the_pairs_cover_step_and_outcome_shapes():
    pairs = make_pairs()
    assert {p["kind"] for p in pairs} == {"step", "outcome"}
    assert any(p["prefix"] for p in pairs) and any(not p["prefix"] and p["kind"] == "step" for p in pairs)
    assert all(p["rejected"] and p["chosen"] for p in pairs)


@pytest.mark.parametrize("chat", [PLAIN, {"apply_template": True, "system_prompt": None}])
def test_reference_logps_equal_the_policys_own_at_step_zero(tiny_model, tmp_path, chat):
    pairs = make_pairs()
    path = write_jsonl(tmp_path / "pairs.jsonl", pairs)
    ref = {r["id"]: r for r in reference_file(tiny_model, path, tmp_path / "ref.jsonl", chat)}
    assert list(ref) == [p["id"] for p in pairs]
    tok = AutoTokenizer.from_pretrained(tiny_model, local_files_only=True)
    lm = AutoModelForCausalLM.from_pretrained(tiny_model, local_files_only=True, dtype=torch.float32)
    lm.train()  # the state the dpo job computes them in
    model = SequenceLogps(lm)
    encode = PairEncoder(tok, chat, True)
    items = [(*encode(p), p) for p in pairs]
    for group in micro_batches(items, 3):
        pc, pr, _ = policy_logps(model, group, tok.pad_token_id or 0, torch.device("cpu"))
        for (c, r, p), a, b in zip(group, pc.tolist(), pr.tolist()):
            assert (c.n_scored, r.n_scored) == (ref[p["id"]]["chosen_tokens"], ref[p["id"]]["rejected_tokens"])
            assert a == pytest.approx(ref[p["id"]]["chosen_logp"], rel=1e-5, abs=1e-5)
            assert b == pytest.approx(ref[p["id"]]["rejected_logp"], rel=1e-5, abs=1e-5)
    # EOS: on every chosen side, on a rejected side only for outcome pairs
    for c, r, p in items:
        assert c.ids[-1] == tok.eos_token_id and (r.ids[-1] == tok.eos_token_id) == p["rejected_eos"]


def test_reference_file_equals_an_independent_computation(ref_model, tmp_path):
    pairs = make_pairs()
    ref = reference_file(ref_model, write_jsonl(tmp_path / "pairs.jsonl", pairs), tmp_path / "ref.jsonl")
    tok = AutoTokenizer.from_pretrained(ref_model, local_files_only=True)
    lm = AutoModelForCausalLM.from_pretrained(ref_model, local_files_only=True, dtype=torch.float64)
    from dpo_helpers import plain_logp

    with torch.no_grad():
        for p, r in zip(pairs, ref):
            for side in ("chosen", "rejected"):
                want, n = plain_logp(lm, *plain_ids(tok, p, side))
                assert r[f"{side}_tokens"] == n
                assert r[f"{side}_logp"] == pytest.approx(want.item(), rel=1e-5)


@pytest.mark.parametrize("loss_type,ls", [("sigmoid", 0.0), ("ipo", 0.0), ("robust", 0.0), ("robust", 0.2)])
@pytest.mark.parametrize("micro", [1, 3, 8])
def test_loss_gradient_and_metrics_equal_an_independent_float64_computation(tiny_model, ref_model, loss_type, ls, micro):
    beta = 0.1 if loss_type != "ipo" else 0.5
    pairs = make_pairs()
    tok = AutoTokenizer.from_pretrained(tiny_model, local_files_only=True)
    load = lambda d: AutoModelForCausalLM.from_pretrained(d, local_files_only=True, dtype=torch.float64)
    policy, reference = load(tiny_model), load(ref_model)
    want_loss, want = plain_dpo(policy, reference, tok, pairs, loss_type, beta, ls)
    want_loss.backward()
    want_grads = {n: p.grad.clone() for n, p in policy.named_parameters()}

    ours = load(tiny_model)
    encode = PairEncoder(tok, PLAIN, True)
    refs = [{"chosen_logp": rc, "rejected_logp": rr} for rc, rr in want["ref"]]
    items = [(*encode(p), r) for p, r in zip(pairs, refs)]
    for (c, r, _), p in zip(items, pairs):  # the engine's sequences are the definition's
        assert (c.ids, c.start) == plain_ids(tok, p, "chosen") and (r.ids, r.start) == plain_ids(tok, p, "rejected")
    model = SequenceLogps(ours)
    opts = {"micro_batch_size": micro, "loss_type": loss_type, "beta": beta, "label_smoothing": ls}
    stats, _ = dpo_step(OneProcess(len(micro_batches(items, micro))), model, items, len(items), opts, tok.pad_token_id or 0)
    assert stats["loss"] == pytest.approx(want_loss.item(), rel=1e-10)
    for k in METRICS:
        assert rel_close(stats[k], want[k], 1e-10), (k, stats[k], want[k])
    assert 0 < want["rewards/accuracies"] < 1  # both outcomes occur, so the statistic is tested
    for n, p in ours.named_parameters():
        assert torch.allclose(p.grad, want_grads[n], rtol=1e-8, atol=1e-14), n
    assert sum(g.abs().sum() for g in want_grads.values()) > 0


def test_known_values_of_the_losses():
    from oxa_engine.dpo.losses import pair_losses

    t = lambda *v: torch.tensor(v, dtype=torch.float64)
    pc, pr, rc, rr, nc, nr = t(-3.0), t(-5.0), t(-4.0), t(-4.5), t(4.0), t(2.0)
    d = (-3 + 4) - (-5 + 4.5)  # 1.5
    assert pair_losses(pc, pr, rc, rr, nc, nr, "sigmoid", 0.1, 0).item() == pytest.approx(math.log1p(math.exp(-0.15)))
    assert pair_losses(pc, pr, rc, rr, nc, nr, "ipo", 0.1, 0).item() == pytest.approx((1 / 4 - (-0.5) / 2 - 5) ** 2)
    robust = ((0.9) * math.log1p(math.exp(-0.15)) - 0.1 * math.log1p(math.exp(0.15))) / 0.8
    assert pair_losses(pc, pr, rc, rr, nc, nr, "robust", 0.1, 0.1).item() == pytest.approx(robust)
    assert d == 1.5


@pytest.fixture(scope="module")
def job_data(tmp_path_factory, ref_model):
    d = tmp_path_factory.mktemp("dpo-job")
    pairs = write_jsonl(d / "pairs.jsonl", make_pairs())
    reference_file(ref_model, pairs, d / "ref.jsonl")
    # two epochs of two batches of 4 pairs
    write_schedule(d / "schedule.json", pairs, [[0, 1, 2, 3], [4, 5, 6, 7], [7, 2, 5, 0], [1, 6, 3, 4]], [0, 0, 1, 1])
    return d


def test_the_job_is_exact_under_any_micro_batch_split(tiny_model, job_data, tmp_path):
    common = dict(model=str(tiny_model), schedule=str(job_data / "schedule.json"), reference=str(job_data / "ref.jsonl"), lr=1e-3, stop_after=2)
    for micro in (1, 4):
        rc, events = run_dpo(tmp_path, out=str(tmp_path / f"m{micro}"), micro_batch_size=micro, **common)
        assert rc == 0, events[-1]
    a, b = metrics(tmp_path / "m1"), metrics(tmp_path / "m4")
    assert len(a) == 2
    for x, y in zip(a, b):
        for k in ("loss", "grad_norm", *METRICS):
            assert x[k] == pytest.approx(y[k], rel=1e-5, abs=1e-7), (x["step"], k)
    assert a[1]["rewards/margins"] != a[0]["rewards/margins"]  # the first update moved the policy


def test_the_job_gives_the_same_steps_on_two_processes(tiny_model, job_data, tmp_path):
    common = dict(model=str(tiny_model), schedule=str(job_data / "schedule.json"), reference=str(job_data / "ref.jsonl"), lr=1e-3, stop_after=2, device="cpu", chat=PLAIN, save_each_epoch=False)
    assert run_dpo(tmp_path, out=str(tmp_path / "one"), micro_batch_size=4, **{k: v for k, v in common.items() if k not in ("device", "chat", "save_each_epoch")})[0] == 0
    spec = tmp_path / "two.spec.json"
    spec.write_text(json.dumps({**common, "out": str(tmp_path / "two"), "micro_batch_size": 1}))
    accelerate = Path(sys.executable).with_name("accelerate")
    env = {**os.environ, "PYTHONPATH": str(HERE.parent), "OMP_NUM_THREADS": "1"}
    cmd = [str(accelerate), "launch", "--multi_gpu", "--num_processes", "2", "--num_machines", "1", "--mixed_precision", "no", "--dynamo_backend", "no",
           "-m", "oxa_engine", "dpo", "--spec", str(spec)]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, cwd=HERE.parent)
    assert r.returncode == 0, r.stderr[-3000:]
    assert json.loads(r.stdout.strip().splitlines()[-1])["result"]["processes"] == 2
    for x, y in zip(metrics(tmp_path / "one"), metrics(tmp_path / "two"), strict=True):
        for k in ("loss", "grad_norm", "tokens", *METRICS):
            assert x[k] == pytest.approx(y[k], rel=1e-5, abs=1e-7), (x["step"], k)


def test_resume_reproduces_an_uninterrupted_run(tiny_model, job_data, tmp_path):
    common = dict(model=str(tiny_model), schedule=str(job_data / "schedule.json"), reference=str(job_data / "ref.jsonl"), lr=1e-3, micro_batch_size=2)
    assert run_dpo(tmp_path, out=str(tmp_path / "full"), **common)[0] == 0
    assert run_dpo(tmp_path, out=str(tmp_path / "split"), stop_after=2, **common)[0] == 0
    rc, events = run_dpo(tmp_path, out=str(tmp_path / "split"), resume=True, **common)
    assert rc == 0 and events[-1]["result"]["resumed_from"] == 2
    full, split = metrics(tmp_path / "full"), metrics(tmp_path / "split")
    assert [m["step"] for m in split] == [1, 2, 3, 4] and [m["epoch"] for m in split] == [0, 0, 1, 1]
    for x, y in zip(full, split):
        for k in ("loss", "lr", "grad_norm", *METRICS):
            assert x[k] == pytest.approx(y[k], rel=1e-6, abs=1e-9), (x["step"], k)
    a = AutoModelForCausalLM.from_pretrained(tmp_path / "full" / "model", local_files_only=True)
    b = AutoModelForCausalLM.from_pretrained(tmp_path / "split" / "model", local_files_only=True)
    for (n, p), (_, q) in zip(a.named_parameters(), b.named_parameters()):
        assert torch.allclose(p, q, rtol=1e-5, atol=1e-7), n
    # the warm-up (10 % of 4 steps = 1 step) starts the learning rate at 0, then the cosine decay
    assert [m["lr"] for m in full] == pytest.approx([0.0, 1e-3, 1e-3 * 0.5 * (1 + math.cos(math.pi / 3)), 1e-3 * 0.5 * (1 + math.cos(2 * math.pi / 3))])


def test_reference_equal_to_the_policy_gives_zero_rewards_and_log_2(tiny_model, tmp_path):
    pairs = write_jsonl(tmp_path / "pairs.jsonl", make_pairs())
    reference_file(tiny_model, pairs, tmp_path / "ref.jsonl")
    write_schedule(tmp_path / "s.json", pairs, [list(range(8))])
    rc, events = run_dpo(tmp_path, out=str(tmp_path / "o"), model=str(tiny_model), schedule=str(tmp_path / "s.json"), reference=str(tmp_path / "ref.jsonl"), micro_batch_size=3)
    assert rc == 0, events[-1]
    (m,) = metrics(tmp_path / "o")
    assert m["loss"] == pytest.approx(math.log(2), abs=1e-6)
    for k in ("rewards/chosen", "rewards/rejected", "rewards/margins"):
        assert abs(m[k]) < 1e-6, k
    assert m["logps/chosen"] < 0 and m["logps/rejected"] < 0  # (accuracies compare float noise here: not checked)


def test_clear_errors_before_training(tiny_model, job_data, tmp_path):
    common = dict(model=str(tiny_model), schedule=str(job_data / "schedule.json"))
    rc, events = run_dpo(tmp_path, out=str(tmp_path / "e1"), reference=str(job_data / "ref.jsonl"), label_smoothing=0.1, **common)
    assert rc == 1 and "label_smoothing 0.1 has no effect on the sigmoid loss" in events[-1]["message"]
    rows = [json.loads(l) for l in (job_data / "ref.jsonl").read_text().splitlines()]
    write_jsonl(tmp_path / "short.jsonl", rows[:-1])
    rc, events = run_dpo(tmp_path, out=str(tmp_path / "e2"), reference=str(tmp_path / "short.jsonl"), **common)
    assert rc == 1 and "no reference log-probs for pair 'p7'" in events[-1]["message"]
    rows[3]["chosen_tokens"] += 1
    write_jsonl(tmp_path / "other.jsonl", rows)
    rc, events = run_dpo(tmp_path, out=str(tmp_path / "e3"), reference=str(tmp_path / "other.jsonl"), **common)
    assert rc == 1 and "pair 'p3' was scored with" in events[-1]["message"]
    bad = make_pairs()
    bad[2]["rejected"] = ""
    write_jsonl(tmp_path / "badpairs.jsonl", bad)
    write_schedule(tmp_path / "bad.json", tmp_path / "badpairs.jsonl", [[0, 1, 2, 3]])
    rc, events = run_dpo(tmp_path, out=str(tmp_path / "e4"), model=str(tiny_model), schedule=str(tmp_path / "bad.json"), reference=str(job_data / "ref.jsonl"))
    assert rc == 1 and "badpairs.jsonl, line 3, field \"rejected\": empty" in events[-1]["message"]
    assert not (tmp_path / "e1" / "metrics.jsonl").exists()


def test_reference_job_killed_mid_file_resumes_to_the_same_file(ref_model, tmp_path):
    from job_helpers import kill_mid_file

    pairs = write_jsonl(tmp_path / "pairs.jsonl", make_pairs(24))
    whole = reference_file(ref_model, pairs, tmp_path / "whole.jsonl")
    out = tmp_path / "ref.jsonl"
    spec = tmp_path / "ref.spec.json"
    spec.write_text(json.dumps({"model": str(ref_model), "pairs": str(pairs), "output": str(out), "device": "cpu", "chat": PLAIN, "sort_window": 2, "token_budget": 64}))
    done = kill_mid_file("dpo-reference", spec, out, min_lines=4)
    assert 4 <= done < 24 and not out.exists()
    rc, events = run_engine_job("dpo-reference", spec)
    assert rc == 0 and events[-1]["result"]["resumed"] == done
    assert out.read_text() == (tmp_path / "whole.jsonl").read_text()
    assert len(whole) == 24


def run_engine_job(job: str, spec: Path) -> tuple[int, list[dict]]:
    env = {**os.environ, "PYTHONPATH": str(HERE.parent), "OMP_NUM_THREADS": "1"}
    r = subprocess.run([sys.executable, "-m", "oxa_engine", job, "--spec", str(spec)], env=env, capture_output=True, text=True, timeout=300)
    return r.returncode, [json.loads(l) for l in r.stdout.splitlines() if l.startswith("{")]
