"""Shared pytest fixtures: tiny real models built once per session by the make-tiny-model job.

Other engine tests use them as `tiny_model` (Qwen2, no BOS) and `tiny_llama_bos` (Llama whose
tokenizer prepends a BOS token), or call `build_tiny_model(dir, **fields)` for a model of their own.
"""
from __future__ import annotations

import os
from pathlib import Path

# Tiny models gain nothing from threads, and on a busy shared machine two spinning OpenMP threads
# can make each op 10x slower; engine subprocesses started by tests inherit this too.
os.environ["OMP_NUM_THREADS"] = "1"

# In-process jobs take the same CPU kernels as the engine subprocesses (oxa_engine/determinism.py).
from oxa_engine.determinism import apply_cpu_determinism  # noqa: E402

apply_cpu_determinism()

import pytest  # noqa: E402
import torch  # noqa: E402

from oxa_engine.jobs import make_tiny_model  # noqa: E402
from oxa_engine.protocol import validate_spec  # noqa: E402

torch.set_num_threads(1)

FIXTURES = Path(__file__).with_name("fixtures")
CORPUS = FIXTURES / "corpus.txt"

# Small enough to build in ~1 s and run a forward pass in milliseconds on one CPU core; the larger
# initializer_range makes next-token distributions far from uniform, so numeric checks have teeth.
TINY = dict(vocab_size=384, hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, initializer_range=0.2)


def spec_for(job: str, **fields) -> dict:
    """A validated spec with defaults filled, as the engine's entry point would pass it."""
    return validate_spec(job, fields)


def build_tiny_model(out: Path, **fields) -> Path:
    make_tiny_model.run(spec_for("make-tiny-model", out=str(out), corpus=str(CORPUS), **{**TINY, **fields}))
    return out


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("models") / "qwen2")


@pytest.fixture(scope="session")
def tiny_llama_bos(tmp_path_factory) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("models") / "llama-bos", arch="llama", add_bos=True, seed=1)
