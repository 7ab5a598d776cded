"""The engine's CPU kernel pinning (oxa_engine/determinism.py): what it sets, what it leaves alone,
and that under it a decoding step, gradients and AdamW steps give the same bits with 1 and 2 threads
(bench/repro/probe.py in separate processes, as two runs on two machines would be)."""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from oxa_engine.determinism import PINNED, apply_cpu_determinism

ROOT = Path(__file__).resolve().parents[2]
X86 = platform.machine().lower() in ("x86_64", "amd64")


@pytest.mark.skipif(not X86, reason="the pin applies to x86-64 only")
def test_sets_pins_and_respects_user_values():
    env: dict = {}
    assert apply_cpu_determinism(env) == PINNED
    assert env == {"ATEN_CPU_CAPABILITY": "avx2", "MKL_CBWR": "AVX2"}
    env = {"MKL_CBWR": "COMPATIBLE"}
    assert apply_cpu_determinism(env) == {"ATEN_CPU_CAPABILITY": "avx2"}
    assert env["MKL_CBWR"] == "COMPATIBLE"


def test_native_opts_out_and_bad_value_is_refused():
    env = {"OXA_CPU_KERNELS": "native"}
    assert apply_cpu_determinism(env) == {}
    assert env == {"OXA_CPU_KERNELS": "native"}
    with pytest.raises(ValueError, match="OXA_CPU_KERNELS"):
        apply_cpu_determinism({"OXA_CPU_KERNELS": "fast"})


def _probe(model: str, threads: int, extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("ATEN_CPU_CAPABILITY", "MKL_CBWR", "OXA_CPU_KERNELS")}
    env.update({"OMP_NUM_THREADS": str(threads), **(extra or {})})
    r = subprocess.run([sys.executable, str(ROOT / "bench/repro/probe.py"), model, "--threads", str(threads), "--batch", "8", "--length", "64", "--steps", "2"],
                       env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not X86, reason="the pin applies to x86-64 only")
def test_same_bits_at_1_and_2_threads(tiny_model):
    one = _probe(str(tiny_model), 1)
    two = _probe(str(tiny_model), 2)
    assert one["capability"] == "AVX2"
    for k in ("logits", "grads", "weights", "loss"):
        assert one[k] == two[k], k


def test_decoding_kernels_are_scoped():
    """An in-process generate must not leave the math-path attention on for a later score or train
    (the clean-clone CI once failed on exactly that: a long row scored in-process after the generate
    tests differed in its last bits from the same row scored by an engine subprocess)."""
    import torch

    from oxa_engine.determinism import decoding_kernels

    before = (torch.backends.cuda.flash_sdp_enabled(), torch.get_num_threads())
    torch.set_num_threads(2)
    with decoding_kernels() as pinned:
        if pinned:
            assert not torch.backends.cuda.flash_sdp_enabled() and torch.get_num_threads() == 1
    assert (torch.backends.cuda.flash_sdp_enabled(), torch.get_num_threads()) == (before[0], 2)
    torch.set_num_threads(before[1])
    with decoding_kernels({"OXA_CPU_KERNELS": "native"}) as pinned:
        assert pinned is False and torch.backends.cuda.flash_sdp_enabled() == before[0]
