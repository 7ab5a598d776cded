"""The batch schedule TypeScript composed, and random access to the records it names.

schedule.json: {version: 1, records: <path of records.jsonl>, n_records, global_batch,
ul_per_batch, epochs, seed, wrap, mode, cutoff, dropped, batches: [{epoch, rows: [record index, ...]}]},
validated against the JSON Schema TypeScript generates from its own schema (src/engine/schedule-file.ts,
"files.schedule" in job_schema.json). records.jsonl holds one {id, prompt, response, loss_type} per
line; a row index is a 0-based line number. Everything here is checked before training starts, so a
bad schedule never costs a training step. Sequences over the cutoff were dropped by TypeScript when
it composed the schedule; the engine trains on whatever the schedule names.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..protocol import JobError
from ..schedule_file import beside, read_schedule_file, schedule_error


@dataclass(frozen=True)
class Schedule:
    path: str
    sha256: str
    records: str
    global_batch: int
    ul_per_batch: int
    epochs: list[int]
    batches: list[list[int]]


class RecordStore:
    """Byte offsets and loss types of every line of records.jsonl; records are read on demand."""

    def __init__(self, path: str):
        self.path = path
        self.offsets: list[int] = []
        self.loss_types = bytearray()
        if not Path(path).is_file():
            raise JobError(f"training records not found: {path}", "input")
        with open(path, "rb") as f:
            offset = 0
            for lineno, line in enumerate(f, 1):
                row = self._parse(line, lineno)
                self.offsets.append(offset)
                self.loss_types.append(row["loss_type"])
                offset += len(line)
        self._f = open(path, "rb")

    def _parse(self, line: bytes, lineno: int) -> dict:
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise JobError(f"{self.path}, line {lineno}: malformed JSON ({e.msg})", "input")
        for field, kind in (("id", str), ("prompt", str), ("response", str)):
            if not isinstance(row.get(field), kind):
                raise JobError(f"{self.path}, line {lineno}, field \"{field}\": expected a string", "input")
        if row.get("loss_type") not in (0, 1):
            raise JobError(f"{self.path}, line {lineno}, field \"loss_type\": expected 0 (CE) or 1 (UL)", "input")
        return row

    def __len__(self) -> int:
        return len(self.offsets)

    def get(self, row: int) -> dict:
        self._f.seek(self.offsets[row])
        return json.loads(self._f.readline())


def _fail(path: str, message: str):
    raise schedule_error(path, message)


def load_schedule(path: str, world: int) -> tuple[Schedule, RecordStore]:
    raw, doc = read_schedule_file(path, "schedule", "oxa train")
    records = beside(path, doc["records"])
    store = RecordStore(records)
    if doc.get("n_records") is not None and doc["n_records"] != len(store):
        _fail(path, f"written for {doc['n_records']} records but {records} holds {len(store)}: recompose the schedule")
    gb, k = doc["global_batch"], doc["ul_per_batch"]
    if not doc["batches"]:
        _fail(path, "no batches (the training set is smaller than one global batch?)")
    if gb % world:
        _fail(path, f"global batch {gb} does not split evenly across {world} processes")
    batches, epochs = [], []
    for i, b in enumerate(doc["batches"]):
        rows = b["rows"]
        if len(rows) != gb:
            _fail(path, f"batch {i} has {len(rows)} rows, expected {gb}")
        if any(not isinstance(r, int) or r < 0 or r >= len(store) for r in rows):
            _fail(path, f"batch {i} names a row outside 0..{len(store) - 1}")
        n_ul = sum(store.loss_types[r] for r in rows)
        if n_ul != k:
            _fail(path, f"batch {i} holds {n_ul} UL records, expected {k} (records file changed since composing?)")
        batches.append(rows)
        epochs.append(b["epoch"])
    sched = Schedule(str(Path(path)), hashlib.sha256(raw).hexdigest(), records, gb, k, epochs, batches)
    return sched, store
