"""Reading a schedule file TypeScript composed (train's schedule.json, dpo's dpo-schedule.json):
the bytes (their hash names the run's plan), the JSON checked against the schema TypeScript
generated for that file ("files.<key>" in job_schema.json), and paths inside it resolved against
the schedule's folder. One reader, so both jobs fail the same way before any training step."""
from __future__ import annotations

import json
from pathlib import Path

from .protocol import JobError, load_schema


def schedule_error(path: str, message: str) -> JobError:
    return JobError(f"schedule {path}: {message}", "schedule")


def read_schedule_file(path: str, schema_key: str, command: str) -> tuple[bytes, dict]:
    """(raw bytes, document) of a schedule valid against files.<schema_key>; `command` composes one."""
    p = Path(path)
    if not p.is_file():
        raise schedule_error(path, f"file not found (compose one with `{command}`)")
    raw = p.read_bytes()
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as e:
        raise schedule_error(path, f"not JSON ({e.msg})") from None
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(load_schema()["files"][schema_key]).iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        where = lambda e: f"field \"{'.'.join(map(str, e.path))}\"" if e.path else "the document"
        raise schedule_error(path, "; ".join(f"{where(e)}: {e.message}" for e in errors[:3]))
    return raw, doc


def beside(schedule_path: str, named: str) -> str:
    """A path written in a schedule: absolute as it is, else relative to the schedule's folder."""
    return named if Path(named).is_absolute() else str((Path(schedule_path).parent / named).resolve())
