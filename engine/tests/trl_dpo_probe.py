"""Runs TRL's own DPOTrainer for one step and writes what it computed (run in .venv-trl, not the
engine's venv): `python trl_dpo_probe.py args.json`. args: {policy, reference, rows: [{prompt,
chosen, rejected}], loss_type, beta, label_smoothing, out}. Writes out/result.json with the first
step's logged metrics, the loss TRL's compute_loss returned, and the token ids it trained on, and
out/grads.pt with every parameter's gradient just before the optimizer step (clipping disabled by
a huge max_grad_norm). TRL gets the whole batch in one forward, fp32 on CPU, dropout off, plain SGD.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import torch
from datasets import Dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, TrainerCallback
from trl import DPOConfig, DPOTrainer

args = json.loads(Path(sys.argv[1]).read_text())
out = Path(args["out"])
out.mkdir(parents=True, exist_ok=True)
torch.set_num_threads(1)

tok = AutoTokenizer.from_pretrained(args["policy"], local_files_only=True)
policy = AutoModelForCausalLM.from_pretrained(args["policy"], local_files_only=True, dtype=torch.float32)
reference = AutoModelForCausalLM.from_pretrained(args["reference"], local_files_only=True, dtype=torch.float32)
rows = args["rows"]


class Grads(TrainerCallback):
    def on_pre_optimizer_step(self, a, state, control, model=None, **kw):
        torch.save({n: p.grad.detach().clone() for n, p in model.named_parameters() if p.grad is not None}, out / "grads.pt")


class Probe(DPOTrainer):
    losses: list[float] = []

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        loss = super().compute_loss(model, inputs, return_outputs=return_outputs, num_items_in_batch=num_items_in_batch)
        Probe.losses.append(float((loss[0] if isinstance(loss, tuple) else loss).item()))
        return loss


config = DPOConfig(
    output_dir=str(out / "trl"), per_device_train_batch_size=len(rows), gradient_accumulation_steps=1, max_steps=1,
    learning_rate=args.get("lr", 1e-3), optim="sgd", lr_scheduler_type="constant", warmup_steps=0, weight_decay=0.0,
    max_grad_norm=1e9, logging_steps=1, report_to=[], use_cpu=True, save_strategy="no", bf16=False, fp16=False,
    beta=args["beta"], loss_type=[args["loss_type"]], label_smoothing=args["label_smoothing"], disable_dropout=True,
    max_length=None, dataloader_num_workers=0, seed=0,
)
trainer = Probe(model=policy, ref_model=reference, args=config, train_dataset=Dataset.from_list(rows), processing_class=tok, callbacks=[Grads()])
ids = [{k: trainer.train_dataset[i][k] for k in ("prompt_ids", "chosen_ids", "rejected_ids")} for i in range(len(rows))]
trainer.train()
logged = next(h for h in trainer.state.log_history if "rewards/chosen" in h)
(out / "result.json").write_text(json.dumps({"metrics": logged, "losses": Probe.losses, "ids": ids}))
