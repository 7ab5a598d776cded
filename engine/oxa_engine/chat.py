"""The exact prompt/response token boundary, shared by score, generate and the trainer.

A (prompt, response) pair becomes one sequence of token ids:

    prompt ids   = apply_chat_template([{system}?, {user: prompt}], add_generation_prompt=True)
                   (or, without the template, the prompt text with the tokenizer's own special tokens)
    response ids = tokenizer(response, add_special_tokens=False)  (+ the EOS id when asked)
    input_ids    = prompt ids + response ids

The two parts are joined in token space, so no BPE merge can cross the boundary and no second BOS
appears. With no prompt (`prompt=None`) the sequence is the response alone, preceded by a BOS only
when the tokenizer itself adds one. Position 0 has no context, so it is never a scored position:
callers score positions max(n_prompt, 1) .. len-1 (see `scored_start`).

Default system turns: templates such as Qwen2.5's insert a system turn when the conversation has
none; the paper removed it. With no system message, the prompt is rendered with a probe system
turn that is then cut off (text before it, such as a BOS, is kept), so whatever the default says is
gone, identically for scoring, sampling and training. `strip_default_system=False` keeps it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from .protocol import JobError

_PROBE = "\x00oxa-probe-system\x00"


@lru_cache(maxsize=8)  # once per tokenizer, not once per record
def _bos_prefix(tok) -> tuple[int, ...]:
    bos = tok.bos_token_id
    if bos is None:
        return ()
    ids = tok("x").input_ids
    return (bos,) if ids and ids[0] == bos else ()


def bos_prefix(tok) -> list[int]:
    """[bos] when the tokenizer prepends a BOS to plain text, else []."""
    return list(_bos_prefix(tok))


def _render(tok, messages, generation_prompt: bool) -> str:
    return tok.apply_chat_template(messages, add_generation_prompt=generation_prompt, tokenize=False)


def _stripped_prompt_ids(tok, prompt: str) -> list[int]:
    system = {"role": "system", "content": _PROBE}
    head = _render(tok, [system], False)
    full = _render(tok, [system, {"role": "user", "content": prompt}], True)
    if head.find(_PROBE) < 0 or not full.startswith(head):
        raise JobError("cannot strip the default system prompt: the chat template does not render a system turn as a prefix", "model")
    bos = tok.bos_token or ""
    lead = bos if bos and head.startswith(bos) else ""
    return tok(lead + full[len(head) :], add_special_tokens=False).input_ids


def prompt_ids(tok, prompt: str, *, apply_template: bool = True, system_prompt: str | None = None, strip_default_system: bool = True) -> list[int]:
    """Token ids of the prompt, ending where the model's response begins."""
    if not apply_template:
        return bos_prefix(tok) + tok(prompt, add_special_tokens=False).input_ids
    if system_prompt is None and strip_default_system:
        return _stripped_prompt_ids(tok, prompt)
    messages = ([{"role": "system", "content": system_prompt}] if system_prompt is not None else []) + [{"role": "user", "content": prompt}]
    enc = tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=True, return_dict=True)
    return list(enc["input_ids"])


def continued_prompt_ids(tok, prompt: str, prefix: str | None, *, apply_template: bool = True, system_prompt: str | None = None) -> list[int]:
    """Prompt ids followed by the ids of `prefix`, the start of the assistant turn that generation continues
    (Self-Explore's step prefixes). Joined in token space, as encode_pair joins a response, so scoring the
    continuation later (prompt, prefix + continuation) sees the same prefix tokens. No prefix: prompt_ids."""
    head = prompt_ids(tok, prompt, apply_template=apply_template, system_prompt=system_prompt)
    return head + response_ids(tok, prefix) if prefix else head


def response_ids(tok, response: str, *, append_eos: bool = False) -> list[int]:
    ids = tok(response, add_special_tokens=False).input_ids
    return ids + [tok.eos_token_id] if append_eos else ids


def encode_pair(
    tok,
    prompt: str | None,
    response: str,
    *,
    apply_template: bool = True,
    system_prompt: str | None = None,
    append_eos: bool = False,
    strip_default_system: bool = True,
) -> tuple[list[int], int]:
    """Returns (input_ids, n_prompt_tokens). prompt=None is the no-prompt mode."""
    head = bos_prefix(tok) if prompt is None else prompt_ids(tok, prompt, apply_template=apply_template, system_prompt=system_prompt, strip_default_system=strip_default_system)
    tail = response_ids(tok, response, append_eos=append_eos)
    return head + tail, len(head)


def scored_start(n_prompt: int) -> int:
    """First position whose token is scored: the first response token that has some context."""
    return max(n_prompt, 1)


def stop_ids(tok, model=None) -> list[int]:
    """Token ids that end a generated turn: the tokenizer's EOS and the generation config's."""
    ids: list[int] = [] if tok.eos_token_id is None else [tok.eos_token_id]
    gen = getattr(model, "generation_config", None)
    extra = getattr(gen, "eos_token_id", None)
    for i in extra if isinstance(extra, Sequence) else ([extra] if extra is not None else []):
        if i not in ids:
            ids.append(i)
    return ids
