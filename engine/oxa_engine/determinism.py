"""Same numbers on any x86-64 CPU of this kind: pins the CPU kernel choice before torch is imported.

Measured (bench/repro/probe.py, docs/reproducibility.md): on CPU, the thread count did not change a
bit of the tiny models' forward, gradients or AdamW steps, but the *kernel family* did — ATen's
vectorised kernels (softmax, norms, reductions) are chosen by the CPU's widest ISA (AVX-512 on an
Intel Xeon or a Zen 4 EPYC, AVX2 on older EPYCs), and MKL's GEMMs take an AVX-512 path on Intel and
its AVX2 path on AMD. Either choice changes the last bits of every logit, and training amplifies them.
So, unless the user set them, the engine asks both for AVX2, which every such CPU has:
`ATEN_CPU_CAPABILITY=avx2` and `MKL_CBWR=AVX2` (MKL's conditional numerical reproducibility).
`OXA_CPU_KERNELS=native` keeps the machine's own choice (faster on AVX-512, not reproducible across
CPUs). Both variables are read when torch loads MKL and its dispatcher, hence before any import.

The thread count mattered in one place: scaled-dot-product attention's CPU flash kernel splits a
one-token decoding step's keys by thread, so generation's entropies changed in the 8th digit between
1 and 2 threads. `decoding_kernels()` (a context the generate job decodes in) turns that kernel off when no GPU is present, so attention takes SDPA's math path (matmul +
softmax), and pins decoding to one intra-op thread (a whole eval still differed in the 8th digit of
its entropies between 1 and 2 threads with flash off). Not for training: with the math path a
pretraining run's weights differed between 1 and 2 threads, with the flash kernel they did not. On a GPU machine nothing changes (the flag is global and flash attention is what GPUs want).
"""
from __future__ import annotations

import os
import platform
from contextlib import contextmanager

# What OXA_CPU_KERNELS=avx2 (the default) sets when the variable is not already in the environment.
PINNED = {"ATEN_CPU_CAPABILITY": "avx2", "MKL_CBWR": "AVX2"}


def apply_cpu_determinism(environ: os._Environ | dict | None = None) -> dict[str, str]:
    """Sets the pinned kernel choice in `environ` (os.environ by default) and returns what it set.
    A value the user already set wins; nothing is set off x86-64 or with OXA_CPU_KERNELS=native."""
    env = os.environ if environ is None else environ
    mode = env.get("OXA_CPU_KERNELS", "avx2")
    if mode not in ("avx2", "native"):
        raise ValueError(f"OXA_CPU_KERNELS={mode!r}: expected 'avx2' (reproducible, the default) or 'native'")
    if mode == "native" or platform.machine().lower() not in ("x86_64", "amd64"):
        return {}
    applied = {k: v for k, v in PINNED.items() if k not in env}
    env.update(applied)
    return applied


@contextmanager
def decoding_kernels(environ: os._Environ | dict | None = None):
    """While decoding on a CPU-only machine (unless OXA_CPU_KERNELS=native): SDPA's flash kernel off and
    one intra-op thread; both restored on exit. Scoped, because an in-process caller (the tests, a job
    that scores after sampling) must not inherit them: a long sequence scored through the math path
    differs in the last bits from the flash path an engine subprocess takes."""
    env = os.environ if environ is None else environ
    import torch

    if env.get("OXA_CPU_KERNELS", "avx2") == "native" or torch.cuda.is_available():
        yield False
        return
    flash, threads = torch.backends.cuda.flash_sdp_enabled(), torch.get_num_threads()
    torch.backends.cuda.enable_flash_sdp(False)  # despite the name, CPU SDPA honours this flag too
    # Turning flash off was not enough: in a full eval, sampled tokens matched but entropies still
    # differed in the 8th digit between 1 and 2 threads, so decoding runs on one intra-op thread.
    torch.set_num_threads(1)
    try:
        yield True
    finally:
        torch.backends.cuda.enable_flash_sdp(flash)
        torch.set_num_threads(threads)
