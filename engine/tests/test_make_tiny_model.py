"""make-tiny-model: loadable standard directory, chat template, tokenizer consistency, determinism."""
from __future__ import annotations

import json

import torch
from tokenizers import Tokenizer
from transformers import AutoModelForCausalLM, AutoTokenizer

from conftest import CORPUS, build_tiny_model

FILES = ["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "generation_config.json"]


def test_standard_directory_loads_and_runs(tiny_model):
    for f in FILES:
        assert (tiny_model / f).is_file(), f
    tok = AutoTokenizer.from_pretrained(tiny_model, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(tiny_model, local_files_only=True)
    assert type(model).__name__ == "Qwen2ForCausalLM"
    assert tok.eos_token == "<|im_end|>" and tok.pad_token == "<|pad|>" and tok.bos_token is None
    cfg = json.loads((tiny_model / "tokenizer_config.json").read_text())
    assert "<|im_start|>" in cfg["chat_template"]
    ids = tok("The answer is \\boxed{5}.").input_ids
    logits = model(torch.tensor([ids])).logits
    assert logits.shape == (1, len(ids), model.config.vocab_size)
    gen = json.loads((tiny_model / "generation_config.json").read_text())
    assert set(gen["eos_token_id"]) == {tok.convert_tokens_to_ids("<|im_end|>"), tok.convert_tokens_to_ids("<|endoftext|>")}


def test_chat_template_is_chatml_without_default_system(tiny_model):
    tok = AutoTokenizer.from_pretrained(tiny_model, local_files_only=True)
    user = [{"role": "user", "content": "What is 2+3?"}]
    text = tok.apply_chat_template(user, add_generation_prompt=True, tokenize=False)
    assert text == "<|im_start|>user\nWhat is 2+3?<|im_end|>\n<|im_start|>assistant\n"
    with_sys = tok.apply_chat_template([{"role": "system", "content": "Be brief."}, *user], add_generation_prompt=True, tokenize=False)
    assert with_sys == "<|im_start|>system\nBe brief.<|im_end|>\n" + text


def test_auto_tokenizer_splits_like_the_trained_file(tiny_model, tiny_llama_bos):
    # transformers rebuilds a qwen2 tokenizer with its own pre-tokenizer; ours must agree with it.
    lines = CORPUS.read_text().splitlines()[:80] + ["  spaced   out\n\n x", "ünïcödé 12345678"]
    for d in (tiny_model, tiny_llama_bos):
        tok = AutoTokenizer.from_pretrained(d, local_files_only=True)
        raw = Tokenizer.from_file(str(d / "tokenizer.json"))
        for line in lines:
            assert tok(line).input_ids == raw.encode(line).ids, line
            assert tok.decode(tok(line, add_special_tokens=False).input_ids) == line


def test_llama_with_bos(tiny_llama_bos):
    tok = AutoTokenizer.from_pretrained(tiny_llama_bos, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(tiny_llama_bos, local_files_only=True)
    assert type(model).__name__ == "LlamaForCausalLM"
    assert tok("x").input_ids[0] == tok.bos_token_id
    text = tok.apply_chat_template([{"role": "user", "content": "hi"}], add_generation_prompt=True, tokenize=False)
    assert text.startswith("<|begin_of_text|><|im_start|>user")


def test_same_seed_byte_identical_other_seed_differs(tmp_path):
    a = build_tiny_model(tmp_path / "a", seed=3)
    b = build_tiny_model(tmp_path / "b", seed=3)
    c = build_tiny_model(tmp_path / "c", seed=4)
    for f in FILES:
        assert (a / f).read_bytes() == (b / f).read_bytes(), f
    assert (a / "model.safetensors").read_bytes() != (c / "model.safetensors").read_bytes()
    assert (a / "tokenizer.json").read_bytes() == (c / "tokenizer.json").read_bytes()
