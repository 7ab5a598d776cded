"""The rl job's inputs: prompts by id and the step schedule TypeScript composed (validated against
"files.rl_schedule" in job_schema.json, then checked against the prompts it names)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..protocol import JobError, load_schema
from ..records import read_keyed, require


@dataclass(frozen=True)
class StepSchedule:
    sha256: str
    steps: list[list[str]]


def read_prompts(path: str) -> dict[str, str]:
    if not Path(path).is_file():
        raise JobError(f"prompts file not found: {path}", "input")
    return {rid: require(row, "prompt", str, path, lineno) for lineno, rid, row in read_keyed(path)}


def load_step_schedule(path: str, prompts: dict[str, str]) -> StepSchedule:
    p = Path(path)
    if not p.is_file():
        raise JobError(f"rl schedule {path}: file not found", "schedule")
    raw = p.read_bytes()
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as e:
        raise JobError(f"rl schedule {path}: not JSON ({e.msg})", "schedule")
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(load_schema()["files"]["rl_schedule"]).iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        raise JobError(f"rl schedule {path}: " + "; ".join(f"{'.'.join(map(str, e.path)) or 'the document'}: {e.message}" for e in errors[:3]), "schedule")
    for i, ids in enumerate(doc["steps"]):
        missing = [x for x in ids if x not in prompts]
        if missing:
            raise JobError(f"rl schedule {path}: step {i + 1} names prompt id {missing[0]!r}, which the prompts file does not hold", "schedule")
    return StepSchedule(hashlib.sha256(raw).hexdigest(), doc["steps"])
