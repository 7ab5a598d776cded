"""generate with a `prefix` (the start of the assistant turn, Self-Explore's step prefixes): greedy
decoding continues from prompt ids + the prefix's response ids exactly as transformers' own greedy
decoding does from those ids; rows without a prefix are unchanged; tokenize builds the same ids."""
from __future__ import annotations

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from conftest import spec_for
from oxa_engine.chat import prompt_ids, response_ids
from oxa_engine.jobs import generate, tokenize
from job_helpers import read_jsonl, records, write_jsonl


def test_greedy_continuation_of_a_prefix_matches_transformers(tmp_path, tiny_model):
    rows = records(3)
    with_prefix = [{"id": r["id"], "prompt": r["prompt"], "prefix": r["response"][:30] + "\n"} for r in rows]
    inp = write_jsonl(tmp_path / "in.jsonl", with_prefix + [{"id": "plain", "prompt": rows[0]["prompt"]}])
    out = tmp_path / "out.jsonl"
    generate.run(spec_for("generate", model=str(tiny_model), input=str(inp), output=str(out), temperature=0, max_new_tokens=10, batch_size=4))
    got = read_jsonl(out)
    tok = AutoTokenizer.from_pretrained(tiny_model, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(tiny_model, local_files_only=True)
    stops = set(model.generation_config.eos_token_id if isinstance(model.generation_config.eos_token_id, list) else [model.generation_config.eos_token_id])
    for g, row in zip(got, with_prefix + [{"prompt": rows[0]["prompt"], "prefix": ""}]):
        ids = prompt_ids(tok, row["prompt"]) + response_ids(tok, row["prefix"])
        ref = model.generate(torch.tensor([ids]), do_sample=False, max_new_tokens=10, pad_token_id=tok.pad_token_id)[0, len(ids):].tolist()
        stop = [i for i, t in enumerate(ref) if t in stops]
        n = stop[0] if stop else len(ref)
        assert g["n_tokens"] == n
        assert g["text"] == tok.decode(ref[:n])
    # the prefix changes the continuation (else the test could not tell it was used)
    assert got[0]["text"] != got[3]["text"]


def test_tokenize_appends_the_prefix_ids(tmp_path, tiny_model):
    rows = [{"id": "a", "prompt": "What is 2+3?", "prefix": "First, 2+3 = 5.\n"}, {"id": "b", "prompt": "What is 2+3?"}]
    inp = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "tok.jsonl"
    tokenize.run(spec_for("tokenize", model=str(tiny_model), input=str(inp), output=str(out)))
    got = read_jsonl(out)
    tok = AutoTokenizer.from_pretrained(tiny_model, local_files_only=True)
    assert got[0]["prompt_ids"] == prompt_ids(tok, rows[0]["prompt"]) + tok(rows[0]["prefix"], add_special_tokens=False).input_ids
    assert got[1]["prompt_ids"] == prompt_ids(tok, rows[1]["prompt"])


def test_tokenize_prompt_text_is_the_formatted_prompt(tmp_path, tiny_model):
    rows = [{"id": "a", "prompt": "What is 2+3?"}, {"id": "b", "prompt": "Sum 1 and 2.\nThen double it."}]
    inp = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "tok.jsonl"
    tokenize.run(spec_for("tokenize", model=str(tiny_model), input=str(inp), output=str(out), prompt_text=True))
    tok = AutoTokenizer.from_pretrained(tiny_model, local_files_only=True)
    for g, row in zip(read_jsonl(out), rows):
        assert row["prompt"] in g["prompt_text"]
        # the text tokenizes back to exactly the prompt ids (what TRL will see when it tokenizes it)
        assert tok(g["prompt_text"], add_special_tokens=False).input_ids == prompt_ids(tok, row["prompt"])
