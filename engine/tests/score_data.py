"""Length-skewed (prompt, response) records cut from the test corpus, for score tests."""
from __future__ import annotations

import json
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
