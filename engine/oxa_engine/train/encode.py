"""Records -> token sequences for training, through chat.encode_pair's prompt/response boundary.

strip_default_system: chat templates such as Qwen2.5's insert a default system turn when the
conversation has none; the paper removed it. The template is rendered with a probe system turn and
that turn is cut off (text before it, such as a BOS, is kept), so whatever the default says, it is
gone. Templates without a default are left exactly as encode_pair renders them.
"""
from __future__ import annotations

from ..chat import encode_pair, response_ids
from ..protocol import JobError
from .micro_batches import Sequence

_PROBE = "\x00oxa-probe-system\x00"


def _render(tok, messages, generation_prompt: bool) -> str:
    return tok.apply_chat_template(messages, add_generation_prompt=generation_prompt, tokenize=False)


def stripped_prompt_ids(tok, prompt: str) -> list[int]:
    system = {"role": "system", "content": _PROBE}
    head = _render(tok, [system], False)
    full = _render(tok, [system, {"role": "user", "content": prompt}], True)
    at = head.find(_PROBE)
    if at < 0 or not full.startswith(head):
        raise JobError("cannot strip the default system prompt: the chat template does not render a system turn as a prefix", "model")
    bos = tok.bos_token or ""
    lead = bos if bos and head.startswith(bos) else ""
    return tok(lead + full[len(head) :], add_special_tokens=False).input_ids


class Encoder:
    def __init__(self, tok, chat: dict, strip_default_system: bool, append_eos: bool):
        self.tok, self.chat, self.append_eos = tok, chat, append_eos
        # On a template without a default system turn stripping changes nothing, so no detection.
        self.strip = strip_default_system and chat["apply_template"] and chat["system_prompt"] is None

    def __call__(self, record: dict) -> Sequence:
        if self.strip:
            head = stripped_prompt_ids(self.tok, record["prompt"])
            ids = head + response_ids(self.tok, record["response"], append_eos=self.append_eos)
            n_prompt = len(head)
        else:
            ids, n_prompt = encode_pair(
                self.tok, record["prompt"], record["response"],
                apply_template=self.chat["apply_template"], system_prompt=self.chat["system_prompt"], append_eos=self.append_eos,
            )
        if len(ids) <= n_prompt:
            raise JobError(f"record {record['id']!r} has an empty response", "input")
        return Sequence(ids=ids, n_prompt=n_prompt, is_ul=record["loss_type"] == 1)
