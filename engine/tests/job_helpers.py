"""Helpers for the job tests: length-skewed (prompt, response) records cut from the test corpus,
JSONL files, spec files, and an engine process killed mid-file."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import CORPUS


def records(n: int = 24) -> list[dict]:
    out = []
    for i, line in enumerate(CORPUS.read_text().splitlines()[:n]):
        q, s = line.removeprefix("Question: ").split(" Solution: ")
        out.append({"id": f"r{i}", "prompt": q, "response": " ".join([s] * (1 + i % 4))})
    return out


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(l) for l in path.read_text().splitlines() if l.strip()]


def spec_file(tmp: Path, name: str, rows: list[dict], **fields) -> tuple[Path, Path]:
    """Writes the input rows and a spec whose input/output are in tmp; returns (spec, output)."""
    inp = write_jsonl(tmp / f"{name}.in.jsonl", rows)
    out = tmp / f"{name}.jsonl"
    spec = tmp / f"{name}.spec.json"
    spec.write_text(json.dumps({"input": str(inp), "output": str(out), **{k: str(v) if isinstance(v, Path) else v for k, v in fields.items()}}))
    return spec, out


def kill_mid_file(job: str, spec: Path, output: Path, min_lines: int = 3) -> int:
    """Runs `python -m oxa_engine job` and SIGKILLs it once its partial file holds min_lines
    records; returns how many it holds (the caller checks the kill landed before the end)."""
    engine = Path(__file__).parents[1]
    partial = output.with_name(output.name + ".partial")
    cmd = [sys.executable, "-m", "oxa_engine", job, "--spec", str(spec)]
    proc = subprocess.Popen(cmd, cwd=engine, env={**os.environ, "PYTHONPATH": str(engine)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (partial.exists() and partial.read_bytes().count(b"\n") >= min_lines) and time.monotonic() < deadline:
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return partial.read_bytes().count(b"\n") if partial.exists() else 0
