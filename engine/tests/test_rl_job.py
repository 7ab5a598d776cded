"""The rl job end to end on a tiny model: the rewards channel (a responder playing TypeScript's part),
metrics rows, validation rows, errors for malformed rewards, and a run killed mid-step and resumed
that reproduces an uninterrupted run's metrics and final weights."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from safetensors.torch import load_file

from conftest import CORPUS

ENGINE = Path(__file__).parents[1]
TIMINGS = ("rollout_s", "reward_s", "update_s")


def reward_of(text: str) -> float:
    """A deterministic stand-in for the verifier that varies within groups."""
    return float(text.count("e") % 2)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    d = tmp_path_factory.mktemp("rl-data")
    lines = CORPUS.read_text().splitlines()
    prompts = [{"id": f"p{i}", "prompt": l.split(" Solution: ")[0].removeprefix("Question: ")} for i, l in enumerate(lines[:6])]
    (d / "prompts.jsonl").write_text("".join(json.dumps(p) + "\n" for p in prompts))
    (d / "val.jsonl").write_text("".join(json.dumps({**p, "id": "v" + p["id"]}) + "\n" for p in prompts[:2]))
    sha = hashlib.sha256((d / "prompts.jsonl").read_bytes()).hexdigest()
    steps = [["p0", "p1"], ["p2", "p3"], ["p4", "p5"], ["p1", "p4"]]
    (d / "schedule.json").write_text(json.dumps({"version": 1, "prompts_sha256": sha, "seed": 0, "steps": steps}))
    return d


def spec(model: Path, data: Path, out: Path, **over) -> dict:
    return {"model": str(model), "prompts": str(data / "prompts.jsonl"), "schedule": str(data / "schedule.json"), "out": str(out),
            "n": 4, "max_new_tokens": 12, "lr": 1e-3, "kl_coef": 0.01, "micro_batch_size": 3, "save_every": 1, "seed": 7, **over}


def run_rl(tmp: Path, s: dict, kill_at_step: int | None = None, bad_rewards: str | None = None, use=lambda r: True) -> dict:
    """Runs the job, answering each `rollouts` event with rewards; returns {rc, events}."""
    spec_path = tmp / f"spec-{os.getpid()}-{len(list(tmp.iterdir()))}.json"
    spec_path.write_text(json.dumps(s))
    proc = subprocess.Popen([sys.executable, "-m", "oxa_engine", "rl", "--spec", str(spec_path)], cwd=ENGINE, env={**os.environ, "PYTHONPATH": str(ENGINE)},
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    events = []
    for line in proc.stdout:
        e = json.loads(line)
        events.append(e)
        if e["type"] != "rollouts":
            continue
        if kill_at_step is not None and e["kind"] == "train" and e["step"] == kill_at_step:
            proc.send_signal(signal.SIGKILL)  # mid-step: rollouts drawn, no update yet
            break
        rows = [json.loads(l) for l in Path(e["path"]).read_text().splitlines()]
        body = bad_rewards or "".join(json.dumps({"id": r["id"], "sample": r["sample"], "reward": reward_of(r["text"]), "use": use(r)}) + "\n" for r in rows)
        tmpf = Path(e["rewards"] + ".tmp")
        tmpf.write_text(body)
        os.replace(tmpf, e["rewards"])
    proc.wait(timeout=300)
    return {"rc": proc.returncode, "events": events}


def metrics(out: Path, name: str = "metrics.jsonl") -> list[dict]:
    return [json.loads(l) for l in (out / name).read_text().splitlines()]


def test_run_metrics_and_validation(tiny_model, data, tmp_path):
    s = spec(tiny_model, data, tmp_path / "run", validation=str(data / "val.jsonl"), eval_every=2)
    r = run_rl(tmp_path, s)
    assert r["rc"] == 0, r["events"][-1]
    rows = metrics(tmp_path / "run")
    assert [m["step"] for m in rows] == [1, 2, 3, 4]
    for m, ids in zip(rows, [["p0", "p1"], ["p2", "p3"], ["p4", "p5"], ["p1", "p4"]]):
        step_file = tmp_path / "run" / "rollouts" / f"step-{m['step']:06d}.jsonl"
        ro = [json.loads(l) for l in step_file.read_text().splitlines()]
        assert sorted({x["id"] for x in ro}) == ids and len(ro) == 8
        rewards = [reward_of(x["text"]) for x in ro]
        mean = sum(rewards) / 8
        assert m["reward_mean"] == pytest.approx(mean)
        assert m["reward_std"] == pytest.approx((sum((x - mean) ** 2 for x in rewards) / 8) ** 0.5)
        groups = [rewards[:4], rewards[4:]]  # rollouts are written prompt by prompt
        assert m["zero_variance_groups"] == pytest.approx(sum(len(set(g)) == 1 for g in groups) / 2)
        lengths = [x["n_tokens"] + (x["finish_reason"] == "stop") for x in ro]
        assert m["response_length_max"] == max(lengths) and m["tokens"] == sum(lengths)
        assert m["truncated"] == pytest.approx(sum(x["finish_reason"] == "length" for x in ro) / 8)
        assert m["entropy"] > 0 and m["kl"] >= 0 and m["clip_low"] == 0 and m["clip_high"] == 0
    assert rows[0]["kl"] == pytest.approx(0, abs=1e-7) and rows[-1]["kl"] > 1e-6  # the policy moves away from the reference
    val = metrics(tmp_path / "run", "validation.jsonl")
    assert [v["step"] for v in val] == [0, 2, 4] and all(v["n"] == 2 for v in val)
    assert (tmp_path / "run" / "model" / "model.safetensors").is_file()


def test_killed_mid_step_then_resumed_equals_uninterrupted(tiny_model, data, tmp_path):
    full = run_rl(tmp_path, spec(tiny_model, data, tmp_path / "full"))
    assert full["rc"] == 0
    killed = run_rl(tmp_path, spec(tiny_model, data, tmp_path / "res"), kill_at_step=3)
    assert killed["rc"] != 0 and [m["step"] for m in metrics(tmp_path / "res")] == [1, 2]
    resumed = run_rl(tmp_path, spec(tiny_model, data, tmp_path / "res", resume=True))
    assert resumed["rc"] == 0 and resumed["events"][-1]["result"]["resumed_from"] == 2
    a, b = metrics(tmp_path / "full"), metrics(tmp_path / "res")
    strip = lambda rows: [{k: v for k, v in m.items() if k not in TIMINGS} for m in rows]
    assert strip(a) == strip(b)
    wa, wb = load_file(tmp_path / "full" / "model" / "model.safetensors"), load_file(tmp_path / "res" / "model" / "model.safetensors")
    assert wa.keys() == wb.keys() and all(bool((wa[k] == wb[k]).all()) for k in wa)
    w0 = load_file(tiny_model / "model.safetensors")
    assert any(not bool((w0[k] == wa[k]).all()) for k in wa)  # it did train


def test_other_seed_other_rollouts(tiny_model, data, tmp_path):
    r = run_rl(tmp_path, spec(tiny_model, data, tmp_path / "s1", seed=8, stop_after=1))
    assert r["rc"] == 0
    a = (tmp_path / "s1" / "rollouts" / "step-000001.jsonl").read_text()
    r = run_rl(tmp_path, spec(tiny_model, data, tmp_path / "s2", seed=8, stop_after=1, micro_batch_size=8, generation_batch_size=3))
    assert (tmp_path / "s2" / "rollouts" / "step-000001.jsonl").read_text() == a  # batch sizes do not change rollouts
    run_rl(tmp_path, spec(tiny_model, data, tmp_path / "s3", seed=9, stop_after=1))
    assert (tmp_path / "s3" / "rollouts" / "step-000001.jsonl").read_text() != a


@pytest.mark.parametrize("body,message", [
    ('{"id": "p0", "sample": 0, "reward": 1, "use": true}\n', "no reward for rollout"),
    ('{"id": "p0", "sample": 0, "reward": "high", "use": true}\n', 'field "reward"'),
    ("not json\n", "malformed JSON"),
])
def test_malformed_rewards_name_the_problem(tiny_model, data, tmp_path, body, message):
    r = run_rl(tmp_path, spec(tiny_model, data, tmp_path / "bad", stop_after=1), bad_rewards=body)
    err = r["events"][-1]
    assert r["rc"] == 1 and err["type"] == "error" and message in err["message"] and "rewards.jsonl" in err["message"]


def test_masked_rollouts_leave_the_loss(tiny_model, data, tmp_path):
    """Rollouts sent back with use=false count in the masked share and contribute no gradient: masking
    every rollout leaves only weight decay, so the weights equal an AdamW step on a zero gradient."""
    r = run_rl(tmp_path, spec(tiny_model, data, tmp_path / "m", stop_after=1), use=lambda row: row["sample"] != 0)
    assert r["rc"] == 0
    assert metrics(tmp_path / "m")[0]["masked"] == pytest.approx(2 / 8)
    r = run_rl(tmp_path, spec(tiny_model, data, tmp_path / "all", stop_after=1, kl_coef=0.0, weight_decay=0.0), use=lambda row: False)
    assert r["rc"] == 0 and metrics(tmp_path / "all")[0]["grad_norm"] == 0.0
    w0 = load_file(tiny_model / "model.safetensors")
    w1 = load_file(tmp_path / "all" / "checkpoints" / "step-000001" / "model.safetensors")
    assert all(bool((w0[k] == w1[k]).all()) for k in w0)
