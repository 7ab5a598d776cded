"""Helpers for the DPO tests: hand-made pairs from the test corpus (step pairs with a prefix and no
EOS on the rejected step, outcome pairs with EOS), their files, a one-process stand-in for
accelerate, and an independent float64 computation of the DPO loss written from the definitions."""
from __future__ import annotations

import hashlib
import json
import math
import re
from contextlib import nullcontext
from pathlib import Path

import torch
import torch.nn.functional as F

from conftest import CORPUS


def make_pairs(n: int = 8, outcome_only: bool = False) -> list[dict]:
    pairs = []
    for i, line in enumerate(CORPUS.read_text().splitlines()[:n]):
        q, s = line.removeprefix("Question: ").split(" Solution: ")
        steps = [t.strip() + "." for t in s.split(". ") if t.strip()]
        j = i % min(3, len(steps))  # steps before the compared part
        prefix = "".join(t + "\n" for t in steps[:j])
        wrong = re.sub(r"\d+", lambda m: str(int(m.group()) + 3), steps[j])
        outcome = outcome_only or i % 2 == 1
        pairs.append({
            "id": f"p{i}", "problem_id": f"q{i}", "kind": "outcome" if outcome else "step", "prompt": f"Question: {q}\n",
            "prefix": "" if outcome else prefix, "chosen": "\n".join(steps[0 if outcome else j :]),
            "rejected": "\n".join([wrong] + steps[j + 1 :]) if outcome else wrong, "rejected_eos": outcome,
            **({} if outcome else {"pit_step": j + 1}),
        })
    return pairs


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def write_schedule(path: Path, pairs: Path, batches: list[list[int]], epochs: list[int] | None = None) -> Path:
    n = sum(1 for l in pairs.read_text().splitlines() if l.strip())
    epochs = epochs or [0] * len(batches)
    doc = {"version": 1, "pairs": str(pairs), "n_pairs": n, "pairs_sha256": hashlib.sha256(pairs.read_bytes()).hexdigest(),
           "global_batch": len(batches[0]), "epochs": max(epochs) + 1, "seed": 0,
           "batches": [{"epoch": e, "rows": b} for e, b in zip(epochs, batches)]}
    path.write_text(json.dumps(doc))
    return path


class OneProcess:
    """accelerate's single-process behaviour as the step uses it: backward divides by the
    accumulation steps, accumulate() only counts."""

    num_processes = 1
    device = torch.device("cpu")

    def __init__(self, accumulation_steps: int):
        self.steps = accumulation_steps

    def accumulate(self, model):
        return nullcontext()

    def backward(self, loss):
        (loss / self.steps).backward()


# ---- the independent computation (no engine code) -------------------------------------------------

def plain_ids(tok, pair: dict, side: str) -> tuple[list[int], int]:
    """The sequence from the pairs-file definition, without the template: prompt, prefix, completion (+EOS)."""
    ctx = tok(pair["prompt"], add_special_tokens=False).input_ids + (tok(pair["prefix"], add_special_tokens=False).input_ids if pair["prefix"] else [])
    comp = tok(pair[side], add_special_tokens=False).input_ids
    if side == "chosen" or pair["rejected_eos"]:
        comp = comp + [tok.eos_token_id]
    return ctx + comp, len(ctx)


def plain_logp(lm, ids: list[int], start: int) -> tuple[torch.Tensor, int]:
    """Sum of log p(token t | tokens < t) for t = start .. len-1, from a full forward in float64."""
    logits = lm(torch.tensor([ids])).logits[0].double()
    logp = torch.log_softmax(logits, dim=-1)
    total = logp.new_zeros(())
    for t in range(start, len(ids)):
        total = total + logp[t - 1, ids[t]]
    return total, len(ids) - start


def plain_dpo(policy, reference, tok, pairs: list[dict], loss_type: str, beta: float, ls: float) -> tuple[torch.Tensor, dict]:
    """Mean loss over the pairs (with grad through `policy`) and TRL's statistics, pair by pair."""
    losses, rc_list, rr_list, pc_list, pr_list = [], [], [], [], []
    for p in pairs:
        (ic, sc), (ir, sr) = plain_ids(tok, p, "chosen"), plain_ids(tok, p, "rejected")
        pc, nc = plain_logp(policy, ic, sc)
        pr, nr = plain_logp(policy, ir, sr)
        with torch.no_grad():
            rc, _ = plain_logp(reference, ic, sc)
            rr, _ = plain_logp(reference, ir, sr)
        d = (pc - rc) - (pr - rr)
        if loss_type == "sigmoid":
            loss = F.softplus(-beta * d)  # -log sigmoid(x) = log(1 + e^-x)
        elif loss_type == "ipo":
            loss = ((pc - rc) / nc - (pr - rr) / nr - 1 / (2 * beta)) ** 2
        else:  # robust: ((1 - ls) * -log sigmoid(b d) - ls * -log sigmoid(-b d)) / (1 - 2 ls)
            loss = ((1 - ls) * F.softplus(-beta * d) - ls * F.softplus(beta * d)) / (1 - 2 * ls)
        losses.append(loss)
        pc_list.append(pc.item()); pr_list.append(pr.item()); rc_list.append(rc.item()); rr_list.append(rr.item())
    n = len(pairs)
    rw_c = [beta * (a - b) for a, b in zip(pc_list, rc_list)]
    rw_r = [beta * (a - b) for a, b in zip(pr_list, rr_list)]
    stats = {
        "rewards/chosen": sum(rw_c) / n, "rewards/rejected": sum(rw_r) / n,
        "rewards/accuracies": sum(a > b for a, b in zip(rw_c, rw_r)) / n,
        "rewards/margins": sum(a - b for a, b in zip(rw_c, rw_r)) / n,
        "logps/chosen": sum(pc_list) / n, "logps/rejected": sum(pr_list) / n,
        "ref": list(zip(rc_list, rr_list)),
    }
    return torch.stack(losses).sum() / n, stats


def rel_close(a: float, b: float, rel: float, floor: float = 1e-12) -> bool:
    return abs(a - b) <= rel * max(abs(a), abs(b), floor) or math.isclose(a, b, abs_tol=floor)
