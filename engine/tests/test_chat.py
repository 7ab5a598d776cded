"""chat.encode_pair: the prompt/response boundary in token space, against the rendered text."""
from __future__ import annotations

import pytest
from transformers import AutoModelForCausalLM, AutoTokenizer

from oxa_engine.chat import encode_pair, scored_start, stop_ids

PROMPT = "Ava has 3 apples and buys 4 more. How many apples?"
# Starts with a space and a digit, which would merge differently with text before it.
RESPONSE = " 3 + 4 = 7. The answer is \\boxed{7}."


@pytest.fixture(scope="module", params=["qwen2", "llama_bos"])
def tok(request, tiny_model, tiny_llama_bos):
    return AutoTokenizer.from_pretrained(tiny_model if request.param == "qwen2" else tiny_llama_bos, local_files_only=True)


def test_prompt_is_the_chat_template_and_response_is_appended(tok):
    ids, n = encode_pair(tok, PROMPT, RESPONSE)
    text = tok.apply_chat_template([{"role": "user", "content": PROMPT}], add_generation_prompt=True, tokenize=False)
    assert ids[:n] == tok(text, add_special_tokens=False).input_ids
    assert ids[n:] == tok(RESPONSE, add_special_tokens=False).input_ids
    assert tok.decode(ids[n:]) == RESPONSE
    bos = tok.bos_token_id
    assert bos is None or ids.count(bos) == 1  # never a second BOS


def test_system_prompt_and_eos(tok):
    ids, n = encode_pair(tok, PROMPT, RESPONSE, system_prompt="Think step by step.", append_eos=True)
    assert tok.decode(ids[:n]).count("<|im_start|>system\nThink step by step.<|im_end|>") == 1
    assert ids[-1] == tok.eos_token_id and tok.convert_ids_to_tokens(ids[-1]) == "<|im_end|>"


def test_no_prompt_has_bos_only_when_the_tokenizer_adds_one(tok):
    ids, n = encode_pair(tok, None, RESPONSE)
    assert ids == tok(RESPONSE).input_ids
    assert n == (1 if tok.bos_token_id is not None else 0)
    assert scored_start(n) == 1


def test_without_template_the_prompt_is_plain_text(tok):
    ids, n = encode_pair(tok, PROMPT, RESPONSE, apply_template=False)
    assert ids[:n] == tok(PROMPT).input_ids
    assert ids[n:] == tok(RESPONSE, add_special_tokens=False).input_ids


def test_stop_ids_cover_end_of_turn_and_end_of_text(tiny_model):
    tok = AutoTokenizer.from_pretrained(tiny_model, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(tiny_model, local_files_only=True)
    assert sorted(stop_ids(tok, model)) == sorted(tok.convert_tokens_to_ids(["<|im_end|>", "<|endoftext|>"]))
