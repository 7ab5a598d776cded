"""score: log-probability of every response token given its chat-formatted prompt.

Per record: nll_sum = -Σ log p(s_t | s_<t) over the response tokens, n_tokens, ppl = exp(nll_sum /
n_tokens), and mean_entropy = mean over the same positions of H = -Σ_v p_v log p_v of the model's
next-token distribution (temperature 1). The token boundary is oxa_engine.chat's.

Speed without padding waste: records are read in windows, sorted by length (longest first, so an
out-of-memory error shows on the first batch) and packed into batches whose padded size
(rows x longest) stays within token_budget; results are written back in input order. Logits are
formed only at scored positions, a slice at a time, so a large vocabulary never needs a
[batch, length, vocab] tensor. On CUDA out-of-memory a batch is halved; a single sequence then
goes in ever shorter chunks through the KV cache (max_chunk bounds the chunk length from the start).
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from itertools import islice

import torch

from ..chat import encode_pair, scored_start
from ..device import check_model_dir, open_model
from ..protocol import JobError, Progress, warn
from ..records import ResumableOutput, count_records, read_keyed, require

HEAD_ROWS = 2048  # positions pushed through the LM head at once: bounds the logits tensor
MIN_CHUNK = 16


@dataclass
class Item:
    id: str
    ids: list[int]
    start: int  # first scored position


def token_budget_batches(items: list[Item], budget: int) -> list[list[Item]]:
    """Greedy packing of length-sorted items (longest first): rows x longest <= budget."""
    batches: list[list[Item]] = []
    cur: list[Item] = []
    for it in items:
        longest = len(cur[0].ids) if cur else len(it.ids)
        if cur and longest * (len(cur) + 1) > budget:
            batches.append(cur)
            cur = []
        cur.append(it)
    if cur:
        batches.append(cur)
    return batches


class Scorer:
    def __init__(self, model, pad_id: int, max_chunk: int):
        self.model, self.pad_id, self.max_chunk = model, pad_id, max_chunk
        self.base = model.base_model
        # The LM head runs in float32 whatever the model's dtype: bfloat16 logits carry ~3 significant
        # digits, too few for log-probabilities summed over thousands of tokens. (One float32 copy of
        # the head's weight: vocab x hidden x 4 bytes.)
        head = model.get_output_embeddings()
        self.head_weight = head.weight.float()
        self.head_bias = None if head.bias is None else head.bias.float()
        self.device = next(model.parameters()).device

    def score(self, batch: list[Item], chunk: int | None = None) -> list[dict]:
        """Scores a batch, halving it (then the chunk length) on out-of-memory."""
        chunk = chunk or self.max_chunk
        try:
            return self._score(batch, chunk)
        except torch.OutOfMemoryError:
            if self.device.type == "cuda":
                torch.cuda.empty_cache()
            if len(batch) > 1:
                half = len(batch) // 2
                warn(f"out of memory on a batch of {len(batch)}; halving it")
                return self.score(batch[:half], chunk) + self.score(batch[half:], chunk)
            longest = len(batch[0].ids)
            if min(chunk, longest) // 2 < MIN_CHUNK:
                raise JobError(f"out of memory scoring record {batch[0].id!r} ({longest} tokens) even in chunks of {chunk}: use a smaller dtype or another device", "oom")
            warn(f"out of memory on record {batch[0].id!r} ({longest} tokens); scoring it in chunks of {min(chunk, longest) // 2}")
            return self.score(batch, min(chunk, longest) // 2)

    @torch.no_grad()
    def _score(self, batch: list[Item], chunk: int) -> list[dict]:
        n, longest = len(batch), max(len(it.ids) for it in batch)
        # Right padding needs no attention mask: under the causal mask a real token attends only to
        # earlier positions, which are all real, and the outputs at padded positions are never read.
        # Without a mask, attention takes the fused causal kernel (about 2x faster on CPU).
        ids = torch.full((n, longest), self.pad_id, dtype=torch.long)
        # want[r, p]: hidden state at p predicts a scored token at p + 1
        want = torch.zeros((n, longest), dtype=torch.bool)
        for r, it in enumerate(batch):
            ids[r, : len(it.ids)] = torch.tensor(it.ids)
            want[r, it.start - 1 : len(it.ids) - 1] = True
        targets = torch.roll(ids, -1, dims=1)
        ids = ids.to(self.device)
        nll = torch.zeros(n, dtype=torch.float64)
        ent = torch.zeros(n, dtype=torch.float64)
        past = None
        for s in range(0, longest, chunk):
            e = min(longest, s + chunk)
            out = self.base(input_ids=ids[:, s:e], past_key_values=past, use_cache=e < longest)
            past = out.past_key_values
            rows, cols = want[:, s:e].nonzero(as_tuple=True)
            if len(rows) == 0:
                continue
            hidden = out.last_hidden_state[rows.to(self.device), cols.to(self.device)]
            tgt = targets[rows, cols + s].to(self.device)
            for a in range(0, len(rows), HEAD_ROWS):
                logits = torch.nn.functional.linear(hidden[a : a + HEAD_ROWS].float(), self.head_weight, self.head_bias)
                lp, h = _token_stats(logits, tgt[a : a + HEAD_ROWS])
                nll.index_add_(0, rows[a : a + HEAD_ROWS], -lp.double().cpu())
                ent.index_add_(0, rows[a : a + HEAD_ROWS], h.double().cpu())
        return [_record(it, nll[r].item(), ent[r].item()) for r, it in enumerate(batch)]


def _token_stats(logits: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """log p(target) and the entropy of each row's softmax, in float32."""
    z = logits.float()
    lse = torch.logsumexp(z, dim=-1)
    logp = z.gather(1, targets[:, None]).squeeze(1) - lse
    entropy = lse - (torch.softmax(z, dim=-1) * z).sum(-1)
    return logp, entropy


def _record(it: Item, nll_sum: float, ent_sum: float) -> dict:
    n = len(it.ids) - it.start
    if n <= 0:
        return {"id": it.id, "ppl": None, "nll_sum": 0.0, "n_tokens": 0, "mean_entropy": None}
    return {"id": it.id, "ppl": math.exp(nll_sum / n), "nll_sum": nll_sum, "n_tokens": n, "mean_entropy": ent_sum / n}


def _read_items(spec: dict, tok, out: ResumableOutput, order: list[str]):
    """Yields encoded items not yet done; fills `order` with every id in input order."""
    path, chat = spec["input"], spec["chat"]
    for lineno, rid, row in read_keyed(path):
        order.append(rid)
        if out.is_done(rid):
            continue
        response = require(row, "response", str, path, lineno)
        prompt = None if spec["no_prompt"] else require(row, "prompt", str, path, lineno)
        ids, n_prompt = encode_pair(tok, prompt, response, apply_template=chat["apply_template"], system_prompt=chat["system_prompt"], append_eos=spec["append_eos"])
        yield Item(rid, ids, scored_start(n_prompt))


def run(spec: dict) -> dict:
    check_model_dir(spec["model"])
    total = count_records(spec["input"])
    model, tok, setup = open_model(spec)
    opts = {k: spec[k] for k in ("input", "no_prompt", "append_eos", "chat")}
    out = ResumableOutput(spec["output"], fingerprint={**setup, **opts})
    pad = tok.pad_token_id if tok.pad_token_id is not None else 0
    scorer = Scorer(model, pad, spec["max_chunk"])
    progress = Progress(total, "records")
    progress.advance(out.resumed, status="resumed" if out.resumed else None, force=True)
    order: list[str] = []
    items = _read_items(spec, tok, out, order)
    n_tokens, started = 0, time.monotonic()
    while window := list(islice(items, spec["sort_window"])):
        # nothing to score (e.g. an empty response with no prompt): no forward pass needed
        out.write(_record(it, 0.0, 0.0) for it in window if it.start >= len(it.ids))
        window = sorted((it for it in window if it.start < len(it.ids)), key=lambda it: -len(it.ids))
        for batch in token_budget_batches(window, spec["token_budget"]):
            out.write(scorer.score(batch))
            n_tokens += sum(len(it.ids) for it in batch)
            progress.advance(len(batch))
    n = out.finish(order)
    seconds = time.monotonic() - started
    return {**setup, "output": spec["output"], "records": n, "resumed": out.resumed, "tokens_forwarded": n_tokens, "seconds": seconds}

