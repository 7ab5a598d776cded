"""Peak memory of DPO training with precomputed reference log-probs (oxa's way: the dpo-reference
job scores the pairs with the reference model alone, then the dpo training holds only the policy)
against a second, in-memory reference model beside the policy (TRL's default way).

    engine/.venv/bin/python bench/dpo/dpo_memory.py [--hidden 1024 --layers 6 --pairs 8 --steps 2 --micro 4]

Every measurement is a fresh process whose peak RSS (os.wait4's ru_maxrss) is read by this script:
  load          the policy loaded, nothing else (the floor: interpreter, libraries, weights)
  reference     `python -m oxa_engine dpo-reference` on the pairs (reference model alone, no grad)
  precomputed   --steps steps of the engine's dpo_step + AdamW with the reference file (policy alone)
  in-memory     the same steps with a second model resident, its log-probs computed per step
  job           the real `python -m oxa_engine dpo` job (adds its final checkpoint and model save)
precomputed and in-memory run the same code (dpo/step.py, train/optim.py, a real Accelerator) and
differ only in where the reference log-probs come from; their first-step losses must agree (checked).
The model is a make-tiny-model Qwen2 made big enough that the reference weights are visible in RSS.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "engine"
sys.path.insert(0, str(ENGINE))
CORPUS = ENGINE / "tests" / "fixtures" / "corpus.txt"


def make_pairs(n: int, repeat: int) -> list[dict]:
    pairs = []
    for i, line in enumerate(CORPUS.read_text().splitlines()[:n]):
        q, s = line.removeprefix("Question: ").split(" Solution: ")
        long = "\n".join([s] * repeat)
        pairs.append({"id": f"p{i}", "prompt": q, "prefix": "", "chosen": long, "rejected": long.replace("=", "is about"), "rejected_eos": True})
    return pairs


def measure(cmd: list[str]) -> tuple[float, str]:
    """Runs cmd; returns (its peak RSS in MiB, its stdout)."""
    env = {**os.environ, "PYTHONPATH": str(ENGINE), "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "2")}
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return usage.ru_maxrss / 1024, out


def worker(mode: str, model: str, pairs_path: str, ref_path: str, steps: int, micro: int) -> None:
    """Runs in its own process: load, or `steps` DPO steps with the reference precomputed or resident."""
    import torch
    from accelerate import Accelerator
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from oxa_engine.dpo.encode import PairEncoder
    from oxa_engine.dpo.model import SequenceLogps
    from oxa_engine.dpo.pairs import read_pairs, read_reference
    from oxa_engine.dpo.step import dpo_step, micro_batches, policy_logps
    from oxa_engine.train.optim import adamw

    torch.manual_seed(0)
    tok = AutoTokenizer.from_pretrained(model, local_files_only=True)
    lm = AutoModelForCausalLM.from_pretrained(model, local_files_only=True, dtype=torch.float32)
    if mode == "load":  # read every weight, so the lazily mapped file pages count as they do in training
        with torch.no_grad():
            sum(float(p.double().sum()) for p in lm.parameters())
        print(json.dumps({"loaded": sum(p.numel() for p in lm.parameters())}), file=sys.__stdout__)
        return
    pairs = read_pairs(pairs_path)
    encode = PairEncoder(tok, {"apply_template": True, "system_prompt": None}, True)
    sides = [encode(p) for p in pairs]
    if mode == "in-memory":
        ref_lm = AutoModelForCausalLM.from_pretrained(model, local_files_only=True, dtype=torch.float32).eval()
        ref_lm.requires_grad_(False)
        ref_model = SequenceLogps(ref_lm)
    else:
        refs = read_reference(ref_path)
    n_micro = len(micro_batches([(c, r, None) for c, r in sides], micro))
    acc = Accelerator(cpu=True, gradient_accumulation_steps=n_micro)
    model = SequenceLogps(lm)
    opt = adamw(model, 1e-6, (0.9, 0.95), 0.0)
    model, opt = acc.prepare(model, opt)
    model.train()
    opts = {"micro_batch_size": micro, "loss_type": "sigmoid", "beta": 0.1, "label_smoothing": 0.0}
    losses = []
    for _ in range(steps):
        if mode == "in-memory":  # the reference's log-probs for this batch, from the resident model
            items = []
            with torch.no_grad():
                for group in micro_batches([(c, r, p["id"]) for (c, r), p in zip(sides, pairs)], micro):
                    rc, rr, _ = policy_logps(ref_model, group, tok.pad_token_id or 0, acc.device)
                    items += [(c, r, {"chosen_logp": a, "rejected_logp": b}) for (c, r, _), a, b in zip(group, rc.tolist(), rr.tolist())]
        else:
            items = [(c, r, refs[p["id"]]) for (c, r), p in zip(sides, pairs)]
        stats, _ = dpo_step(acc, model, items, len(items), opts, tok.pad_token_id or 0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        losses.append(stats["loss"])
    print(json.dumps({"losses": losses}), file=sys.__stdout__)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--hidden", type=int, default=1024)
    ap.add_argument("--layers", type=int, default=6)
    ap.add_argument("--pairs", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=3, help="solution text repeated this many times per completion")
    ap.add_argument("--steps", type=int, default=2)
    ap.add_argument("--micro", type=int, default=4)
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "dpo-memory"))
    ap.add_argument("--worker", nargs=6, metavar=("MODE", "MODEL", "PAIRS", "REF", "STEPS", "MICRO"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        mode, model, pairs, ref, steps, micro = a.worker
        return worker(mode, model, pairs, ref, int(steps), int(micro))

    from oxa_engine.jobs import make_tiny_model
    from oxa_engine.protocol import validate_spec

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    model = out / f"model-h{a.hidden}-l{a.layers}"
    if not (model / "model.safetensors").exists():
        made = make_tiny_model.run(validate_spec("make-tiny-model", {"out": str(model), "corpus": str(CORPUS), "hidden_size": a.hidden, "intermediate_size": 4 * a.hidden,
                                                                      "num_hidden_layers": a.layers, "num_attention_heads": 16, "num_key_value_heads": 4}))
        print(f"model: {made['n_params']:,} parameters", file=sys.stderr)
    pairs = out / "pairs.jsonl"
    pairs.write_text("".join(json.dumps(p) + "\n" for p in make_pairs(a.pairs, a.repeat)))
    ref = out / "reference.jsonl"
    py = sys.executable
    spec = out / "dpo-reference.spec.json"
    spec.write_text(json.dumps({"model": str(model), "pairs": str(pairs), "output": str(ref), "device": "cpu"}))
    results = {}
    for name, cmd in [
        ("load", [py, __file__, "--worker", "load", str(model), str(pairs), str(ref), "0", "1"]),
        ("reference", [py, "-m", "oxa_engine", "dpo-reference", "--spec", str(spec)]),
        ("precomputed", [py, __file__, "--worker", "precomputed", str(model), str(pairs), str(ref), str(a.steps), str(a.micro)]),
        ("in-memory", [py, __file__, "--worker", "in-memory", str(model), str(pairs), str(ref), str(a.steps), str(a.micro)]),
    ]:
        t0 = time.monotonic()
        rss, stdout = measure(cmd)
        results[name] = {"peak_rss_mib": round(rss, 1), "seconds": round(time.monotonic() - t0, 1), "out": stdout.strip().splitlines()[-1] if stdout.strip() else ""}
        print(json.dumps({name: results[name]}), file=sys.stderr)
    # the real job, for the record (it also writes a checkpoint and the final model)
    sched = out / "dpo-schedule.json"
    import hashlib

    sched.write_text(json.dumps({"version": 1, "pairs": str(pairs), "n_pairs": a.pairs, "pairs_sha256": hashlib.sha256(pairs.read_bytes()).hexdigest(), "global_batch": a.pairs,
                                 "epochs": 1, "seed": 0, "batches": [{"epoch": 0, "rows": list(range(a.pairs))} for _ in range(a.steps)]}))
    jspec = out / "dpo.spec.json"
    jspec.write_text(json.dumps({"model": str(model), "schedule": str(sched), "reference": str(ref), "out": str(out / "run"), "device": "cpu", "micro_batch_size": a.micro, "save_each_epoch": False}))
    t0 = time.monotonic()
    rss, _ = measure([py, "-m", "oxa_engine", "dpo", "--spec", str(jspec)])
    results["job"] = {"peak_rss_mib": round(rss, 1), "seconds": round(time.monotonic() - t0, 1)}
    pre, mem = json.loads(results["precomputed"]["out"])["losses"], json.loads(results["in-memory"]["out"])["losses"]
    assert all(abs(x - y) <= 1e-5 * abs(y) for x, y in zip(pre, mem)), (pre, mem)  # the same training, whichever way
    n_params = json.loads(results["load"]["out"])["loaded"]
    summary = {"params": n_params, "weights_mib": round(n_params * 4 / 2**20, 1), "pairs": a.pairs, "steps": a.steps, "micro": a.micro, **results,
               "precomputed_peak_mib": max(results["reference"]["peak_rss_mib"], results["precomputed"]["peak_rss_mib"]),
               "saved_mib": round(results["in-memory"]["peak_rss_mib"] - max(results["reference"]["peak_rss_mib"], results["precomputed"]["peak_rss_mib"]), 1)}
    (out / "summary.json").write_text(json.dumps(summary, indent=1))
    print(json.dumps(summary, indent=1), file=sys.__stdout__)  # oxa_engine.protocol points sys.stdout at stderr


if __name__ == "__main__":
    main()
