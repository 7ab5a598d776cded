"""score: numbers against an independent single-sequence forward pass; batching, chunking and
out-of-memory fallbacks must not change them; resume after SIGKILL; bad input."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from conftest import spec_for
from oxa_engine.chat import encode_pair
from oxa_engine.jobs import score
from oxa_engine.protocol import JobError, load_spec
from job_helpers import kill_mid_file, read_jsonl, records, spec_file, write_jsonl

def run_score(tmp: Path, model: Path, rows: list[dict], name: str = "out", **fields) -> list[dict]:
    inp = write_jsonl(tmp / f"{name}.in.jsonl", rows)
    out = tmp / f"{name}.jsonl"
    score.run(spec_for("score", model=str(model), input=str(inp), output=str(out), **fields))
    return read_jsonl(out)


def reference(model_dir: Path, row: dict, no_prompt=False, append_eos=False) -> tuple[float, int, float]:
    """One sequence, one plain forward pass of the full causal LM, float64 softmax."""
    tok = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(model_dir, local_files_only=True)
    ids, n_prompt = encode_pair(tok, None if no_prompt else row["prompt"], row["response"], append_eos=append_eos)
    with torch.no_grad():
        logits = model(torch.tensor([ids])).logits[0].double()
    logp = torch.log_softmax(logits, -1)
    first = max(n_prompt, 1)
    tgt = torch.tensor(ids[first:])
    nll = -logp[first - 1 : len(ids) - 1].gather(1, tgt[:, None]).sum().item()
    ent = -(logp.exp() * logp).sum(-1)[first - 1 : len(ids) - 1].mean().item()
    return nll, len(ids) - first, ent


@pytest.mark.parametrize("mode", [{}, {"no_prompt": True}, {"append_eos": True}])
@pytest.mark.parametrize("which", ["tiny_model", "tiny_llama_bos"])
def test_matches_single_sequence_forward(tmp_path, request, which, mode):
    model = request.getfixturevalue(which)
    rows = records(6)
    got = run_score(tmp_path, model, rows, token_budget=400, **mode)
    assert [g["id"] for g in got] == [r["id"] for r in rows]
    for g, row in zip(got, rows):
        nll, n, ent = reference(model, row, **mode)
        assert g["n_tokens"] == n
        assert g["ppl"] == pytest.approx(math.exp(nll / n), rel=1e-4)
        assert g["nll_sum"] == pytest.approx(nll, rel=1e-4)
        assert g["mean_entropy"] == pytest.approx(ent, rel=1e-4)


def _close(a: list[dict], b: list[dict]) -> None:
    assert [x["id"] for x in a] == [x["id"] for x in b]
    for x, y in zip(a, b):
        assert x["n_tokens"] == y["n_tokens"]
        for k in ("ppl", "nll_sum", "mean_entropy"):
            assert x[k] == pytest.approx(y[k], rel=1e-5), (x["id"], k)


def test_independent_of_batching_padding_and_chunking(tmp_path, tiny_model):
    rows = records(24)
    alone = run_score(tmp_path, tiny_model, rows, "alone", token_budget=1)
    _close(alone, run_score(tmp_path, tiny_model, rows, "big", token_budget=100_000))
    _close(alone, run_score(tmp_path, tiny_model, rows, "windowed", token_budget=700, sort_window=5))
    # chunks of 7 tokens through the KV cache, crossing the prompt/response boundary mid-chunk
    _close(alone, run_score(tmp_path, tiny_model, rows, "chunked", token_budget=2000, max_chunk=7))


def test_out_of_memory_halves_the_batch_then_chunks(tmp_path, tiny_model, monkeypatch):
    rows = records(10)
    plain = run_score(tmp_path, tiny_model, rows, "plain", token_budget=100_000)
    real = score.Scorer._score
    calls = []

    def small_device(self, batch, chunk):  # a device that holds at most 40 tokens at once
        calls.append((len(batch), chunk))
        if len(batch) * min(chunk, max(len(it.ids) for it in batch)) > 40:
            raise torch.OutOfMemoryError("fake: too many tokens")
        return real(self, batch, chunk)

    monkeypatch.setattr(score.Scorer, "_score", small_device)
    _close(plain, run_score(tmp_path, tiny_model, rows, "oom", token_budget=100_000))
    assert any(n == 1 and c < 8192 for n, c in calls)  # it did fall back to chunks


def test_resume_after_sigkill_gives_the_uninterrupted_output(tmp_path, tiny_model):
    rows = records(60)
    whole = run_score(tmp_path, tiny_model, rows, "whole", token_budget=1)
    spec, out = spec_file(tmp_path, "killed", rows, model=tiny_model, token_budget=1)
    partial = out.with_name(out.name + ".partial")
    n_partial = kill_mid_file("score", spec, out)
    assert 3 <= n_partial < len(rows) and not out.exists(), "the kill must land mid-file"
    result = score.run(load_spec("score", str(spec)))  # the rerun, in-process
    assert result["resumed"] == n_partial
    assert out.read_text() == (tmp_path / "whole.jsonl").read_text()
    assert not partial.exists()
    assert [json.loads(l)["id"] for l in out.read_text().splitlines()] == [w["id"] for w in whole]


def test_bad_inputs(tmp_path, tiny_model):
    good = records(2)
    inp = tmp_path / "bad.jsonl"
    inp.write_text(json.dumps(good[0]) + "\n{not json\n")
    with pytest.raises(JobError, match=r"bad\.jsonl, line 2: malformed JSON"):
        score.run(spec_for("score", model=str(tiny_model), input=str(inp), output=str(tmp_path / "o.jsonl")))
    with pytest.raises(JobError, match=r'line 2, field "response": missing field'):
        run_score(tmp_path, tiny_model, [good[0], {"id": "x", "prompt": "p"}])
    with pytest.raises(JobError, match=r'line 2, field "id": duplicate id'):
        run_score(tmp_path, tiny_model, [good[0], good[0]])
    with pytest.raises(JobError, match="model directory not found"):
        run_score(tmp_path, tmp_path / "nowhere", good)
    # no prompt, no BOS: a one-token response has no token with context, an empty one no token at all
    one = run_score(tmp_path, tiny_model, [{"id": "a", "response": "x"}, {"id": "b", "response": ""}], no_prompt=True)
    assert [(r["n_tokens"], r["ppl"]) for r in one] == [(0, None), (0, None)]
    assert run_score(tmp_path, tiny_model, []) == []
    assert (tmp_path / "out.jsonl").read_text() == ""


def test_token_budget_batches_pack_longest_first_within_the_budget():
    lengths = [50, 40, 40, 30, 10, 10, 10, 9, 3]
    items = [score.Item(str(i), [0] * n, 1) for i, n in enumerate(lengths)]
    batches = score.token_budget_batches(items, 100)
    assert [[len(it.ids) for it in b] for b in batches] == [[50, 40], [40, 30], [10, 10, 10, 9, 3]]
    assert [len(b) for b in score.token_budget_batches(items, 10)] == [1, 1, 1, 1, 1, 1, 1, 1, 1]  # over-long rows go alone


def test_bfloat16_model_stays_close_to_float32(tmp_path, tiny_model):
    rows = records(4)
    f32 = run_score(tmp_path, tiny_model, rows, "f32")
    bf16 = run_score(tmp_path, tiny_model, rows, "bf16", dtype="bfloat16")
    for a, b in zip(f32, bf16):
        assert b["ppl"] == pytest.approx(a["ppl"], rel=0.05) and a["n_tokens"] == b["n_tokens"]
