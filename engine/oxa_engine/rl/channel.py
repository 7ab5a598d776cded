"""The engine's side of the rewards channel: write a step's rollouts, announce them, wait for rewards.

Rollouts go to <out>/rollouts/<name>.jsonl (written under a temporary name and renamed, so the reader
never sees half a file); a `rollouts` event names it and the rewards file TypeScript is to write,
<out>/rollouts/<name>.rewards.jsonl, which TypeScript also renames into place. The engine polls for
that file (the job ends on its own if its parent dies: __main__'s parent watch), then checks that it
holds exactly one finite reward for each rollout.
"""
from __future__ import annotations

import json
import math
import os
import time
from pathlib import Path

from ..protocol import JobError, emit


def write_rollouts(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text("".join(json.dumps(r) + "\n" for r in records))
    os.replace(tmp, path)


def request_rewards(out: Path, name: str, step: int, kind: str, records: list[dict], timeout_s: float) -> list[tuple[float, bool]]:
    """Returns (reward, use) for each record, in the records' order."""
    path = out / "rollouts" / f"{name}.jsonl"
    rewards = path.with_name(f"{name}.rewards.jsonl")
    rewards.unlink(missing_ok=True)  # a killed earlier attempt's rewards belong to other rollouts
    write_rollouts(path, records)
    emit("rollouts", step=step, kind=kind, path=str(path), rewards=str(rewards))
    deadline = time.monotonic() + timeout_s
    while not rewards.exists():
        if time.monotonic() > deadline:
            raise JobError(f"no rewards file {rewards} after {timeout_s:.0f} s", "rewards")
        time.sleep(0.01)
    return _read_rewards(rewards, records)


def _read_rewards(path: Path, records: list[dict]) -> list[tuple[float, bool]]:
    got: dict[tuple[str, int], tuple[float, bool]] = {}
    for lineno, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}, line {lineno}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise JobError(f"{where}: malformed JSON ({e.msg})", "rewards")
        key = (row.get("id"), row.get("sample"))
        r, use = row.get("reward"), row.get("use")
        if not isinstance(key[0], str) or not isinstance(key[1], int):
            raise JobError(f"{where}: fields \"id\" (string) and \"sample\" (integer) are required", "rewards")
        if not isinstance(r, (int, float)) or isinstance(r, bool) or not math.isfinite(r):
            raise JobError(f"{where}, field \"reward\": expected a finite number", "rewards")
        if not isinstance(use, bool):
            raise JobError(f"{where}, field \"use\": expected true or false", "rewards")
        if key in got:
            raise JobError(f"{where}: a second reward for ({key[0]!r}, {key[1]})", "rewards")
        got[key] = (float(r), use)
    out = []
    for rec in records:
        key = (rec["id"], rec["sample"])
        if key not in got:
            raise JobError(f"{path}: no reward for rollout ({key[0]!r}, {key[1]})", "rewards")
        out.append(got.pop(key))
    if got:
        raise JobError(f"{path}: a reward for ({next(iter(got))[0]!r}, {next(iter(got))[1]}), which is no rollout of this step", "rewards")
    return out
