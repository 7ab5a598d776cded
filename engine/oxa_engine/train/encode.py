"""Records -> token sequences for training, through chat.encode_pair's prompt/response boundary
(which also strips a template's default system turn unless asked to keep it)."""
from __future__ import annotations

from ..chat import encode_pair
from ..protocol import JobError
from .micro_batches import Sequence


class Encoder:
    def __init__(self, tok, chat: dict, strip_default_system: bool, append_eos: bool):
        self.tok, self.chat, self.append_eos = tok, chat, append_eos
        self.strip = strip_default_system

    def __call__(self, record: dict) -> Sequence:
        ids, n_prompt = encode_pair(
            self.tok, record["prompt"], record["response"], apply_template=self.chat["apply_template"],
            system_prompt=self.chat["system_prompt"], append_eos=self.append_eos, strip_default_system=self.strip,
        )
        if len(ids) <= n_prompt:
            raise JobError(f"record {record['id']!r} has an empty response", "input")
        return Sequence(ids=ids, n_prompt=n_prompt, is_ul=record["loss_type"] == 1)
