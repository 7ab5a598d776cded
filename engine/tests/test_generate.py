"""generate: greedy equals transformers' own greedy decoding; entropy equals a fresh forward pass;
samples are independent of batch size; seeds matter; resume after SIGKILL; top-p."""
from __future__ import annotations

from pathlib import Path

import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from conftest import spec_for
from oxa_engine.chat import prompt_ids
from oxa_engine.jobs import generate
from oxa_engine.protocol import load_spec
from job_helpers import kill_mid_file, read_jsonl, records, spec_file, write_jsonl

@pytest.fixture(scope="module")
def stopping_model(tiny_model, tmp_path_factory) -> Path:
    """The tiny model with its end-of-turn row of the LM head scaled up, so samples stop at many
    different lengths (a random model almost never stops) and leave their batch at different steps."""
    tok, model = load(tiny_model)
    with torch.no_grad():
        model.lm_head.weight[tok.eos_token_id] *= 4.0
    out = tmp_path_factory.mktemp("models") / "stopping"
    model.save_pretrained(out)
    tok.save_pretrained(out)
    return out


def prompts(n: int) -> list[dict]:
    return [{"id": r["id"], "prompt": r["prompt"] if i % 2 else r["prompt"] + " Explain."} for i, r in enumerate(records(n))]


def run_generate(tmp: Path, model: Path, rows: list[dict], name: str = "out", **fields) -> list[dict]:
    inp = write_jsonl(tmp / f"{name}.in.jsonl", rows)
    out = tmp / f"{name}.jsonl"
    generate.run(spec_for("generate", model=str(model), input=str(inp), output=str(out), **fields))
    return read_jsonl(out)


def load(model_dir):
    return AutoTokenizer.from_pretrained(model_dir, local_files_only=True), AutoModelForCausalLM.from_pretrained(model_dir, local_files_only=True)


@pytest.mark.parametrize("which", ["tiny_model", "stopping_model"])
def test_greedy_matches_transformers_generate(tmp_path, request, which):
    model_dir = request.getfixturevalue(which)
    rows = prompts(4)
    got = run_generate(tmp_path, model_dir, rows, temperature=0, max_new_tokens=12, batch_size=4)
    tok, model = load(model_dir)
    for g, row in zip(got, rows):
        ids = prompt_ids(tok, row["prompt"])
        ref = model.generate(torch.tensor([ids]), do_sample=False, max_new_tokens=12, pad_token_id=tok.pad_token_id)[0, len(ids):].tolist()
        stop = [i for i, t in enumerate(ref) if t in model.generation_config.eos_token_id]
        assert g["n_tokens"] == (stop[0] if stop else len(ref))
        assert g["text"] == tok.decode(ref[: g["n_tokens"]])
        assert g["finish_reason"] == ("stop" if stop else "length")


def test_entropy_and_samples_match_a_fresh_forward_pass(tmp_path, tiny_model):
    rows = prompts(3)
    got = run_generate(tmp_path, tiny_model, rows, n=2, temperature=1.0, top_p=1.0, max_new_tokens=10, batch_size=6, return_tokens=True)
    tok, model = load(tiny_model)
    by_id = {r["id"]: r for r in rows}
    for g in got:
        ids = prompt_ids(tok, by_id[g["id"]]["prompt"])
        gen = g["tokens"]
        assert len(gen) == g["n_tokens"] and tok.decode(gen) == g["text"]
        steps = gen + ([tok.eos_token_id] if g["finish_reason"] == "stop" else [])
        with torch.no_grad():
            logp = torch.log_softmax(model(torch.tensor([ids + steps])).logits[0].double(), -1)
        at = logp[len(ids) - 1 : len(ids) - 1 + len(steps)]
        assert g["mean_entropy"] == pytest.approx(-(at.exp() * at).sum(-1).mean().item(), rel=1e-4)


def test_batch_size_does_not_change_samples_and_seed_does(tmp_path, stopping_model):
    rows = prompts(5)
    kw = dict(n=3, temperature=1.0, top_p=0.9, max_new_tokens=16)
    one = run_generate(tmp_path, stopping_model, rows, "b1", batch_size=1, **kw)
    eight = run_generate(tmp_path, stopping_model, rows, "b8", batch_size=8, **kw)
    # samples that stop at different steps leave the batch of 8 one by one
    assert len({g["n_tokens"] for g in one if g["finish_reason"] == "stop"}) >= 3 and any(g["finish_reason"] == "length" for g in one)
    assert [(g["id"], g["sample"]) for g in one] == [(r["id"], k) for r in rows for k in range(3)]
    for a, b in zip(one, eight):
        assert (a["text"], a["n_tokens"], a["finish_reason"]) == (b["text"], b["n_tokens"], b["finish_reason"])
        assert a["mean_entropy"] == pytest.approx(b["mean_entropy"], rel=1e-5)
    other = run_generate(tmp_path, stopping_model, rows, "s1", batch_size=8, seed=1, **kw)
    assert [g["text"] for g in other] != [g["text"] for g in eight]
    assert len({g["text"] for g in eight if g["id"] == rows[0]["id"]}) > 1  # samples of one prompt differ


def test_pick_token_top_p():
    logits = torch.log(torch.tensor([0.05, 0.6, 0.3, 0.05]))
    g = torch.Generator().manual_seed(0)
    assert {generate.pick_token(logits, 1.0, 0.5, g) for _ in range(50)} == {1}
    assert {generate.pick_token(logits, 1.0, 0.85, g) for _ in range(200)} == {1, 2}
    draws = [generate.pick_token(logits, 1.0, 1.0, g) for _ in range(4000)]
    assert draws.count(1) / 4000 == pytest.approx(0.6, abs=0.03)
    assert generate.pick_token(logits, 0, 0.5, g) == 1


def test_resume_after_sigkill(tmp_path, tiny_model):
    rows = prompts(15)
    kw = dict(n=2, temperature=1.0, max_new_tokens=6, batch_size=1)  # one sample per write: the kill lands mid-file
    whole = run_generate(tmp_path, tiny_model, rows, "whole", **kw)
    spec, out = spec_file(tmp_path, "k", rows, model=tiny_model, **kw)
    n = kill_mid_file("generate", spec, out)
    assert 3 <= n < len(whole) and not out.exists(), "the kill must land mid-file"
    assert generate.run(load_spec("generate", str(spec)))["resumed"] == n  # the rerun, in-process
    assert out.read_text() == (tmp_path / "whole.jsonl").read_text()
