"""dpo-schedule.json (composed by src/dpo): which pairs go in which global batch, checked against
the JSON Schema TypeScript generates ("files.dpo_schedule" in job_schema.json) and against the
pairs file before any training step."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..protocol import JobError, load_schema


@dataclass(frozen=True)
class DpoSchedule:
    sha256: str
    pairs: str
    global_batch: int
    epochs: list[int]
    batches: list[list[int]]


def _fail(path: str, message: str):
    raise JobError(f"schedule {path}: {message}", "schedule")


def load_dpo_schedule(path: str, world: int, n_pairs_of) -> DpoSchedule:
    """n_pairs_of(pairs_path) -> number of pairs in that file (read by the caller once)."""
    p = Path(path)
    if not p.is_file():
        _fail(path, "file not found (compose one with `oxa dpo`)")
    raw = p.read_bytes()
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as e:
        _fail(path, f"not JSON ({e.msg})")
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(load_schema()["files"]["dpo_schedule"]).iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        where = lambda e: f"field \"{'.'.join(map(str, e.path))}\"" if e.path else "the document"
        _fail(path, "; ".join(f"{where(e)}: {e.message}" for e in errors[:3]))
    pairs = doc["pairs"] if Path(doc["pairs"]).is_absolute() else str((p.parent / doc["pairs"]).resolve())
    n = n_pairs_of(pairs)
    if n != doc["n_pairs"]:
        _fail(path, f"written for {doc['n_pairs']} pairs but {pairs} holds {n}: recompose the schedule")
    gb = doc["global_batch"]
    if gb % world:
        _fail(path, f"global batch {gb} does not split evenly across {world} processes")
    for i, b in enumerate(doc["batches"]):
        if len(b["rows"]) != gb:
            _fail(path, f"batch {i} has {len(b['rows'])} rows, expected {gb}")
        if any(r >= n for r in b["rows"]):
            _fail(path, f"batch {i} names a row outside 0..{n - 1}")
    return DpoSchedule(hashlib.sha256(raw).hexdigest(), pairs, gb, [b["epoch"] for b in doc["batches"]], [b["rows"] for b in doc["batches"]])
