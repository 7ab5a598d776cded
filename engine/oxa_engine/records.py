"""Resumable, atomic JSONL output keyed by record id.

Finished records are appended to `<output>.partial` (one complete line each, flushed per batch).
A rerun reads that file, drops a torn last line, and skips the ids it holds. When every record
is done the final file is written in the order the caller asks for, then renamed into place.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator

from .protocol import JobError, warn


def read_jsonl(path: str) -> Iterator[tuple[int, dict]]:
    p = Path(path)
    if not p.is_file():
        raise JobError(f"input file not found: {path}", "input")
    with p.open("r", encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise JobError(f"{path}, line {lineno}: malformed JSON ({e.msg})", "input")
            if not isinstance(row, dict):
                raise JobError(f"{path}, line {lineno}: each line must be a JSON object", "input")
            yield lineno, row


def read_keyed(path: str) -> Iterator[tuple[int, str, dict]]:
    """(line, id, row) of a JSONL file whose rows carry unique string ids."""
    seen: set[str] = set()
    for lineno, row in read_jsonl(path):
        rid = require(row, "id", str, path, lineno)
        if rid in seen:
            raise JobError(f"{path}, line {lineno}, field \"id\": duplicate id {rid!r}", "input")
        seen.add(rid)
        yield lineno, rid, row


def count_records(path: str) -> int:
    """Non-blank lines of a JSONL file (a cheap first pass, for progress totals)."""
    if not Path(path).is_file():
        raise JobError(f"input file not found: {path}", "input")
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def require(row: dict, field: str, kind: type, path: str, lineno: int) -> Any:
    if field not in row or row[field] is None:
        raise JobError(f"{path}, line {lineno}, field \"{field}\": missing field", "input")
    if not isinstance(row[field], kind):
        raise JobError(f"{path}, line {lineno}, field \"{field}\": expected {kind.__name__}", "input")
    return row[field]


class ResumableOutput:
    """`fingerprint` (e.g. model, dtype, options) is stored beside the partial file; a rerun whose
    fingerprint differs starts over instead of mixing numbers from two set-ups.

    Memory stays bounded by the number of keys: only each record's byte span in the partial file is
    kept, and `finish` copies the lines from there in the order asked for."""

    def __init__(self, output: str, key: str | tuple[str, ...] = "id", fingerprint: dict | None = None):
        self.output = Path(output)
        self.partial = self.output.with_name(self.output.name + ".partial")
        self.key = key
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.done: dict[Any, list[tuple[int, int]]] = {}  # key -> (offset, length) of its lines
        self.resumed = 0
        meta = self.output.with_name(self.output.name + ".partial.meta.json")
        stamp = json.dumps(fingerprint or {}, sort_keys=True)
        if self.partial.exists() and (not meta.exists() or meta.read_text() != stamp):
            warn(f"{self.partial} was written with other settings; starting over")
            self.partial.unlink()
        if self.partial.exists():
            self._recover()
            self.resumed = sum(len(v) for v in self.done.values())
        else:
            meta.write_text(stamp)
        self._meta = meta
        self._f = self.partial.open("ab")

    def _recover(self) -> None:
        offset = 0
        with self.partial.open("rb") as f:
            for line in f:
                if not line.endswith(b"\n"):  # torn by a kill: drop it
                    break
                if line.strip():
                    self.done.setdefault(self._k(json.loads(line)), []).append((offset, len(line)))
                offset += len(line)
        with self.partial.open("r+b") as f:
            f.truncate(offset)

    def _k(self, rec: dict) -> Any:
        return rec[self.key] if isinstance(self.key, str) else tuple(rec[k] for k in self.key)

    def is_done(self, key: Any) -> bool:
        return key in self.done

    def write(self, records: Iterable[dict]) -> None:
        """Appends finished records and flushes them to disk (one batch at a time)."""
        offset = self._f.tell()
        for rec in records:
            line = (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8")
            self._f.write(line)
            self.done.setdefault(self._k(rec), []).append((offset, len(line)))
            offset += len(line)
        self._f.flush()
        os.fsync(self._f.fileno())

    def finish(self, order: Iterable[Any]) -> int:
        """Writes the final file with records in `order` (keys), atomically; returns the count."""
        self._f.close()
        tmp = self.output.with_name(f".{self.output.name}.tmp-{os.getpid()}")
        n = 0
        with tmp.open("wb") as f, self.partial.open("rb") as src:
            for key in order:
                for offset, length in self.done.get(key, []):
                    src.seek(offset)
                    f.write(src.read(length))
                    n += 1
        os.replace(tmp, self.output)
        self.partial.unlink(missing_ok=True)
        self._meta.unlink(missing_ok=True)
        return n


def write_batched(out: "ResumableOutput", records: Iterable[dict], progress, size: int = 1000) -> None:
    """Appends records to `out` in batches of `size` (bounded memory, few fsyncs), advancing progress."""
    pending: list[dict] = []
    for rec in records:
        pending.append(rec)
        if len(pending) >= size:
            out.write(pending)
            progress.advance(len(pending))
            pending = []
    out.write(pending)
    progress.advance(len(pending), force=True)
