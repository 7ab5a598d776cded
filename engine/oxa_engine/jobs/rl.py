"""rl: GRPO with rewards from TypeScript's verifier, the model loaded once for the whole run.

Per step: the schedule's prompts, n rollouts each (rl/rollout.py); the rollouts go out and the
rewards come back through rl/channel.py; advantages (rl/advantages.py), per-token loss weights
(rl/aggregation.py), gradients over micro-batches with the reference's log-probs when kl_coef > 0
(rl/update.py); clip, one AdamW step at a constant learning rate; a metrics row. Validation rollouts
on held-out prompts every eval_every steps go through the same channel. Checkpoints are train's
(model directory + accelerate state); resume continues after the newest one with the same schedule,
and since rollouts are seeded by (seed, step, prompt, sample) it continues exactly.
"""
from __future__ import annotations

import json
import math
import shutil
import statistics
import time
from pathlib import Path

import torch

from ..chat import prompt_ids, stop_ids
from ..device import check_model_dir, resolve_device
from ..protocol import JobError, Progress, emit
from ..rl.advantages import group_advantages, zero_variance_share
from ..rl.aggregation import token_weights
from ..rl.batches import Rollout
from ..rl.channel import request_rewards
from ..rl.inputs import load_step_schedule, read_prompts
from ..rl.policy import PolicyModel
from ..rl.rollout import draw
from ..rl.update import accumulate_gradients
from ..train.checkpoint import complete_checkpoints, read_state, save_checkpoint, save_model_dir
from ..train.optim import adamw


def _load(spec: dict, device: torch.device):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    check_model_dir(spec["model"])
    dtype = torch.bfloat16 if spec["dtype"] == "bfloat16" or (spec["dtype"] == "auto" and device.type == "cuda") else torch.float32
    tok = AutoTokenizer.from_pretrained(spec["model"], local_files_only=True)
    load = lambda: AutoModelForCausalLM.from_pretrained(spec["model"], local_files_only=True, dtype=dtype).to(device)
    lm = load().eval()  # eval mode throughout: no dropout in rollouts or update, so old_logp is the sampler's
    lm.config.use_cache = False  # the update's forward; rollouts ask for the cache explicitly
    ref = None
    if spec["kl_coef"] > 0:
        ref = load().eval()
        ref.requires_grad_(False)
    return lm, ref, tok


def _trim(path: Path, step: int) -> None:
    """Keeps the rows of steps the resumed state includes (a killed run may have written more)."""
    if path.exists():
        keep = [l for l in path.read_text().splitlines() if l.strip() and json.loads(l)["step"] <= step]
        path.write_text("".join(l + "\n" for l in keep))


class _Run:
    def __init__(self, spec: dict):
        from accelerate import Accelerator

        self.spec, self.out = spec, Path(spec["out"])
        self.prompts = read_prompts(spec["prompts"])
        self.schedule = load_step_schedule(spec["schedule"], self.prompts)
        self.validation = read_prompts(spec["validation"]) if spec["validation"] else None
        device = resolve_device(spec["device"])
        self.accelerator = Accelerator(cpu=device.type == "cpu", mixed_precision="no")
        torch.manual_seed(spec["seed"])
        lm, self.ref, self.tok = _load(spec, device)
        self.pad = self.tok.pad_token_id if self.tok.pad_token_id is not None else 0
        self.stops = stop_ids(self.tok, lm)
        if not self.stops:
            raise JobError("the tokenizer has no EOS token, so a rollout could never stop", "model")
        model = PolicyModel(lm, temperature=spec["temperature"], eps_low=spec["eps_low"], eps_high=spec["eps_high"], kl_coef=spec["kl_coef"], estimator=spec["kl_estimator"])
        optimizer = adamw(model, spec["lr"], tuple(spec["betas"]), spec["weight_decay"])
        self.model, self.optimizer = self.accelerator.prepare(model, optimizer)
        self._ids: dict[str, list[int]] = {}

    def prompt_ids(self, table: dict[str, str], ids: list[str]) -> dict[str, list[int]]:
        chat = self.spec["chat"]
        for i in ids:
            if i not in self._ids:
                self._ids[i] = prompt_ids(self.tok, table[i], apply_template=chat["apply_template"], system_prompt=chat["system_prompt"], strip_default_system=self.spec["strip_default_system_prompt"])
        return {i: self._ids[i] for i in ids}

    def rollouts(self, table, ids, n, step_key, temperature):
        s = self.spec
        sampling = {"max_new_tokens": s["max_new_tokens"], "temperature": temperature, "top_p": s["top_p"]}
        lm = self.accelerator.unwrap_model(self.model).lm
        return draw(lm, self.tok, self.prompt_ids(table, ids), ids, n, step_key=step_key, seed=s["seed"], sampling=sampling, batch_size=s["generation_batch_size"], stops=self.stops, pad_id=self.pad)

    def validate(self, step: int) -> None:
        ids = list(self.validation)
        # validation ids share the training ids' key space only through "val/", so their draws differ
        drawn = self.rollouts(self.validation, ids, 1, f"val/{step}", self.spec["validation_temperature"])
        rewards = request_rewards(self.out, f"validation-{step:06d}", step, "validation", [_record(d) for d in drawn], self.spec["reward_timeout_s"])
        row = {"step": step, "pass_at_1": sum(r for r, _ in rewards) / len(rewards), "n": len(rewards), "response_length_mean": statistics.fmean(len(d.tokens) for d in drawn)}
        with (self.out / "validation.jsonl").open("a") as f:
            f.write(json.dumps(row) + "\n")
        emit("metric", kind="validation", **row)

    def step(self, step: int) -> dict:
        s = self.spec
        ids = self.schedule.steps[step - 1]
        t0 = time.perf_counter()
        drawn = self.rollouts(self.prompts, ids, s["n"], f"train/{step}", s["temperature"])
        t1 = time.perf_counter()
        rewards = request_rewards(self.out, f"step-{step:06d}", step, "train", [_record(d) for d in drawn], s["reward_timeout_s"])
        t2 = time.perf_counter()
        r = torch.tensor([x for x, _ in rewards], dtype=torch.float64).view(len(ids), s["n"])
        adv = group_advantages(r, s["scale_rewards"]).flatten().tolist()
        used = [u for _, u in rewards]
        lengths = [len(d.tokens) for d in drawn]
        weights = token_weights(lengths, used, s["loss_agg"], s["max_new_tokens"])
        batch = [Rollout(d.prompt + d.tokens, len(d.prompt), a, w) for d, a, w in zip(drawn, adv, weights)]
        stats = accumulate_gradients(self.model, self.ref, batch, s["micro_batch_size"], self.pad, backward=self.accelerator.backward)
        grad_norm = float(self.accelerator.clip_grad_norm_(self.model.parameters(), s["max_grad_norm"]))
        if not math.isfinite(stats["loss"]) or not math.isfinite(grad_norm):
            raise JobError(f"non-finite {'loss' if not math.isfinite(stats['loss']) else 'gradient norm'} at step {step}; stopped before the update", "nan")
        self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)
        t3 = time.perf_counter()
        n_tok = stats["tokens"]
        return {
            "step": step, "reward_mean": float(r.mean()), "reward_std": float(r.flatten().std(unbiased=False)),
            "zero_variance_groups": zero_variance_share(r), "entropy": stats["entropy"] / n_tok,
            "kl": stats["kl"] / n_tok if self.ref is not None else None,
            "clip_low": stats["low_clipped"] / n_tok, "clip_high": stats["high_clipped"] / n_tok,
            "loss": stats["loss"], "grad_norm": grad_norm, "lr": s["lr"],
            "response_length_mean": statistics.fmean(lengths), "response_length_max": max(lengths),
            "truncated": sum(d.truncated for d in drawn) / len(drawn), "masked": 1 - sum(used) / len(used),
            "tokens": int(n_tok), "rollout_s": t1 - t0, "reward_s": t2 - t1, "update_s": t3 - t2,
        }


def _record(d) -> dict:
    return {"id": d.id, "sample": d.sample, "text": d.text, "n_tokens": len(d.tokens) - (0 if d.truncated else 1), "finish_reason": "length" if d.truncated else "stop"}


def _resume_point(spec: dict, out: Path, sha: str):
    found = complete_checkpoints(out)
    if not spec["resume"] or not found:
        return None, 0
    state = read_state(found[-1])
    if state["schedule_sha256"] != sha:
        raise JobError(f"cannot resume from {found[-1]}: it was trained on a different schedule", "resume")
    return found[-1], state["step"]


def run(spec: dict) -> dict:
    run = _Run(spec)
    out, acc, total = run.out, run.accelerator, len(run.schedule.steps)
    out.mkdir(parents=True, exist_ok=True)
    ckpt, start = _resume_point(spec, out, run.schedule.sha256)
    if ckpt is not None:
        acc.load_state(str(ckpt / "trainer_state"))
    metrics, validation = out / "metrics.jsonl", out / "validation.jsonl"
    if start == 0:  # a fresh run: what out/ holds belongs to another run
        for p in (metrics, validation):
            p.unlink(missing_ok=True)
        shutil.rmtree(out / "checkpoints", ignore_errors=True)
        shutil.rmtree(out / "rollouts", ignore_errors=True)
    _trim(metrics, start)
    _trim(validation, start)
    end = min(total, spec["stop_after"]) if spec["stop_after"] is not None else total
    every = spec["eval_every"] if run.validation else 0
    progress = Progress(total, "steps")
    progress.advance(start, status=f"resumed at step {start}" if start else None, force=True)
    if every and start == 0:
        run.validate(0)
    for step in range(start + 1, end + 1):
        row = run.step(step)
        with metrics.open("a") as f:
            f.write(json.dumps(row) + "\n")
        emit("metric", **row)
        progress.advance(status=f"reward {row['reward_mean']:.3f} entropy {row['entropy']:.3f}")
        if every and (step % every == 0 or step == total):
            run.validate(step)  # before the checkpoint, so a resume never lacks a validation it passed
        if (spec["save_every"] and step % spec["save_every"] == 0) or step == end:
            save_checkpoint(acc, run.model, run.tok, out, step, run.schedule.sha256, spec["keep_checkpoints"])
    if end < total:
        return {"model": None, "steps": end, "resumed_from": start, "metrics": str(metrics)}
    final = out / "model"
    final.mkdir(parents=True, exist_ok=True)
    save_model_dir(acc, run.model, run.tok, final)
    return {"model": str(final), "steps": total, "resumed_from": start, "metrics": str(metrics)}
