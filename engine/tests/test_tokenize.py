"""tokenize job: the ids the remote backend sends are exactly chat.encode_pair's (both model
kinds, with and without a prompt) and the stop ids are chat.stop_ids'."""
from __future__ import annotations

import pytest
from transformers import AutoModelForCausalLM, AutoTokenizer

from conftest import spec_for
from job_helpers import read_jsonl, records, write_jsonl
from oxa_engine.chat import encode_pair, stop_ids
from oxa_engine.jobs import tokenize


@pytest.mark.parametrize("which", ["qwen2", "llama_bos"])
@pytest.mark.parametrize("no_prompt", [False, True])
def test_ids_are_encode_pairs(tmp_path, tiny_model, tiny_llama_bos, which, no_prompt):
    model = tiny_model if which == "qwen2" else tiny_llama_bos
    rows = records(6) + [{"id": "p-only", "prompt": "What is 2 + 2?"}]
    inp = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    result = tokenize.run(spec_for("tokenize", model=str(model), input=str(inp), output=str(out), no_prompt=no_prompt))
    tok = AutoTokenizer.from_pretrained(model, local_files_only=True)
    got = read_jsonl(out)
    assert [g["id"] for g in got] == [r["id"] for r in rows]
    for g, r in zip(got, rows):
        ids, n = encode_pair(tok, None if no_prompt else r["prompt"], r.get("response", ""))
        assert g["prompt_ids"] == ids[:n]
        if "response" in r:
            assert g["response_ids"] == ids[n:]
        else:
            assert "response_ids" not in g
    m = AutoModelForCausalLM.from_pretrained(model, local_files_only=True)
    assert result["stop_ids"] == stop_ids(tok, m)
    assert result["probe"]["ids"] == tok(result["probe"]["text"], add_special_tokens=False).input_ids
    assert result["vocab_size"] == len(tok)
    assert result["records"] == len(rows)
