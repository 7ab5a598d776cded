"""This machine's float32 matrix-multiply peak in torch: best of several n x n matmuls, GFLOP/s.

usage: python matmul_peak.py [N]   prints {"n", "threads", "gflops"}
"""
from __future__ import annotations

import json
import sys
import time

import torch

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2048
a, b = torch.randn(n, n), torch.randn(n, n)
torch.mm(a, b)  # warm-up
best = float("inf")
for _ in range(8):
    t = time.perf_counter()
    torch.mm(a, b)
    best = min(best, time.perf_counter() - t)
print(json.dumps({"n": n, "threads": torch.get_num_threads(), "gflops": 2 * n**3 / best / 1e9}))
