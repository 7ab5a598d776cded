"""A pair's two token sequences, built identically for the reference scoring and for training.

    ids = prompt ids (chat.prompt_ids: the chat template, or the raw text; default system turn stripped)
        + tokens of `prefix` (the steps before the compared part; may be empty)
        + tokens of the completion (+ EOS: always for chosen, for rejected iff rejected_eos)

Each part is tokenised on its own and joined in token space (as chat.encode_pair joins prompt and
response), so no BPE merge crosses a boundary and the completion's tokens do not depend on the
prefix. Only completion tokens are scored: positions start .. len-1.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..chat import prompt_ids, response_ids, scored_start


@dataclass(frozen=True)
class Side:
    ids: list[int]
    start: int  # first scored position (the first completion token)

    @property
    def n_scored(self) -> int:
        return len(self.ids) - self.start


class PairEncoder:
    def __init__(self, tok, chat: dict, strip_default_system: bool):
        self.tok, self.chat, self.strip = tok, chat, strip_default_system

    def context(self, pair: dict) -> list[int]:
        head = prompt_ids(self.tok, pair["prompt"], apply_template=self.chat["apply_template"], system_prompt=self.chat["system_prompt"], strip_default_system=self.strip)
        prefix = self.tok(pair["prefix"], add_special_tokens=False).input_ids if pair["prefix"] else []
        return head + prefix

    def __call__(self, pair: dict) -> tuple[Side, Side]:
        """(chosen, rejected)."""
        ctx = self.context(pair)
        start = scored_start(len(ctx))
        chosen = ctx + response_ids(self.tok, pair["chosen"], append_eos=True)
        rejected = ctx + response_ids(self.tok, pair["rejected"], append_eos=pair["rejected_eos"])
        return Side(chosen, start), Side(rejected, start)
