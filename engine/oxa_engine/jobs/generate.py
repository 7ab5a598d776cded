"""generate: n samples per prompt with temperature / top-p, in our own batched sampling loop.

Reproducibility: every sample (seed, id, sample index) owns a torch.Generator seeded from a hash of
the three, and only that generator draws its tokens, so a sample does not depend on which other rows
share its batch, on the batch size or on a resume. Prompts are left-padded with explicit position
ids and decoded through the KV cache; a finished sample leaves the batch (and the cache). A sample ends at a stop token (the tokenizer's EOS and the
generation config's eos ids: end of turn, end of text) -> finish_reason "stop", or after
max_new_tokens -> "length". `text` and `n_tokens` exclude the stop token.

mean_entropy is the mean over sampling steps (the stop step included) of the entropy of the model's
next-token distribution at temperature 1 — the policy's own entropy, independent of the sampling
temperature and top-p, which is what evaluation reports as "policy entropy".
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from itertools import islice

import torch

from ..determinism import decoding_kernels
from ..chat import continued_prompt_ids, stop_ids
from ..device import check_model_dir, open_model
from ..protocol import Progress
from ..records import ResumableOutput, count_records, read_keyed, require

WINDOW = 4096  # samples read and sorted by prompt length together


@dataclass
class Sample:
    id: str
    sample: int
    prompt: list[int]
    gen: torch.Generator
    tokens: list[int] = field(default_factory=list)
    entropy_sum: float = 0.0
    steps: int = 0
    finish: str | None = None


def sample_seed(seed: int, rid: str, sample: int) -> int:
    digest = hashlib.sha256(f"{seed}\x00{rid}\x00{sample}".encode()).digest()
    return int.from_bytes(digest[:8], "little") & ((1 << 63) - 1)


def pick_token(logits: torch.Tensor, temperature: float, top_p: float, gen: torch.Generator) -> int:
    """One token from a row of float32 logits: greedy at temperature 0, else nucleus sampling."""
    if temperature == 0:
        return int(torch.argmax(logits))
    probs = torch.softmax(logits / temperature, dim=-1)
    sorted_p, order = torch.sort(probs, descending=True, stable=True)
    keep = (torch.cumsum(sorted_p, 0) - sorted_p) < top_p  # smallest prefix reaching top_p
    sorted_p = sorted_p * keep
    choice = torch.multinomial(sorted_p / sorted_p.sum(), 1, generator=gen)
    return int(order[choice])


def entropy(logits: torch.Tensor) -> torch.Tensor:
    logp = torch.log_softmax(logits, dim=-1)
    return -(logp.exp() * logp).sum(-1)


@torch.no_grad()
def decode_batch(model, batch: list[Sample], *, pad_id: int, stops: set[int], spec: dict) -> None:
    device = next(model.parameters()).device
    n, longest = len(batch), max(len(s.prompt) for s in batch)
    ids = torch.full((n, longest), pad_id, dtype=torch.long)
    mask = torch.zeros((n, longest), dtype=torch.long)
    for r, s in enumerate(batch):
        ids[r, longest - len(s.prompt) :] = torch.tensor(s.prompt)
        mask[r, longest - len(s.prompt) :] = 1
    ids, mask = ids.to(device), mask.to(device)
    pos = (mask.cumsum(1) - 1).clamp(min=0)
    past = None
    active = list(batch)  # the samples still decoding, in the order of the tensors' rows
    for _ in range(spec["max_new_tokens"]):
        out = model(input_ids=ids, attention_mask=mask, position_ids=pos, past_key_values=past, use_cache=True, logits_to_keep=1)
        past = out.past_key_values
        logits = out.logits[:, -1].float().cpu()
        ent = entropy(logits)
        nxt, keep = [], []
        for r, s in enumerate(active):
            tok = pick_token(logits[r], spec["temperature"], spec["top_p"], s.gen)
            s.entropy_sum += float(ent[r])
            s.steps += 1
            if tok in stops:
                s.finish = "stop"
            else:
                s.tokens.append(tok)
                nxt.append(tok)
                keep.append(r)
        if not keep:
            break
        if len(keep) < len(active):  # finished samples leave the batch (and the KV cache)
            rows = torch.tensor(keep, device=device)
            past.batch_select_indices(rows)
            mask, pos = mask[rows], pos[rows]
            active = [active[r] for r in keep]
        ids = torch.tensor(nxt, device=device)[:, None]
        mask = torch.cat([mask, torch.ones((len(active), 1), dtype=mask.dtype, device=device)], 1)
        pos = pos[:, -1:] + 1
    for s in batch:
        s.finish = s.finish or "length"


def _samples(spec: dict, tok, out: ResumableOutput, order: list):
    path, chat = spec["input"], spec["chat"]
    for lineno, rid, row in read_keyed(path):
        prompt = require(row, "prompt", str, path, lineno)
        prefix = require(row, "prefix", str, path, lineno) if row.get("prefix") is not None else None
        ids = None
        for k in range(spec["n"]):
            order.append((rid, k))
            if out.is_done((rid, k)):
                continue
            ids = ids or continued_prompt_ids(tok, prompt, prefix, apply_template=chat["apply_template"], system_prompt=chat["system_prompt"])
            yield Sample(rid, k, ids, torch.Generator().manual_seed(sample_seed(spec["seed"], rid, k)))


def run(spec: dict) -> dict:
    # here, not in __main__, so an in-process run decodes as a subprocess does, and leaves no trace after
    with decoding_kernels():
        return _run(spec)


def _run(spec: dict) -> dict:
    check_model_dir(spec["model"])
    total = count_records(spec["input"]) * spec["n"]
    model, tok, setup = open_model(spec)
    opts = {k: spec[k] for k in ("input", "temperature", "top_p", "max_new_tokens", "seed", "chat", "return_tokens")}
    out = ResumableOutput(spec["output"], key=("id", "sample"), fingerprint={**setup, **opts})
    pad = tok.pad_token_id if tok.pad_token_id is not None else 0
    stops = set(stop_ids(tok, model))
    progress = Progress(total, "samples")
    progress.advance(out.resumed, status="resumed" if out.resumed else None, force=True)
    order: list = []
    pending = _samples(spec, tok, out, order)
    n_tokens = 0
    while window := list(islice(pending, WINDOW)):
        window.sort(key=lambda s: -len(s.prompt))
        for i in range(0, len(window), spec["batch_size"]):
            batch = window[i : i + spec["batch_size"]]
            decode_batch(model, batch, pad_id=pad, stops=stops, spec=spec)
            out.write(_record(s, tok, spec["return_tokens"]) for s in batch)
            n_tokens += sum(len(s.tokens) for s in batch)
            progress.advance(len(batch))
    n = out.finish(order)
    return {**setup, "output": spec["output"], "samples": n, "resumed": out.resumed, "tokens_generated": n_tokens}


def _record(s: Sample, tok, with_tokens: bool) -> dict:
    rec = {
        "id": s.id,
        "sample": s.sample,
        "text": tok.decode(s.tokens, skip_special_tokens=False),
        "n_tokens": len(s.tokens),
        "finish_reason": s.finish,
        "mean_entropy": s.entropy_sum / s.steps if s.steps else None,
    }
    return {**rec, "tokens": s.tokens} if with_tokens else rec
