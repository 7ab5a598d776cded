"""make-tiny-model: a small model of a real architecture (Qwen2 or Llama) with a byte-level BPE
tokenizer trained locally on a corpus and a ChatML chat template — no network, deterministic by seed.

The directory it writes is a standard one (config.json, model.safetensors, tokenizer.json,
tokenizer_config.json, generation_config.json) that AutoModelForCausalLM / AutoTokenizer load with
local_files_only. Same spec => byte-identical files.
"""
from __future__ import annotations

import json
from pathlib import Path

import torch

from ..protocol import JobError, Progress

ENDOFTEXT, IM_START, IM_END, PAD, BOS = "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|pad|>", "<|begin_of_text|>"

# ChatML. A system message appears only when the caller passes one: there is no default system
# prompt (the paper removes Qwen2.5-Math's). With add_bos the template starts with the BOS token
# itself, because apply_chat_template tokenizes the rendered text without special tokens.
_TEMPLATE = (
    "{%- for message in messages %}"
    "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)


def chat_template(add_bos: bool) -> str:
    return ("{{- bos_token }}" if add_bos else "") + _TEMPLATE


# Qwen2's pre-tokenizer (digits split one by one, which suits arithmetic). transformers rebuilds a
# qwen2 model's tokenizer with exactly this regex and NFC, so the trained file must use them too,
# or AutoTokenizer would split text differently from tokenizer.json.
_SPLIT = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""


def train_tokenizer(corpus: str, vocab_size: int, add_bos: bool):
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

    path = Path(corpus)
    if not path.is_file():
        raise JobError(f"corpus file not found: {corpus}", "input")
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    if not lines:
        raise JobError(f"corpus file {corpus} is empty", "input")
    specials = [ENDOFTEXT, IM_START, IM_END, PAD] + ([BOS] if add_bos else [])
    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.Split(Regex(_SPLIT), behavior="isolated", invert=False), pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)]
    )
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(lines, trainer=trainer)
    if add_bos:
        bos_id = tok.token_to_id(BOS)
        tok.post_processor = processors.TemplateProcessing(
            single=f"{BOS} $A", pair=f"{BOS} $A {BOS} $B", special_tokens=[(BOS, bos_id)]
        )
    else:
        tok.post_processor = processors.ByteLevel(trim_offsets=False)
    return tok


def model_config(spec: dict, vocab: int, ids: dict):
    from transformers import LlamaConfig, Qwen2Config

    common = dict(
        vocab_size=vocab,
        hidden_size=spec["hidden_size"],
        intermediate_size=spec["intermediate_size"],
        num_hidden_layers=spec["num_hidden_layers"],
        num_attention_heads=spec["num_attention_heads"],
        num_key_value_heads=spec["num_key_value_heads"],
        max_position_embeddings=spec["max_position_embeddings"],
        rope_theta=spec["rope_theta"],
        initializer_range=spec["initializer_range"],
        tie_word_embeddings=spec["tie_word_embeddings"],
        bos_token_id=ids["bos"],
        eos_token_id=ids["eos"],
        pad_token_id=ids["pad"],
    )
    if spec["hidden_size"] % spec["num_attention_heads"] or spec["num_attention_heads"] % spec["num_key_value_heads"]:
        raise JobError("hidden_size must be divisible by num_attention_heads, and num_attention_heads by num_key_value_heads", "spec")
    if spec["arch"] == "qwen2":
        return Qwen2Config(**common)
    return LlamaConfig(**common)


def run(spec: dict) -> dict:
    from transformers import AutoModelForCausalLM, GenerationConfig, PreTrainedTokenizerFast

    progress = Progress(3, "steps")
    add_bos = spec["add_bos"]
    raw = train_tokenizer(spec["corpus"], spec["vocab_size"], add_bos)
    progress.advance(status="tokenizer trained")
    out = Path(spec["out"])
    out.mkdir(parents=True, exist_ok=True)

    tok = PreTrainedTokenizerFast(
        tokenizer_object=raw,
        bos_token=BOS if add_bos else None,
        eos_token=IM_END,
        pad_token=PAD,
        unk_token=None,
        additional_special_tokens=[ENDOFTEXT, IM_START],
    )
    tok.chat_template = chat_template(add_bos)
    tok.save_pretrained(str(out))
    _chat_template_into_config(out, tok.chat_template, add_bos, spec["max_position_embeddings"])
    ids = {
        "bos": raw.token_to_id(BOS) if add_bos else None,
        "eos": raw.token_to_id(IM_END),
        "endoftext": raw.token_to_id(ENDOFTEXT),
        "pad": raw.token_to_id(PAD),
    }

    config = model_config(spec, raw.get_vocab_size(), ids)
    torch.manual_seed(spec["seed"])
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    progress.advance(status="model initialised")
    # Both end-of-turn and end-of-text stop generation, as in Qwen2.5's instruct models.
    model.generation_config = GenerationConfig(
        bos_token_id=ids["bos"], eos_token_id=[ids["eos"], ids["endoftext"]], pad_token_id=ids["pad"]
    )
    model.save_pretrained(str(out))
    progress.advance(status="saved")
    n_params = sum(p.numel() for p in model.parameters())
    return {"out": str(out), "arch": spec["arch"], "vocab_size": raw.get_vocab_size(), "n_params": n_params, **{f"{k}_token_id": v for k, v in ids.items()}}


def _chat_template_into_config(out: Path, template: str, add_bos: bool, max_len: int) -> None:
    """Keeps the chat template inside tokenizer_config.json (where most tools look for it) and
    names the generic fast tokenizer class, which every transformers version can load."""
    cfg_path = out / "tokenizer_config.json"
    cfg = json.loads(cfg_path.read_text())
    cfg["chat_template"] = template
    cfg["add_bos_token"] = add_bos
    cfg["tokenizer_class"] = "PreTrainedTokenizerFast"
    cfg["model_max_length"] = max_len
    cfg_path.write_text(json.dumps(cfg, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    (out / "chat_template.jinja").unlink(missing_ok=True)
