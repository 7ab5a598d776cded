"""The train job end to end on a tiny real model, through the real entry point (one process each)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from transformers import AutoModelForCausalLM

HERE = Path(__file__).parent
LINES = [l for l in (HERE / "fixtures" / "corpus.txt").read_text().splitlines() if l.strip()]


def write_records(path: Path, n_ce: int, n_ul: int) -> None:
    with path.open("w") as f:
        for i in range(n_ce + n_ul):
            text = LINES[i % len(LINES)]
            half = max(1, len(text) // 3)
            f.write(json.dumps({"id": f"r{i}", "prompt": text[:half], "response": text[half:], "loss_type": int(i >= n_ce)}) + "\n")


def write_schedule(path: Path, records: Path, batches: list[list[int]], ul_per_batch: int, epochs=None) -> None:
    n = sum(1 for _ in records.open())
    epochs = epochs or [0] * len(batches)
    doc = {"version": 1, "records": str(records), "n_records": n, "records_sha256": "0" * 64, "global_batch": len(batches[0]), "ul_per_batch": ul_per_batch,
           "epochs": max(epochs) + 1, "seed": 0, "wrap": False, "mode": "oxa-full" if ul_per_batch else "sft", "cutoff": 512,
           "dropped": {"ce": 0, "ul": 0}, "batches": [{"epoch": epochs[i], "rows": b} for i, b in enumerate(batches)]}
    path.write_text(json.dumps(doc))


def run_train(tmp: Path, **spec) -> tuple[int, list[dict]]:
    spec_path = tmp / f"spec-{len(list(tmp.glob('spec-*')))}.json"
    spec_path.write_text(json.dumps({"device": "cpu", "micro_batch_size": 2, "save_each_epoch": False, **spec}))
    env = {**os.environ, "PYTHONPATH": str(HERE.parent), "OMP_NUM_THREADS": "1"}
    r = subprocess.run([sys.executable, "-m", "oxa_engine", "train", "--spec", str(spec_path)], env=env, capture_output=True, text=True, timeout=180)
    events = [json.loads(l) for l in r.stdout.splitlines() if l.startswith("{")]
    return r.returncode, events


def metrics(out: Path) -> list[dict]:
    return [json.loads(l) for l in (out / "metrics.jsonl").read_text().splitlines()]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    d = tmp_path_factory.mktemp("train-data")
    write_records(d / "records.jsonl", 18, 6)
    # six global batches of 8 = 6 CE + 2 UL, rows cycling through the pools
    ce, ul = list(range(18)), list(range(18, 24))
    batches = [[ce[(6 * s + j) % 18] for j in range(6)] + [ul[(2 * s + j) % 6] for j in range(2)] for s in range(6)]
    write_schedule(d / "schedule.json", d / "records.jsonl", batches, 2)
    # the same batches without their UL rows: plain SFT on the CE records
    write_schedule(d / "sft.json", d / "records.jsonl", [b[:6] for b in batches], 0)
    return d


def test_resume_reproduces_an_uninterrupted_run_and_the_model_loads(tiny_model, data, tmp_path):
    common = dict(model=str(tiny_model), schedule=str(data / "schedule.json"), lr=1e-3, alpha=0.01)
    rc, events = run_train(tmp_path, out=str(tmp_path / "full"), **common)
    assert rc == 0, events[-1]
    rc, _ = run_train(tmp_path, out=str(tmp_path / "split"), stop_after=3, **common)
    assert rc == 0
    rc, events = run_train(tmp_path, out=str(tmp_path / "split"), resume=True, **common)
    assert rc == 0 and events[-1]["result"]["resumed_from"] == 3
    full, split = metrics(tmp_path / "full"), metrics(tmp_path / "split")
    assert [m["step"] for m in split] == list(range(1, 7))
    for a, b in zip(full, split):
        for key in ("loss", "ce_loss", "ul_loss", "lr", "grad_norm", "entropy_ce", "entropy_ul"):
            assert a[key] == pytest.approx(b[key], rel=1e-6, abs=1e-9), (a["step"], key)
    streamed = [e for e in events if e["type"] == "metric"]
    assert [e["step"] for e in streamed] == [4, 5, 6]
    a = AutoModelForCausalLM.from_pretrained(tmp_path / "full" / "model", local_files_only=True)
    b = AutoModelForCausalLM.from_pretrained(tmp_path / "split" / "model", local_files_only=True)
    for (n, p), (_, q) in zip(a.named_parameters(), b.named_parameters()):
        assert torch.allclose(p, q, rtol=1e-5, atol=1e-7), n
    start = AutoModelForCausalLM.from_pretrained(tiny_model, local_files_only=True)
    assert not torch.equal(start.model.layers[0].mlp.up_proj.weight, a.model.layers[0].mlp.up_proj.weight)


def test_alpha_zero_is_plain_sft(tiny_model, data, tmp_path):
    common = dict(model=str(tiny_model), lr=1e-3, micro_batch_size=1, stop_after=2)
    assert run_train(tmp_path, out=str(tmp_path / "oxa"), schedule=str(data / "schedule.json"), alpha=0.0, **common)[0] == 0
    assert run_train(tmp_path, out=str(tmp_path / "sft"), schedule=str(data / "sft.json"), **common)[0] == 0
    oxa, sft = metrics(tmp_path / "oxa"), metrics(tmp_path / "sft")
    assert [m["ce_loss"] for m in oxa] == [m["ce_loss"] for m in sft]
    assert [m["grad_norm"] for m in oxa] == [m["grad_norm"] for m in sft]
    assert all(m["ul_loss"] > 0 for m in oxa) and all(m["ul_loss"] is None for m in sft)


def test_non_finite_loss_stops_naming_the_step_and_keeps_the_last_good_checkpoint(tiny_model, data, tmp_path):
    # an absurd learning rate overflows the weights in the first update, so step 2's loss is not finite
    rc, events = run_train(tmp_path, out=str(tmp_path / "nan"), model=str(tiny_model), schedule=str(data / "schedule.json"),
                           lr=1e30, warmup_ratio=0.0, max_grad_norm=1e30, save_every=1)
    assert rc == 1
    msg = events[-1]["message"]
    assert events[-1]["type"] == "error" and "step 2" in msg and "step-000001" in msg
    AutoModelForCausalLM.from_pretrained(tmp_path / "nan" / "checkpoints" / "step-000001", local_files_only=True)


def test_clear_errors_before_training(tiny_model, data, tmp_path):
    rc, events = run_train(tmp_path, out=str(tmp_path / "e1"), model=str(tiny_model), schedule=str(tmp_path / "missing.json"))
    assert rc == 1 and "file not found" in events[-1]["message"]
    bad = json.loads((data / "schedule.json").read_text())
    bad["ul_per_batch"] = 3
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    rc, events = run_train(tmp_path, out=str(tmp_path / "e2"), model=str(tiny_model), schedule=str(tmp_path / "bad.json"))
    assert rc == 1 and "batch 0 holds 2 UL records, expected 3" in events[-1]["message"]
    # the schedule is checked against the JSON Schema generated from src/engine/schedule-file.ts
    del bad["dropped"]
    bad["ul_per_batch"], bad["batches"][1]["rows"][0] = 2, "r1"
    (tmp_path / "malformed.json").write_text(json.dumps(bad))
    rc, events = run_train(tmp_path, out=str(tmp_path / "e3"), model=str(tiny_model), schedule=str(tmp_path / "malformed.json"))
    assert rc == 1 and "field \"batches.1.rows.0\"" in events[-1]["message"] and "is not of type 'integer'" in events[-1]["message"]
    del bad["batches"]
    (tmp_path / "malformed.json").write_text(json.dumps(bad))
    rc, events = run_train(tmp_path, out=str(tmp_path / "e4"), model=str(tiny_model), schedule=str(tmp_path / "malformed.json"))
    assert rc == 1 and "'batches' is a required property" in events[-1]["message"]
    assert not (tmp_path / "e3" / "metrics.jsonl").exists()


def test_rope_theta_and_context_overrides_reach_the_model(tiny_model):
    from oxa_engine.train.run_setup import load_model as _load_model

    lm, _ = _load_model({"model": str(tiny_model), "rope_theta": 1e6, "max_position_embeddings": 40000,
                         "dtype": "auto", "gradient_checkpointing": True})
    assert lm.config.rope_parameters["rope_theta"] == 1e6 and lm.config.max_position_embeddings == 40000
    head_dim = lm.config.hidden_size // lm.config.num_attention_heads
    expected = 1.0 / (1e6 ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
    assert torch.allclose(lm.model.rotary_emb.inv_freq, expected)
    assert lm.is_activation_checkpointing
