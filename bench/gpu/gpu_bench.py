"""The prepared GPU check: one run that measures training, scoring and generation through the
engine's own code on one CUDA GPU, and checks CUDA against CPU. See docs/gpu.md.

usage: PYTHONPATH=engine python gpu_bench.py --out DIR [--dry-run] [--budget-s S]

Only torch, transformers and tokenizers are needed (what the GPU machine has); the engine is
imported from the working tree. The engine's job specs are built here in full rather than through
validate_spec, which needs jsonschema (not on the GPU machine).

Every measurement runs in its own try/except and is recorded as numbers, {"skipped": reason} or
{"error": message}; a global time budget skips what would not fit. Without CUDA the run fails
(exit 2) unless --dry-run, which shrinks every size so it finishes on one CPU core in well under a
minute and compares CPU bfloat16 against CPU float32 where the real run compares CUDA against CPU.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import math
import sys
import tempfile
import time
import traceback
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = ROOT / "engine" / "tests" / "fixtures" / "corpus.txt"
sys.path.insert(0, str(HERE.parent / "train"))  # straightforward.py: the full-logits baseline

from oxa_engine.chat import encode_pair, stop_ids  # noqa: E402
from oxa_engine.jobs import make_tiny_model  # noqa: E402
from oxa_engine.jobs.generate import Sample, decode_batch  # noqa: E402
from oxa_engine.jobs.score import Item, Scorer, token_budget_batches  # noqa: E402
from oxa_engine.train.micro_batches import Sequence, collate  # noqa: E402
from oxa_engine.train.objective import ObjectiveModel  # noqa: E402
from oxa_engine.train.optim import adamw  # noqa: E402
from oxa_engine.train.step import accumulate_gradients  # noqa: E402

ALPHA = 1e-4  # the paper's alpha for OXA_Full; its value does not change the cost
LOSS_CHUNK = 2048  # the train job's default loss_chunk_tokens
FLOPS_FORMULA = "6*N + 12*L*d*T per trained token (PaLM, appendix B; N = weights of every Linear incl. the LM head; no causal discount on attention)"
# Relative tolerance on each record's PPL, and on each step's loss. bf16 keeps 8 mantissa bits
# (relative rounding 2^-9 = 0.2 %); through a few layers that grows to about a percent.
PPL_RTOL = 0.03
LOSS_RTOL = 0.03

# Sizes: the real run at the 0.5B-class shape (Qwen2-0.5B: 896 x 24 layers, 14 / 2 heads,
# vocabulary 151,936, tied embeddings); the dry run the same code at a toy shape.
SIZES = {
    "real": dict(
        shape=dict(hidden_size=896, intermediate_size=4864, num_hidden_layers=24, num_attention_heads=14, num_key_value_heads=2, vocab=151936),
        lengths={"2k": 2048, "8k": 8192, "32k": 32768},
        seqs_per_step={"2k": 8, "8k": 2, "32k": 2}, micro={"2k": 4, "8k": 1, "32k": 1},
        train_steps=4, matmul_n=8192, matmul_iters=50,
        score_records=64, score_len=1024, score_budget=16384,  # the score job's default token_budget
        gen_batch=32, gen_prompt=128, gen_new=32,  # sampling runs per row on the host: keep it short
        check=dict(hidden_size=256, intermediate_size=512, num_hidden_layers=4, num_attention_heads=4, num_key_value_heads=2),
        check_vocab=2048, check_init=0.04, check_lr=3e-4, check_steps=10, budget_s=480,
    ),
    "dry": dict(
        shape=dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, vocab=1024),
        lengths={"2k": 64, "8k": 128, "32k": 256},
        seqs_per_step={"2k": 4, "8k": 2, "32k": 2}, micro={"2k": 2, "8k": 1, "32k": 1},
        train_steps=2, matmul_n=256, matmul_iters=5,
        score_records=8, score_len=64, score_budget=256,
        gen_batch=4, gen_prompt=16, gen_new=8,
        check=dict(hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2),
        check_vocab=384, check_init=0.2, check_lr=1e-3, check_steps=4, budget_s=50,
    ),
}


class SingleProcess:
    """What accelerate's Accelerator does for train/step.py in one process: nothing to reduce,
    no accumulation wrapper, a plain backward. (objective() autocasts the forward itself, as the
    train job's Accelerator(mixed_precision="bf16") does on CUDA, without accelerate's
    process-global state, which forbids switching precision between CPU and CUDA runs in one process.)"""

    num_processes = 1

    def __init__(self, device):
        self.device = device

    def accumulate(self, _model):
        return contextlib.nullcontext()

    def backward(self, loss):
        loss.backward()


def autocast(device: torch.device, bf16: bool):
    return torch.autocast(device.type, dtype=torch.bfloat16) if bf16 else contextlib.nullcontext()


def autocast_objective(lm, alpha: float, device: torch.device, bf16: bool) -> ObjectiveModel:
    """The train job's ObjectiveModel; with bf16 its forward runs under autocast and the backward
    outside it, as accelerate's mixed_precision="bf16" wraps a prepared model's forward."""
    model = ObjectiveModel(lm, alpha, LOSS_CHUNK)
    if bf16:
        model.forward = torch.autocast(device.type, dtype=torch.bfloat16)(model.forward)
    return model


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def tiny_spec(out: Path, vocab: int, shape: dict, init: float = 0.02) -> dict:
    return {
        "out": str(out), "corpus": str(CORPUS), "arch": "qwen2", "vocab_size": vocab, "max_position_embeddings": 40960,
        "rope_theta": 1000000.0, "tie_word_embeddings": True, "add_bos": False, "initializer_range": init, "seed": 0, **shape,
    }


def speed_model(tok_dir: Path, shape: dict, device, dtype):
    """The make-tiny-model job's config at the given shape, its vocabulary padded to shape['vocab']
    (a locally trained BPE cannot reach 151,936 tokens; ids the tokenizer never emits are still
    real rows of the embedding and the head), random weights, built on the device."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(tok_dir), local_files_only=True)
    ids = {"bos": None, "eos": tok.eos_token_id, "pad": tok.pad_token_id}
    spec = tiny_spec(tok_dir, shape["vocab"], {k: v for k, v in shape.items() if k != "vocab"})
    config = make_tiny_model.model_config(spec, shape["vocab"], ids)
    torch.manual_seed(0)
    with torch.device(device):
        model = AutoModelForCausalLM.from_config(config, dtype=dtype)
    return model, tok


def matmul_flops_per_token(model, length: int) -> dict:
    n = sum(m.weight.numel() for m in model.modules() if isinstance(m, torch.nn.Linear))
    c = model.config
    attn = 12 * c.num_hidden_layers * c.hidden_size * length
    return {"n_linear_params": n, "flops_per_token": 6 * n + attn, "attention_flops_per_token": attn}


class Bench:
    def __init__(self, args):
        self.dry = args.dry_run
        self.size = SIZES["dry" if self.dry else "real"]
        self.budget = args.budget_s or self.size["budget_s"]
        self.t0 = time.monotonic()
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.bf16 = self.device.type == "cuda"
        self.result: dict = {
            "dry_run": self.dry, "device": torch.cuda.get_device_name(0) if self.bf16 else "cpu",
            "torch": torch.__version__, "budget_s": self.budget, "flops_formula": FLOPS_FORMULA, "finished": False,
        }
        self.tmp = Path(tempfile.mkdtemp(prefix="oxa-gpu-bench-"))
        self.out = Path(args.out)

    def save(self) -> None:
        """Writes both files; called after every measurement, so a run killed by an outer time
        limit still leaves everything measured so far."""
        self.out.mkdir(parents=True, exist_ok=True)
        self.result["elapsed_s"] = round(self.elapsed(), 1)
        for name, text in (("gpu-bench.json", json.dumps(self.result, indent=2, default=str) + "\n"), ("gpu-bench.txt", summary(self.result))):
            tmp = self.out / f".{name}.tmp"
            tmp.write_text(text)
            tmp.replace(self.out / name)

    def elapsed(self) -> float:
        return time.monotonic() - self.t0

    def measure(self, path: tuple, estimate_s: float, fn):
        """Runs fn() into result[path...]; a skip or an error is recorded there instead."""
        node = self.result
        for k in path[:-1]:
            node = node.setdefault(k, {})
        left = self.budget - self.elapsed()
        if estimate_s > left:
            node[path[-1]] = {"skipped": f"estimated {estimate_s:.0f} s, {left:.0f} s of the {self.budget:.0f} s budget left"}
            return
        start = time.monotonic()
        try:
            value = fn()
            value["wall_s"] = round(time.monotonic() - start, 3)
            node[path[-1]] = value
        except Exception as e:  # noqa: BLE001 — one failure must not stop the other measurements
            node[path[-1]] = {"error": f"{type(e).__name__}: {e}"[:2000], "trace": traceback.format_exc()[-1500:]}
        finally:
            if self.device.type == "cuda":
                torch.cuda.empty_cache()
        self.save()
        print(f"[{self.elapsed():6.1f}s] {'.'.join(path)}: {json.dumps(node[path[-1]])[:300]}", file=sys.stderr, flush=True)

    # --- measurements -------------------------------------------------------------------------

    def matmul_peak(self) -> dict:
        n, iters = self.size["matmul_n"], self.size["matmul_iters"]
        dtype = torch.bfloat16 if self.bf16 else torch.float32
        a = torch.randn(n, n, device=self.device, dtype=dtype)
        b = torch.randn(n, n, device=self.device, dtype=dtype)
        for _ in range(3):
            a @ b
        sync(self.device)
        best = math.inf
        for _ in range(3):  # best of three timed loops
            t = time.perf_counter()
            for _ in range(iters):
                a @ b
            sync(self.device)
            best = min(best, (time.perf_counter() - t) / iters)
        return {"dtype": str(dtype).removeprefix("torch."), "n": n, "tflops": 2 * n**3 / best / 1e12}

    def sequences(self, tok, length: int, n: int, ul: bool) -> list[Sequence]:
        g = torch.Generator().manual_seed(length + n)
        vocab = self.model.config.vocab_size
        # the first half CE, the second half UL when the objective is OXA_Full
        return [Sequence(ids=torch.randint(4, vocab, (length,), generator=g).tolist(), n_prompt=min(64, length // 4), is_ul=ul and i >= n // 2) for i in range(n)]

    def train(self, label: str, objective: str) -> dict:
        length, n, micro = self.size["lengths"][label], self.size["seqs_per_step"][label], self.size["micro"][label]
        seqs = self.sequences(self.tok, length, n, objective == "oxa_full")
        n_ul = sum(s.is_ul for s in seqs)
        self.model.zero_grad(set_to_none=True)  # leftovers of a step cut short by an earlier error
        model = autocast_objective(self.model, ALPHA, self.device, self.bf16)
        model.train()
        opt = adamw(model, 1e-5, (0.9, 0.95), 0.0)
        acc = SingleProcess(self.device)
        pad = self.tok.pad_token_id
        times, tokens, losses = [], 0, []
        if self.device.type == "cuda":
            torch.cuda.reset_peak_memory_stats()
        for step in range(self.size["train_steps"] + 1):  # step 0 warms up (kernels, allocator)
            sync(self.device)
            t = time.perf_counter()
            stats, tok_count = accumulate_gradients(acc, model, seqs, n - n_ul, n_ul, micro, pad)
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            sync(self.device)
            if step:
                times.append(time.perf_counter() - t)
                tokens += tok_count
            losses.append(stats["ce_loss"] + ALPHA * stats["ul_loss"])
        del opt
        secs = sum(times)
        fl = matmul_flops_per_token(self.model, length)
        tps = tokens / secs
        peak = self.result.get("peak", {}).get("tflops")
        out = {
            "seq_len": length, "seqs_per_step": n, "micro_batch": micro, "ul_seqs": n_ul, "steps_timed": len(times),
            "tokens_per_s": tps, "model_tflops": tps * fl["flops_per_token"] / 1e12, **fl,
            "mfu": tps * fl["flops_per_token"] / 1e12 / peak if peak else None,
            "loss_first": losses[0], "loss_last": losses[-1],
        }
        if self.device.type == "cuda":
            out["peak_mem_gib"] = torch.cuda.max_memory_allocated() / 2**30
        if not all(math.isfinite(v) for v in losses):
            raise RuntimeError(f"non-finite loss: {losses}")
        return out

    def loss_memory(self, label: str) -> dict:
        """Peak memory of one forward+backward of one sequence: the decoder alone (loss = sum of
        hidden states), our fused head+loss, and the full-logits loss. On CPU (dry run) there is
        no allocator counter, so only the losses' agreement is checked."""
        length = self.size["lengths"][label]
        seq = self.sequences(self.tok, length, 1, False)
        batch = {k: v.to(self.device) for k, v in collate(seq, 1, 0, self.tok.pad_token_id).items()}
        out = {"seq_len": length}
        for impl in ("none", "fused", "full"):
            self.model.zero_grad(set_to_none=True)
            try:
                self._one_backward(impl, batch, seq[0].n_prompt, out)
            except torch.OutOfMemoryError as e:  # the full-logits loss at 32k may not fit: that is a finding
                out[f"{impl}_error"] = f"OutOfMemoryError: {str(e)[:300]}"
            if self.device.type == "cuda":
                torch.cuda.empty_cache()
        self.model.zero_grad(set_to_none=True)
        if self.device.type == "cuda":
            for impl in ("fused", "full"):
                if f"{impl}_peak_gib" in out and "none_peak_gib" in out:
                    out[f"{impl}_over_decoder_gib"] = out[f"{impl}_peak_gib"] - out["none_peak_gib"]
        else:
            out["peak_gib"] = {"skipped": "no allocator statistics on CPU"}
        if "fused_loss" in out and "full_loss" in out:
            # the two losses are the same quantity (token-mean CE of one sequence)
            out["losses_agree"] = abs(out["fused_loss"] - out["full_loss"]) <= 0.02 * abs(out["full_loss"])
        return out

    def _one_backward(self, impl: str, batch: dict, n_prompt: int, out: dict) -> None:
        if self.device.type == "cuda":
            torch.cuda.synchronize()
            torch.cuda.reset_peak_memory_stats()
            base = torch.cuda.memory_allocated()
        with autocast(self.device, self.bf16):
            if impl == "none":
                loss = self.model.get_decoder()(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], use_cache=False).last_hidden_state.float().sum() * 0
            elif impl == "fused":
                loss, _ = ObjectiveModel(self.model, ALPHA, LOSS_CHUNK)(**batch)
            else:
                from straightforward import full_logits_loss

                mask = torch.zeros_like(batch["input_ids"])
                mask[0, n_prompt:] = 1
                loss = full_logits_loss(self.model, batch["input_ids"], batch["attention_mask"], mask, torch.tensor([False], device=self.device))
        loss.backward()
        sync(self.device)
        out[f"{impl}_loss"] = float(loss.detach())
        if self.device.type == "cuda":
            out[f"{impl}_peak_gib"] = (torch.cuda.max_memory_allocated() - base) / 2**30

    def score(self) -> dict:
        items = self.score_items(self.model.config.vocab_size, self.size["score_records"], self.size["score_len"])
        scorer = Scorer(self.model.eval(), self.tok.pad_token_id, max_chunk=8192)  # the job's default
        batches = token_budget_batches(sorted(items, key=lambda it: -len(it.ids)), self.size["score_budget"])
        scorer.score(batches[0])  # warm-up
        sync(self.device)
        t = time.perf_counter()
        for b in batches:
            scorer.score(b)
        sync(self.device)
        secs = time.perf_counter() - t
        n = sum(len(it.ids) for it in items)
        return {"records": len(items), "tokens": n, "token_budget": self.size["score_budget"], "tokens_per_s": n / secs}

    def score_items(self, vocab: int, n: int, length: int) -> list[Item]:
        g = torch.Generator().manual_seed(1)
        return [Item(str(i), torch.randint(4, vocab, (length,), generator=g).tolist(), length // 4) for i in range(n)]

    def generate(self) -> dict:
        size = self.size
        g = torch.Generator().manual_seed(2)
        vocab = self.model.config.vocab_size
        batch = [Sample(str(i), 0, torch.randint(4, vocab, (size["gen_prompt"],), generator=g).tolist(), torch.Generator().manual_seed(i)) for i in range(size["gen_batch"])]
        spec = {"max_new_tokens": size["gen_new"], "temperature": 1.0, "top_p": 1.0}
        # no stop tokens: every sample runs to max_new_tokens, so the token count is fixed
        warm = [Sample("w", 0, s.prompt, torch.Generator().manual_seed(0)) for s in batch[:2]]
        decode_batch(self.model.eval(), warm, pad_id=self.tok.pad_token_id, stops=set(), spec={**spec, "max_new_tokens": 2})
        sync(self.device)
        t = time.perf_counter()
        decode_batch(self.model, batch, pad_id=self.tok.pad_token_id, stops=set(), spec=spec)
        sync(self.device)
        secs = time.perf_counter() - t
        n = sum(len(s.tokens) for s in batch)
        return {"batch": len(batch), "prompt_len": size["gen_prompt"], "new_tokens": size["gen_new"], "tokens": n, "tokens_per_s": n / secs}

    # --- correctness --------------------------------------------------------------------------

    def check_model(self):
        """A small model with next-token distributions well away from uniform (check_init), trained
        tokenizer and all: the make-tiny-model job as users run it."""
        out = self.tmp / "check-model"
        if not out.exists():
            make_tiny_model.run(tiny_spec(out, self.size["check_vocab"], self.size["check"], init=self.size["check_init"]))
        return out

    def load(self, path, device, dtype):
        from transformers import AutoModelForCausalLM, AutoTokenizer

        tok = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(str(path), local_files_only=True, dtype=dtype).to(device).eval()
        return model, tok

    def real_items(self, tok) -> list[Item]:
        lines = [l for l in CORPUS.read_text(encoding="utf-8").splitlines() if l.strip()][:64]
        items = []
        for i in range(0, len(lines) - 1, 2):
            ids, n_prompt = encode_pair(tok, lines[i], lines[i + 1], append_eos=True)
            items.append(Item(str(i), ids, max(n_prompt, 1)))
        return items

    def compared(self):
        """(device, dtype, autocast) of the run checked against CPU float32."""
        if self.device.type == "cuda":
            return torch.device("cuda"), torch.bfloat16, True, "cuda bfloat16 vs cpu float32"
        return torch.device("cpu"), torch.bfloat16, True, "dry run: cpu bfloat16 vs cpu float32"

    def correct_score(self) -> dict:
        path = self.check_model()
        dev, dtype, _, what = self.compared()
        ppls = {}
        for name, d, t in (("ref", torch.device("cpu"), torch.float32), ("test", dev, dtype)):
            model, tok = self.load(path, d, t)
            items = self.real_items(tok)
            ppls[name] = [r["ppl"] for r in Scorer(model, tok.pad_token_id, 1 << 20).score(items)]
        rel = [abs(a - b) / b for a, b in zip(ppls["test"], ppls["ref"])]
        return {
            "compared": what, "records": len(rel), "rtol": PPL_RTOL, "max_rel_diff": max(rel),
            "mean_ppl_ref": sum(ppls["ref"]) / len(rel), "mean_ppl_test": sum(ppls["test"]) / len(rel), "passed": max(rel) <= PPL_RTOL,
        }

    def correct_train(self) -> dict:
        """The same few training steps (the engine's step, AdamW) from the same weights on the
        same batches: float32 on CPU against bf16 autocast (fp32 weights) as the train job runs on CUDA."""
        path = self.check_model()
        dev, _, _, what = self.compared()
        curves = {}
        for name, d, bf16 in (("ref", torch.device("cpu"), False), ("test", dev, True)):
            lm, tok = self.load(path, d, torch.float32)
            items = self.real_items(tok)
            seqs = [Sequence(it.ids, it.start, i % 2 == 1) for i, it in enumerate(items[:8])]
            model = autocast_objective(lm, 0.1, d, bf16).train()
            opt = adamw(model, self.size["check_lr"], (0.9, 0.95), 0.0)
            curve = []
            for _ in range(self.size["check_steps"]):
                stats, _ = accumulate_gradients(SingleProcess(d), model, seqs, 4, 4, 4, tok.pad_token_id)
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                opt.zero_grad(set_to_none=True)
                curve.append(stats["ce_loss"] + 0.1 * stats["ul_loss"])
            curves[name] = curve
        rel = [abs(a - b) / abs(b) for a, b in zip(curves["test"], curves["ref"])]
        return {
            "compared": what, "steps": len(rel), "alpha": 0.1, "rtol": LOSS_RTOL, "max_rel_diff": max(rel),
            "loss_ref": curves["ref"], "loss_test": curves["test"], "loss_fell": curves["ref"][-1] < curves["ref"][0],
            "passed": max(rel) <= LOSS_RTOL and curves["ref"][-1] < curves["ref"][0],
        }

    # --- the run ------------------------------------------------------------------------------

    def run(self) -> dict:
        # value order: the peak (MFU needs it), correctness, the 8k figures, then the rest
        self.measure(("peak",), 5, self.matmul_peak)
        self.measure(("correctness", "score"), 20, self.correct_score)
        self.measure(("correctness", "train"), 20, self.correct_train)
        tok_dir = self.check_model()
        dtype = torch.float32  # fp32 weights + bf16 autocast, as the train job runs on CUDA
        self.model, self.tok = speed_model(tok_dir, self.size["shape"], self.device, dtype)
        self.result["model"] = {**self.size["shape"], "params": sum(p.numel() for p in self.model.parameters()), "weights": "float32 (bf16 autocast on CUDA)", "attn_implementation": getattr(self.model.config, "_attn_implementation", None)}
        est = {"2k": 25, "8k": 30, "32k": 60} if not self.dry else {"2k": 3, "8k": 3, "32k": 3}
        for label in ("8k", "2k"):
            for obj in ("oxa_full", "sft"):
                self.measure(("train", obj, label), est[label], lambda: self.train(label, obj))
        self.measure(("loss_memory", "8k"), est["8k"] / 2, lambda: self.loss_memory("8k"))
        # 32k costs at least 4x the 8k step per token-step (attention grows with length): scale from the measured 8k
        wall8k = self.result["train"]["oxa_full"]["8k"].get("wall_s")
        if wall8k:
            est["32k"] = max(est["32k"], 5 * wall8k)
        self.model.to(torch.bfloat16 if self.bf16 else torch.float32)  # inference as score/generate load it (dtype auto)
        self.measure(("score",), 20 if not self.dry else 3, self.score)
        self.measure(("generate",), 40 if not self.dry else 3, self.generate)
        self.model.to(torch.float32)
        for obj in ("oxa_full", "sft"):
            self.measure(("train", obj, "32k"), est["32k"], lambda: self.train("32k", obj))
        for label in ("32k", "2k"):
            self.measure(("loss_memory", label), est[label] / 2, lambda: self.loss_memory(label))
        self.result["finished"] = True
        self.save()
        return self.result


def summary(r: dict) -> str:
    def num(x, fmt):
        return fmt.format(x) if isinstance(x, (int, float)) and x is not None else "-"

    def why(node):
        return node.get("skipped") or node.get("error", "")[:120] if isinstance(node, dict) else ""

    lines = [f"oxa GPU bench — {r['device']}, torch {r['torch']}{' (DRY RUN: toy sizes, not figures)' if r['dry_run'] else ''}, {r.get('elapsed_s')} s{'' if r.get('finished') else ' (UNFINISHED so far)'}"]
    p = r.get("peak", {})
    lines.append(f"matmul peak: {num(p.get('tflops'), '{:.1f}')} TFLOP/s {p.get('dtype', '')} {why(p)}")
    lines.append(f"model: {r.get('model', {})}")
    lines.append(f"FLOPs: {r['flops_formula']}")
    lines.append("train       len    tokens/s    TFLOP/s   MFU     peak GiB")
    for obj in ("sft", "oxa_full"):
        for label, t in r.get("train", {}).get(obj, {}).items():
            lines.append(f"  {obj:9} {label:>4} {num(t.get('tokens_per_s'), '{:10.0f}')} {num(t.get('model_tflops'), '{:9.1f}')}  {num(t.get('mfu'), '{:5.1%}')}  {num(t.get('peak_mem_gib'), '{:6.1f}')} {why(t)}")
    for label, m in r.get("loss_memory", {}).items():
        lines.append(f"loss memory {label}: fused +{num(m.get('fused_over_decoder_gib'), '{:.2f}')} GiB, full logits +{num(m.get('full_over_decoder_gib'), '{:.2f}')} GiB over the decoder alone {why(m)}")
    for k in ("score", "generate"):
        lines.append(f"{k}: {num(r.get(k, {}).get('tokens_per_s'), '{:.0f}')} tokens/s {why(r.get(k, {}))}")
    for k, c in r.get("correctness", {}).items():
        lines.append(f"correctness {k}: {'PASS' if c.get('passed') else 'FAIL'} ({c.get('compared', '')}) max rel diff {num(c.get('max_rel_diff'), '{:.4f}')} <= {c.get('rtol')} {why(c)}")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--budget-s", type=float, default=None)
    args = ap.parse_args()
    if not args.dry_run and not torch.cuda.is_available():
        print("gpu_bench: no CUDA device is visible (torch.cuda.is_available() is False); this run needs one. Use --dry-run to check the script on a CPU.", file=sys.stderr)
        return 2
    if args.dry_run:
        torch.set_num_threads(1)
    result = Bench(args).run()
    sys.stdout.write(summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
