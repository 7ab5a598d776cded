"""Fingerprints the numbers the engine computes on CPU under the current process's settings (thread
count, MKL/oneDNN/ATen kernel choice from the environment): one KV-cache decoding step, forward
logits, loss, gradients, and the weights after a few AdamW steps on a fixed batch of a model directory. Run it in separate processes
with different environments and compare the hashes to see which setting changes which number.

    engine/.venv/bin/python bench/repro/probe.py MODEL_DIR [--threads N] [--steps 3]

Prints one JSON line: capability, threads, a sha256 per quantity, the loss (repr) and seconds.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "engine"))
from oxa_engine.determinism import apply_cpu_determinism, decoding_kernels  # noqa: E402  (before torch, as the engine does)

apply_cpu_determinism()

import torch  # noqa: E402
from transformers import AutoModelForCausalLM  # noqa: E402



def digest(t: torch.Tensor) -> str:
    return hashlib.sha256(t.detach().contiguous().float().numpy().tobytes()).hexdigest()[:16]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--steps", type=int, default=3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--length", type=int, default=128)
    a = ap.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_pretrained(a.model, torch_dtype=torch.float32)
    vocab = model.config.vocab_size
    ids = torch.randint(0, vocab, (a.batch, a.length), generator=torch.Generator().manual_seed(1))
    t0 = time.perf_counter()
    # one batched decoding step with a KV cache and left padding, as the generate job does
    with torch.no_grad():
        mask = torch.ones_like(ids)
        mask[: a.batch // 2, :5] = 0
        pos = (mask.cumsum(1) - 1).clamp(min=0)
        pre = model(input_ids=ids, attention_mask=mask, position_ids=pos, use_cache=True, logits_to_keep=1)
        step = model(input_ids=ids[:, :1], attention_mask=torch.cat([mask, torch.ones_like(mask[:, :1])], 1),
                     position_ids=pos[:, -1:] + 1, past_key_values=pre.past_key_values, use_cache=True)
    decode_h = digest(step.logits)
    out = model(input_ids=ids, labels=ids)
    logits_h = digest(out.logits)
    out.loss.backward()
    grad_h = hashlib.sha256("".join(digest(p.grad) for p in model.parameters() if p.grad is not None).encode()).hexdigest()[:16]
    loss0 = repr(out.loss.item())
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    opt.step()
    for _ in range(a.steps - 1):
        opt.zero_grad()
        model(input_ids=ids, labels=ids).loss.backward()
        opt.step()
    weights_h = hashlib.sha256("".join(digest(p) for p in model.parameters()).encode()).hexdigest()[:16]
    print(json.dumps({
        "capability": torch.backends.cpu.get_cpu_capability(),
        "threads": torch.get_num_threads(),
        "decode": decode_h, "logits": logits_h, "grads": grad_h, "weights": weights_h, "loss": loss0,
        "seconds": round(time.perf_counter() - t0, 3),
    }))


if __name__ == "__main__":
    with decoding_kernels():  # the whole probe under the generate job's decoding setting, threads set in main()
        main()
