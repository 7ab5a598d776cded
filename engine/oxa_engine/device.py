"""Device and dtype choice, and model loading with clear errors."""
from __future__ import annotations

from pathlib import Path

import torch

from .protocol import JobError


def resolve_device(name: str) -> torch.device:
    if name == "cuda" and not torch.cuda.is_available():
        raise JobError("device cuda requested but no CUDA GPU is visible", "device")
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def resolve_dtype(name: str, device: torch.device) -> torch.dtype:
    if name == "auto":
        return torch.bfloat16 if device.type == "cuda" else torch.float32
    return {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}[name]


def check_model_dir(path: str) -> Path:
    p = Path(path)
    if not p.is_dir():
        raise JobError(f"model directory not found: {path}", "model")
    missing = [f for f in ("config.json", "tokenizer_config.json") if not (p / f).is_file()]
    if not any(p.glob("*.safetensors")) and not any(p.glob("*.bin")):
        missing.append("*.safetensors")
    if missing:
        raise JobError(f"model directory {path} is missing {', '.join(missing)}", "model")
    return p


def load_model_and_tokenizer(path: str, device: torch.device, dtype: torch.dtype):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    check_model_dir(path)
    try:
        tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(path, local_files_only=True, dtype=dtype)
    except Exception as e:  # noqa: BLE001
        raise JobError(f"cannot load model from {path}: {type(e).__name__}: {e}", "model")
    model.to(device)
    model.eval()
    return model, tok


def open_model(spec: dict):
    """Model and tokenizer for a job spec with model / device / dtype fields, and a record of the
    set-up ({model, dtype, device}) that jobs report beside their numbers."""
    device = resolve_device(spec["device"])
    dtype = resolve_dtype(spec["dtype"], device)
    model, tok = load_model_and_tokenizer(spec["model"], device, dtype)
    return model, tok, {"model": spec["model"], "dtype": str(dtype).removeprefix("torch."), "device": device.type}
