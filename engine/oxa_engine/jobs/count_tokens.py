"""count-tokens: token length of each (prompt, response) pair exactly as the trainer encodes it.

The batch schedule drops sequences over the cutoff before training (they are never truncated);
only the tokenizer knows their lengths. Output is resumable like every record job.
"""
from __future__ import annotations

from transformers import AutoTokenizer

from ..device import check_model_dir
from ..protocol import Progress
from ..records import ResumableOutput, read_jsonl, require, write_batched
from ..train.encode import Encoder


def run(spec: dict) -> dict:
    check_model_dir(spec["model"])
    tok = AutoTokenizer.from_pretrained(spec["model"], local_files_only=True)
    encode = Encoder(tok, spec["chat"], spec["strip_default_system_prompt"], spec["append_eos"])
    out = ResumableOutput(spec["output"])
    order: list[str] = []

    def lengths():
        for lineno, row in read_jsonl(spec["input"]):
            rid = require(row, "id", str, spec["input"], lineno)
            require(row, "prompt", str, spec["input"], lineno)
            require(row, "response", str, spec["input"], lineno)
            order.append(rid)
            if out.is_done(rid):
                continue
            seq = encode({**row, "loss_type": 0})
            yield {"id": rid, "n_tokens": len(seq.ids), "n_prompt": seq.n_prompt}

    write_batched(out, lengths(), Progress(None, "records"))
    from transformers import AutoConfig

    config = AutoConfig.from_pretrained(spec["model"], local_files_only=True)
    return {"records": out.finish(order), "max_position_embeddings": getattr(config, "max_position_embeddings", None)}
