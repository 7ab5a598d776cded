"""dpo-schedule.json (composed by src/dpo): which pairs go in which global batch, checked against
the JSON Schema TypeScript generates ("files.dpo_schedule" in job_schema.json) and against the
pairs file before any training step."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..schedule_file import beside, read_schedule_file, schedule_error


@dataclass(frozen=True)
class DpoSchedule:
    sha256: str
    pairs: str
    global_batch: int
    epochs: list[int]
    batches: list[list[int]]


def _fail(path: str, message: str):
    raise schedule_error(path, message)


def load_dpo_schedule(path: str, world: int, n_pairs_of) -> DpoSchedule:
    """n_pairs_of(pairs_path) -> number of pairs in that file (read by the caller once)."""
    raw, doc = read_schedule_file(path, "dpo_schedule", "oxa dpo")
    pairs = beside(path, doc["pairs"])
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
