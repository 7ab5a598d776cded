"""The engine's DPO against TRL's own DPOTrainer (TRL 1.16.0 in .venv-trl, scripts/setup-trl.sh) on
the same tiny policy and reference models and the same pairs: the token sequences TRL trains on,
the first step's loss and every logged metric (rewards/*, logps/*, grad_norm), and every
parameter's gradient, to 1e-5 relative — for the sigmoid, IPO and robust losses.

TRL appends EOS to both sides and tokenises prompt+completion as one text, so the pairs here are
outcome pairs (rejected_eos true) without template (TRL is given the prompt text plus the prefix),
and the test first checks that TRL's token ids are exactly the engine's."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import torch
from transformers import AutoTokenizer

from conftest import build_tiny_model
from dpo_helpers import OneProcess, make_pairs, rel_close, write_jsonl, write_schedule
from test_dpo import METRICS, PLAIN, metrics, reference_file, run_dpo
from oxa_engine.dpo.encode import PairEncoder
from oxa_engine.dpo.model import SequenceLogps
from oxa_engine.dpo.step import dpo_step, micro_batches

ROOT = Path(__file__).parents[2]
TRL_PY = Path(os.environ.get("OXA_TRL_VENV", ROOT / ".venv-trl")) / "bin" / "python"
if not TRL_PY.exists():
    print(f"\n*** SKIPPING the TRL comparison: {TRL_PY} not found; run `bash scripts/setup-trl.sh` ***\n")
pytestmark = pytest.mark.skipif(not TRL_PY.exists(), reason=f"TRL venv missing ({TRL_PY}): run `bash scripts/setup-trl.sh`")

CASES = [("sigmoid", 0.1, 0.0), ("ipo", 0.5, 0.0), ("robust", 0.1, 0.2)]


@pytest.fixture(scope="module")
def setup(tmp_path_factory, tiny_model):
    d = tmp_path_factory.mktemp("dpo-trl")
    ref_model = build_tiny_model(d / "ref", seed=7)
    # outcome pairs, some with a prefix: TRL sees prompt + prefix as its prompt
    pairs = make_pairs(8, outcome_only=True)
    for i, p in enumerate(pairs):
        if i % 3 == 1:
            first, _, rest = p["chosen"].partition("\n")
            if rest:
                p["prefix"], p["chosen"] = first + "\n", rest
    path = write_jsonl(d / "pairs.jsonl", pairs)
    reference_file(ref_model, path, d / "ref.jsonl")
    write_schedule(d / "schedule.json", path, [list(range(8))])
    return d, ref_model, pairs


def trl_run(d: Path, policy: Path, reference: Path, pairs: list[dict], loss_type: str, beta: float, ls: float) -> tuple[dict, dict]:
    out = d / f"trl-{loss_type}"
    args = {"policy": str(policy), "reference": str(reference), "loss_type": loss_type, "beta": beta, "label_smoothing": ls, "out": str(out),
            "rows": [{"prompt": p["prompt"] + p["prefix"], "chosen": p["chosen"], "rejected": p["rejected"]} for p in pairs]}
    (d / "args.json").write_text(json.dumps(args))
    env = {**os.environ, "OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}
    r = subprocess.run([str(TRL_PY), str(Path(__file__).with_name("trl_dpo_probe.py")), str(d / "args.json")], env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads((out / "result.json").read_text()), torch.load(out / "grads.pt")


@pytest.mark.parametrize("loss_type,beta,ls", CASES)
def test_engine_matches_trl_dpo_trainer(tiny_model, setup, tmp_path, loss_type, beta, ls):
    d, ref_model, pairs = setup
    trl, trl_grads = trl_run(d, tiny_model, ref_model, pairs, loss_type, beta, ls)

    tok = AutoTokenizer.from_pretrained(tiny_model, local_files_only=True)
    encode = PairEncoder(tok, PLAIN, True)
    refs = {r["id"]: r for r in (json.loads(l) for l in (d / "ref.jsonl").read_text().splitlines())}
    items = [(*encode(p), refs[p["id"]]) for p in pairs]
    # the same token sequences and the same prompt/completion boundary
    for (c, r, _), t in zip(items, trl["ids"]):
        assert c.ids == t["prompt_ids"] + t["chosen_ids"] and r.ids == t["prompt_ids"] + t["rejected_ids"]
        assert c.start == len(t["prompt_ids"]) == r.start

    # the job's first step (precomputed reference, micro-batches of 3) against TRL's logged step
    rc, events = run_dpo(tmp_path, out=str(tmp_path / "o"), model=str(tiny_model), schedule=str(d / "schedule.json"), reference=str(d / "ref.jsonl"),
                         loss_type=loss_type, beta=beta, label_smoothing=ls, micro_batch_size=3, max_grad_norm=1e9)
    assert rc == 0, events[-1]
    (m,) = metrics(tmp_path / "o")
    tm = trl["metrics"]
    assert rel_close(m["loss"], trl["losses"][0], 1e-5) and rel_close(m["loss"], tm["loss"], 1e-5), (m["loss"], trl["losses"], tm["loss"])
    for k in METRICS:
        assert rel_close(m[k], tm[k], 1e-5, floor=1e-7), (k, m[k], tm[k])
    assert rel_close(m["grad_norm"], tm["grad_norm"], 1e-5), (m["grad_norm"], tm["grad_norm"])
    assert 0 < tm["rewards/accuracies"] < 1 and abs(tm["rewards/margins"]) > 1e-3  # a reference that differs from the policy

    # every parameter's gradient, through the engine's own step (float32, as TRL)
    from transformers import AutoModelForCausalLM

    lm = AutoModelForCausalLM.from_pretrained(tiny_model, local_files_only=True, dtype=torch.float32)
    model = SequenceLogps(lm)
    opts = {"micro_batch_size": 3, "loss_type": loss_type, "beta": beta, "label_smoothing": ls}
    dpo_step(OneProcess(len(micro_batches(items, 3))), model, items, len(items), opts, tok.pad_token_id or 0)
    assert set(trl_grads) == {n for n, _ in lm.named_parameters()}
    assert sum(t.norm() ** 2 for t in trl_grads.values()) ** 0.5 == pytest.approx(tm["grad_norm"], rel=1e-5) and tm["grad_norm"] > 1e-3
    for n, p in lm.named_parameters():
        g, t = p.grad, trl_grads[n]
        assert (g - t).norm() <= 1e-5 * t.norm() + 1e-9, (n, ((g - t).norm() / t.norm()).item())
