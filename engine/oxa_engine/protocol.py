"""The job protocol: spec loading and validation, NDJSON events on stdout, typed failures.

Every job is `python -m oxa_engine <job> --spec spec.json`. The spec is validated against the
JSON Schema that TypeScript generates (job_schema.json, committed). Events go to stdout, one JSON
object per line; everything else a library prints is sent to stderr so the stream stays clean.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

PROTOCOL_VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("job_schema.json")

# Events are written to the real stdout; sys.stdout is pointed at stderr so stray prints
# (from transformers, tqdm, user code) cannot corrupt the event stream.
_EVENTS = sys.stdout
sys.stdout = sys.stderr


class JobError(Exception):
    """A failure with a message a person can act on (bad spec, missing model, NaN loss...)."""

    def __init__(self, message: str, kind: str = "job"):
        super().__init__(message)
        self.kind = kind


def is_main_process() -> bool:
    return int(os.environ.get("RANK", "0")) == 0


def emit(event_type: str, **fields: Any) -> None:
    if not is_main_process():
        return
    _EVENTS.write(json.dumps({"v": PROTOCOL_VERSION, "type": event_type, **fields}, default=float) + "\n")
    _EVENTS.flush()


def warn(message: str) -> None:
    emit("warning", message=message)


class Progress:
    """Rate-limited progress events (at most ~5 per second)."""

    def __init__(self, total: int | None, unit: str = "records"):
        self.total, self.unit, self.done, self._last = total, unit, 0, 0.0

    def advance(self, n: int = 1, status: str | None = None, force: bool = False) -> None:
        self.done += n
        now = time.monotonic()
        if force or now - self._last >= 0.2 or (self.total is not None and self.done >= self.total):
            self._last = now
            emit("progress", done=self.done, total=self.total, unit=self.unit, status=status)


def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text())


def load_spec(job: str, spec_path: str) -> dict:
    """Reads and validates a spec; fills defaults from the schema so jobs see every field."""
    try:
        raw = json.loads(Path(spec_path).read_text())
    except FileNotFoundError:
        raise JobError(f"spec file not found: {spec_path}", "spec")
    except json.JSONDecodeError as e:
        raise JobError(f"spec file {spec_path} is not JSON: {e}", "spec")
    return validate_spec(job, raw, spec_path)


def validate_spec(job: str, raw: dict, where: str = "(spec)") -> dict:
    """Validates a spec object against the committed schema and fills its defaults."""
    import jsonschema

    if raw.get("protocol", PROTOCOL_VERSION) != PROTOCOL_VERSION:
        raise JobError(f"spec protocol {raw.get('protocol')} but this engine speaks {PROTOCOL_VERSION}: update oxa and the engine together", "spec")
    defs = load_schema()["$defs"]
    if job not in defs:
        raise JobError(f"unknown job {job!r}; known: {', '.join(sorted(defs))}", "spec")
    schema = defs[job]
    spec = {k: v for k, v in raw.items() if k not in ("protocol", "job")}
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(spec), key=lambda e: list(e.path))
    if errors:
        msgs = "; ".join(f"{'.'.join(map(str, e.path)) or '(spec)'}: {e.message}" for e in errors[:5])
        raise JobError(f"invalid {job} spec {where}: {msgs}", "spec")
    return _with_defaults(spec, schema)


def _with_defaults(value: Any, schema: dict) -> Any:
    if schema.get("type") == "object" and isinstance(value, dict):
        out = dict(value)
        for key, sub in schema.get("properties", {}).items():
            if key not in out and "default" in sub:
                out[key] = sub["default"]
            if key in out:
                out[key] = _with_defaults(out[key], sub)
        return out
    return value
