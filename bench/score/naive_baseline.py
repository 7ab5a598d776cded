"""The naive scorer `oxa score` is measured against: fixed-size batches in input order, each padded
to its longest sequence, full [batch, length, vocab] logits, log_softmax over every position — the
shape of the OXA authors' PPL script. Same token sequences as oxa (oxa_engine.chat.encode_pair).

usage: python naive_baseline.py MODEL_DIR INPUT.jsonl OUTPUT.jsonl BATCH_SIZE
prints one JSON line: {tokens, padded_tokens, seconds (scoring loop), wall (incl. load)}
"""
from __future__ import annotations

import json
import math
import sys
import time

t_start = time.monotonic()
import torch  # noqa: E402
from transformers import AutoModelForCausalLM, AutoTokenizer  # noqa: E402

from oxa_engine.chat import encode_pair  # noqa: E402


def main(model_dir: str, inp: str, out: str, batch_size: int) -> None:
    tok = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(model_dir, local_files_only=True).eval()
    rows = [json.loads(l) for l in open(inp, encoding="utf-8") if l.strip()]
    seqs = [encode_pair(tok, r["prompt"], r["response"]) for r in rows]
    tokens = padded = 0
    results = []
    t0 = time.monotonic()
    with torch.no_grad():
        for b in range(0, len(seqs), batch_size):
            batch = seqs[b : b + batch_size]
            longest = max(len(ids) for ids, _ in batch)
            ids = torch.full((len(batch), longest), tok.pad_token_id)
            mask = torch.zeros((len(batch), longest), dtype=torch.long)
            for r, (s, _) in enumerate(batch):
                ids[r, : len(s)] = torch.tensor(s)
                mask[r, : len(s)] = 1
            logp = torch.log_softmax(model(input_ids=ids, attention_mask=mask).logits.float(), -1)
            for r, (s, n_prompt) in enumerate(batch):
                t = torch.arange(n_prompt, len(s))
                nll = -logp[r, t - 1, torch.tensor(s[n_prompt:])].sum().item()
                results.append({"ppl": math.exp(nll / len(t)), "n_tokens": len(t)})
            tokens += sum(len(s) for s, _ in batch)
            padded += len(batch) * longest
    seconds = time.monotonic() - t0
    with open(out, "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in results)
    print(json.dumps({"tokens": tokens, "padded_tokens": padded, "seconds": seconds, "wall": time.monotonic() - t_start}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
