"""The straightforward baseline: a transformers Trainer whose compute_loss takes the model's full
logits, upcasts them to float32 and computes per-sequence token-mean CE and UL from a full
log_softmax — what one writes first. Used by bench_train.py for tokens/s and loss memory.
"""
from __future__ import annotations

import time

import torch
from transformers import Trainer, TrainerCallback, TrainingArguments

ALPHA = 1e-4


def full_logits_loss(model, input_ids, attention_mask, labels_mask, is_ul) -> torch.Tensor:
    """labels_mask [b, T]: 1 where the token is a scored response token; is_ul [b] bool."""
    logits = model(input_ids=input_ids, attention_mask=attention_mask).logits.float()
    logp = torch.log_softmax(logits[:, :-1], dim=-1).gather(2, input_ids[:, 1:, None]).squeeze(2)
    mask = labels_mask[:, 1:].float()
    ul_tok = -torch.log1p(-logp.exp().clamp(max=1 - 1e-6))
    per_seq_ce = (-logp * mask).sum(1) / mask.sum(1)
    per_seq_ul = (ul_tok * mask).sum(1) / mask.sum(1)
    ce = per_seq_ce[~is_ul].mean() if (~is_ul).any() else logits.new_zeros(())
    ul = per_seq_ul[is_ul].mean() if is_ul.any() else logits.new_zeros(())
    return ce + ALPHA * ul


class FullLogitsTrainer(Trainer):
    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        return full_logits_loss(model, inputs["input_ids"], inputs["attention_mask"], inputs["labels_mask"], inputs["is_ul"])


def collate(batch: list[dict]) -> dict:
    width = max(len(b["ids"]) for b in batch)
    ids = torch.full((len(batch), width), 0, dtype=torch.long)
    att = torch.zeros((len(batch), width), dtype=torch.long)
    lab = torch.zeros((len(batch), width), dtype=torch.long)
    for i, b in enumerate(batch):
        n = len(b["ids"])
        ids[i, :n] = torch.tensor(b["ids"])
        att[i, :n] = 1
        lab[i, max(b["n_prompt"], 1) : n] = 1
    return {"input_ids": ids, "attention_mask": att, "labels_mask": lab, "is_ul": torch.tensor([b["is_ul"] for b in batch])}


class StepTimer(TrainerCallback):
    def __init__(self):
        self.times: list[float] = []
        self._t = 0.0

    def on_step_begin(self, args, state, control, **kw):
        self._t = time.perf_counter()

    def on_step_end(self, args, state, control, **kw):
        self.times.append(time.perf_counter() - self._t)


def train(model, examples: list[dict], global_batch: int, micro: int, steps: int, out: str, lr: float) -> list[float]:
    """Runs `steps` optimizer steps; returns the seconds of each."""
    args = TrainingArguments(
        output_dir=out, per_device_train_batch_size=micro, gradient_accumulation_steps=global_batch // micro, max_steps=steps,
        learning_rate=lr, adam_beta1=0.9, adam_beta2=0.95, weight_decay=0.1, lr_scheduler_type="cosine", warmup_steps=0.03,
        max_grad_norm=1.0, use_cpu=True, report_to=[], logging_steps=1, save_strategy="no", remove_unused_columns=False,
        dataloader_num_workers=0, disable_tqdm=True, seed=0,
    )
    timer = StepTimer()
    FullLogitsTrainer(model=model, args=args, train_dataset=examples, data_collator=collate, callbacks=[timer]).train()
    return timer.times
