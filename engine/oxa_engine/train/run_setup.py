"""What the train and dpo jobs share around their step loops: the accelerator (bf16 autocast on CUDA,
DeepSpeed's micro-batch), model loading with the RoPE/context overrides, and the start of a run —
the newest complete checkpoint to resume from (refused when it was trained on another schedule),
its state loaded, and the metrics of steps it does not include trimmed; a fresh run clears what an
earlier run left in out/.
"""
from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import torch

from ..device import check_model_dir, resolve_device
from ..protocol import JobError
from .checkpoint import complete_checkpoints, read_state


def make_accelerator(spec: dict, n_micro: int):
    from accelerate import Accelerator

    device = resolve_device(spec["device"])
    mixed = "bf16" if device.type == "cuda" and spec["dtype"] == "auto" else "no"
    accelerator = Accelerator(cpu=device.type == "cpu", mixed_precision=mixed, gradient_accumulation_steps=n_micro)
    ds = accelerator.state.deepspeed_plugin
    if ds is not None:  # DeepSpeed takes its micro-batch from a prepared dataloader, and we prepare none
        ds.deepspeed_config["train_micro_batch_size_per_gpu"] = spec["micro_batch_size"]
    return accelerator


def load_model(spec: dict):
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    path = spec["model"]
    check_model_dir(path)
    config = AutoConfig.from_pretrained(path, local_files_only=True)
    if spec["rope_theta"] is not None:
        config.rope_parameters = {**(getattr(config, "rope_parameters", None) or {"rope_type": "default"}), "rope_theta": spec["rope_theta"]}
    if spec["max_position_embeddings"] is not None:
        config.max_position_embeddings = spec["max_position_embeddings"]
    dtype = {"auto": torch.float32, "float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}[spec["dtype"]]
    tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(path, config=config, local_files_only=True, dtype=dtype)
    if spec["gradient_checkpointing"]:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    model.config.use_cache = False
    return model, tok


def resume_point(spec: dict, out: Path, schedule_sha: str):
    found = complete_checkpoints(out)
    if not spec["resume"] or not found:
        return None, 0
    state = read_state(found[-1])
    if state["schedule_sha256"] != schedule_sha:
        raise JobError(f"cannot resume from {found[-1]}: it was trained on a different schedule", "resume")
    return found[-1], state["step"]


def trim_metrics(path: Path, step: int) -> None:
    """Keeps the metric lines of steps the resumed state includes (a crash may have written more)."""
    if path.exists():
        keep = [l for l in path.read_text().splitlines() if l.strip() and json.loads(l)["step"] <= step]
        path.write_text("".join(l + "\n" for l in keep))


def start_run(accelerator, spec: dict, out: Path, schedule_sha: str):
    """Prepares out/ and resumes when asked: returns (checkpoint or None, first step, metrics path, last good checkpoint)."""
    if accelerator.is_main_process:
        out.mkdir(parents=True, exist_ok=True)
    accelerator.wait_for_everyone()
    ckpt, start = resume_point(spec, out, schedule_sha)
    if ckpt is not None:
        accelerator.load_state(str(ckpt / "trainer_state"))
    metrics_path = out / "metrics.jsonl"
    if accelerator.is_main_process:
        if start == 0:  # a fresh run: earlier checkpoints and metrics in out/ belong to another run
            metrics_path.unlink(missing_ok=True)
            shutil.rmtree(out / "checkpoints", ignore_errors=True)
        trim_metrics(metrics_path, start)
    accelerator.wait_for_everyone()
    return ckpt, start, metrics_path, (str(ckpt) if ckpt else None)


def clip_and_step(accelerator, model, optimizer, scheduler, spec: dict, loss: float, step: int, last_good, epoch: int | None = None):
    """Clip, refuse a non-finite loss or gradient norm (naming the step and the last good
    checkpoint, before the update touches the weights), then step optimiser and schedule.
    Returns (learning rate used, gradient norm or None)."""
    # DeepSpeed clips inside its own step (gradient_clipping in its config) and may report no norm
    grad_norm = accelerator.clip_grad_norm_(model.parameters(), spec["max_grad_norm"])
    grad_norm = float(grad_norm) if grad_norm is not None else None
    if not math.isfinite(loss) or (grad_norm is not None and not math.isfinite(grad_norm)):
        where = f"the last good checkpoint is {last_good}" if last_good else "no checkpoint was written yet"
        at = f"step {step + 1}" + (f" (epoch {epoch})" if epoch is not None else "")
        raise JobError(f"non-finite {'loss' if not math.isfinite(loss) else 'gradient norm'} at {at}; stopped before the update; {where}", "nan")
    lr = scheduler.get_last_lr()[0]
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad(set_to_none=True)
    return lr, grad_norm
