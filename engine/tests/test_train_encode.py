"""Stripping a chat template's default system turn, and the training encoder's boundary."""
from __future__ import annotations

from transformers import AutoTokenizer

from oxa_engine.chat import encode_pair
from oxa_engine.train.encode import Encoder

# Qwen2.5's shape: a default system turn when the conversation has none.
DEFAULT_SYSTEM = (
    "{%- if bos_token and add_bos %}{{- bos_token }}{%- endif %}"
    "{%- if messages[0]['role'] != 'system' %}{{- '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{%- endif %}"
    "{%- for m in messages %}{{- '<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>\\n' }}{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)
CHAT = {"apply_template": True, "system_prompt": None}
REC = {"id": "a", "prompt": "What is 2 + 3?", "response": "It is 5.", "loss_type": 0}


def test_strips_the_default_system_turn_and_keeps_the_rest(tiny_model):
    tok = AutoTokenizer.from_pretrained(tiny_model)
    plain = Encoder(tok, CHAT, True, True)(REC)  # the tiny template has no default: nothing to strip
    assert (plain.ids, plain.n_prompt) == encode_pair(tok, REC["prompt"], REC["response"], append_eos=True)
    tok.chat_template = DEFAULT_SYSTEM.replace("add_bos", "false")
    kept = Encoder(tok, CHAT, False, True)(REC)
    stripped = Encoder(tok, CHAT, True, True)(REC)
    assert "helpful assistant" in tok.decode(kept.ids[: kept.n_prompt])
    assert stripped.ids == plain.ids and stripped.n_prompt == plain.n_prompt
    assert stripped.ids[stripped.n_prompt :] == kept.ids[kept.n_prompt :]


def test_strip_keeps_a_leading_bos(tiny_llama_bos):
    tok = AutoTokenizer.from_pretrained(tiny_llama_bos)
    tok.chat_template = DEFAULT_SYSTEM.replace("add_bos", "true")
    s = Encoder(tok, CHAT, True, False)(REC)
    text = tok.decode(s.ids[: s.n_prompt])
    assert s.ids[0] == tok.bos_token_id and text.count(tok.bos_token) == 1
    assert "system" not in text and text.endswith("<|im_start|>assistant\n")


def test_scoring_and_sampling_strip_the_default_system_turn_like_training(tiny_model):
    # score and generate call encode_pair / prompt_ids with their defaults: the same ids as training
    from oxa_engine.chat import prompt_ids

    tok = AutoTokenizer.from_pretrained(tiny_model)
    tok.chat_template = DEFAULT_SYSTEM.replace("add_bos", "false")
    trained = Encoder(tok, CHAT, True, False)(REC)
    scored_ids, n_prompt = encode_pair(tok, REC["prompt"], REC["response"])
    assert (scored_ids, n_prompt) == (trained.ids, trained.n_prompt)
    assert prompt_ids(tok, REC["prompt"]) == trained.ids[: trained.n_prompt]
    assert "helpful assistant" not in tok.decode(scored_ids)
    kept, _ = encode_pair(tok, REC["prompt"], REC["response"], strip_default_system=False)
    assert "helpful assistant" in tok.decode(kept)
