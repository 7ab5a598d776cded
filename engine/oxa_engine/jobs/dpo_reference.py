"""dpo-reference: the reference model's summed completion log-probs of every pair, computed once.

The scoring path of the score job (its Scorer: length-sorted token-budget batches, float32 head,
chunking through the KV cache on out-of-memory) over the two sequences of each pair, built exactly
as the dpo job builds them (dpo/encode.py). One record per pair, in input order, resumable by pair
id: {id, chosen_logp, rejected_logp, chosen_tokens, rejected_tokens}. The dpo job then needs only
the policy in memory.
"""
from __future__ import annotations

import time

from ..device import check_model_dir, open_model
from ..dpo.encode import PairEncoder
from ..dpo.pairs import read_pairs
from ..protocol import Progress
from ..records import ResumableOutput
from .score import Item, Scorer, token_budget_batches


def run(spec: dict) -> dict:
    check_model_dir(spec["model"])
    pairs = read_pairs(spec["pairs"])
    model, tok, setup = open_model(spec)
    encode = PairEncoder(tok, spec["chat"], spec["strip_default_system_prompt"])
    opts = {k: spec[k] for k in ("pairs", "chat", "strip_default_system_prompt")}
    out = ResumableOutput(spec["output"], fingerprint={**setup, **opts})
    pad = tok.pad_token_id if tok.pad_token_id is not None else 0
    scorer = Scorer(model, pad, spec["max_chunk"])
    progress = Progress(len(pairs), "pairs")
    progress.advance(out.resumed, status="resumed" if out.resumed else None, force=True)
    todo = [p for p in pairs if not out.is_done(p["id"])]
    started = time.monotonic()
    for w in range(0, len(todo), spec["sort_window"]):
        window = todo[w : w + spec["sort_window"]]
        items = []
        for p in window:
            chosen, rejected = encode(p)
            items += [Item(p["id"] + "\x00c", chosen.ids, chosen.start), Item(p["id"] + "\x00r", rejected.ids, rejected.start)]
        scored: dict[str, dict] = {}
        for batch in token_budget_batches(sorted(items, key=lambda it: -len(it.ids)), spec["token_budget"]):
            for rec in scorer.score(batch):
                scored[rec["id"]] = rec
            progress.advance(0)
        out.write(_pair_record(p["id"], scored[p["id"] + "\x00c"], scored[p["id"] + "\x00r"]) for p in window)
        progress.advance(len(window))
    n = out.finish([p["id"] for p in pairs])
    return {**setup, "output": spec["output"], "pairs": n, "resumed": out.resumed, "seconds": time.monotonic() - started}


def _pair_record(pid: str, chosen: dict, rejected: dict) -> dict:
    return {"id": pid, "chosen_logp": -chosen["nll_sum"], "rejected_logp": -rejected["nll_sum"], "chosen_tokens": chosen["n_tokens"], "rejected_tokens": rejected["n_tokens"]}
