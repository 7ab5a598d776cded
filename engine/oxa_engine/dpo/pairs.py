"""The pairs file and the reference log-probs file, read and checked before any model work.

pairs JSONL (written by `oxa pairs`; extra fields are ignored): {id, prompt, prefix, chosen,
rejected, rejected_eos, kind?, pit_step?}. Every error names the file, the line and the field.
reference JSONL (written by the dpo-reference job): {id, chosen_logp, rejected_logp,
chosen_tokens, rejected_tokens}, keyed by pair id.
"""
from __future__ import annotations

from pathlib import Path

from ..protocol import JobError
from ..records import read_jsonl, read_keyed

_FIELDS = (("id", str), ("prompt", str), ("prefix", str), ("chosen", str), ("rejected", str), ("rejected_eos", bool))


def _bad(path: str, lineno: int, field: str, what: str):
    raise JobError(f"{path}, line {lineno}, field \"{field}\": {what}", "input")


def read_pairs(path: str) -> list[dict]:
    """Every pair in file order (row i = line i of the non-blank lines)."""
    if not Path(path).is_file():
        raise JobError(f"pairs file not found: {path}", "input")
    pairs = []
    for lineno, _, row in read_keyed(path):
        for field, kind in _FIELDS:
            if not isinstance(row.get(field), kind):
                _bad(path, lineno, field, f"expected a {'boolean' if kind is bool else 'string'}")
        for side in ("chosen", "rejected"):
            if not row[side]:
                _bad(path, lineno, side, "empty (a pair needs text on both sides)")
        pairs.append(row)
    return pairs


def read_reference(path: str) -> dict[str, dict]:
    if not Path(path).is_file():
        raise JobError(f"reference log-probs file not found: {path} (the dpo-reference job writes it)", "input")
    out: dict[str, dict] = {}
    for lineno, row in read_jsonl(path):
        for field, kind in (("id", str), ("chosen_logp", (int, float)), ("rejected_logp", (int, float)), ("chosen_tokens", int), ("rejected_tokens", int)):
            if not isinstance(row.get(field), kind) or isinstance(row.get(field), bool):
                _bad(path, lineno, field, "missing or of the wrong type")
        out[row["id"]] = row
    return out
