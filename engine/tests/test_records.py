"""ResumableOutput: input-order output from out-of-order writes, torn-line recovery, fingerprints."""
from __future__ import annotations

import json

from oxa_engine.records import ResumableOutput


def test_order_resume_and_torn_line(tmp_path):
    out = tmp_path / "o.jsonl"
    a = ResumableOutput(str(out), key=("id", "sample"), fingerprint={"m": 1})
    a.write([{"id": "b", "sample": 1, "t": "ü"}, {"id": "a", "sample": 0, "t": "x"}])
    a._f.close()  # a killed run: the partial stays, plus half a line
    with open(a.partial, "ab") as f:
        f.write(b'{"id": "b", "sam')
    b = ResumableOutput(str(out), key=("id", "sample"), fingerprint={"m": 1})
    assert b.resumed == 2 and b.is_done(("b", 1)) and not b.is_done(("b", 0))
    b.write([{"id": "b", "sample": 0, "t": "y"}])
    assert b.finish([("a", 0), ("b", 0), ("b", 1)]) == 3
    rows = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["sample"], r["t"]) for r in rows] == [("a", 0, "x"), ("b", 0, "y"), ("b", 1, "ü")]
    assert not b.partial.exists()


def test_other_settings_start_over(tmp_path):
    out = tmp_path / "o.jsonl"
    a = ResumableOutput(str(out), fingerprint={"model": "x"})
    a.write([{"id": "1"}])
    a._f.close()
    assert ResumableOutput(str(out), fingerprint={"model": "x"}).resumed == 1
    c = ResumableOutput(str(out), fingerprint={"model": "y"})
    assert c.resumed == 0 and c.finish(["1"]) == 0
