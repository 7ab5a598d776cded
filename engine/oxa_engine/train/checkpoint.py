"""Checkpoints: a standard model directory plus the trainer's state beside the weights.

<out>/checkpoints/step-000120/ holds config.json, model.safetensors and the tokenizer files (so
from_pretrained and inference servers load it as it is) and trainer_state/ (accelerate's saved
optimiser, scheduler, RNG states and weights, plus state.json with the schedule position). A
checkpoint is written under a temporary name and renamed when complete, so the newest complete one
is always the last good one.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..disk import writing

PREFIX = "step-"


def save_model_dir(accelerator, model, tokenizer, directory: Path) -> None:
    """Writes the plain model (no wrapper prefix) in safetensors; every process must call this."""
    state = accelerator.get_state_dict(model)
    if accelerator.is_main_process:
        lm = accelerator.unwrap_model(model).lm
        state = {k[len("lm.") :]: v for k, v in state.items() if k.startswith("lm.")}
        lm.save_pretrained(str(directory), state_dict=state, safe_serialization=True)
        tokenizer.save_pretrained(str(directory))
    accelerator.wait_for_everyone()


def save_checkpoint(accelerator, model, tokenizer, out: Path, step: int, schedule_sha: str, keep: int) -> Path:
    final = out / "checkpoints" / f"{PREFIX}{step:06d}"
    tmp = final.with_name(final.name + ".tmp")
    if accelerator.is_main_process:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
    accelerator.wait_for_everyone()
    with writing("the checkpoint", final, cleanup=tmp):
        save_model_dir(accelerator, model, tokenizer, tmp)
        accelerator.save_state(str(tmp / "trainer_state"))
        accelerator.wait_for_everyone()
        if accelerator.is_main_process:
            (tmp / "trainer_state" / "state.json").write_text(json.dumps({"step": step, "schedule_sha256": schedule_sha}) + "\n")
            shutil.rmtree(final, ignore_errors=True)
            tmp.rename(final)
        for old in complete_checkpoints(out)[:-keep] if keep > 0 else []:
            shutil.rmtree(old, ignore_errors=True)
    accelerator.wait_for_everyone()
    return final


def complete_checkpoints(out: Path) -> list[Path]:
    root = out / "checkpoints"
    if not root.is_dir():
        return []
    done = [d for d in root.iterdir() if d.name.startswith(PREFIX) and not d.name.endswith(".tmp") and (d / "trainer_state" / "state.json").is_file()]
    return sorted(done, key=lambda d: d.name)


def read_state(checkpoint: Path) -> dict:
    return json.loads((checkpoint / "trainer_state" / "state.json").read_text())
