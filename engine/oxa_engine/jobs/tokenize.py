"""tokenize: the token ids of prompts (and responses) exactly as score and generate build them.

The remote backend sends token ids, not text, to inference servers, so the prompt/response boundary
stays the one of `oxa_engine.chat` (no retokenisation drift, no second BOS). Per record:
prompt_ids (null with no_prompt: then only the BOS the tokenizer itself adds) and, when the record
has a response, response_ids (+ EOS with append_eos). The result also names the stop ids a sample
ends at and the ids of a probe text, which the client compares with the server's tokenizer once per run.
"""
from __future__ import annotations

from transformers import AutoTokenizer, GenerationConfig

from ..chat import bos_prefix, continued_prompt_ids, response_ids, stop_ids
from ..device import check_model_dir
from ..protocol import Progress
from ..records import ResumableOutput, count_records, read_keyed, require, write_batched


class _Gen:  # stop_ids reads `generation_config` from a model; the config file alone suffices here
    def __init__(self, path: str):
        try:
            self.generation_config = GenerationConfig.from_pretrained(path, local_files_only=True)
        except OSError:
            self.generation_config = None


def run(spec: dict) -> dict:
    check_model_dir(spec["model"])
    tok = AutoTokenizer.from_pretrained(spec["model"], local_files_only=True)
    chat = spec["chat"]
    path = spec["input"]
    out = ResumableOutput(spec["output"], fingerprint={k: spec[k] for k in ("model", "input", "no_prompt", "append_eos", "chat", "prompt_text")})
    progress = Progress(count_records(path), "records")
    order: list[str] = []

    def encoded():
        for lineno, rid, row in read_keyed(path):
            order.append(rid)
            if out.is_done(rid):
                continue
            rec: dict = {"id": rid}
            if spec["no_prompt"]:
                rec["prompt_ids"] = bos_prefix(tok)
            else:
                prefix = require(row, "prefix", str, path, lineno) if row.get("prefix") is not None else None
                rec["prompt_ids"] = continued_prompt_ids(tok, require(row, "prompt", str, path, lineno), prefix, apply_template=chat["apply_template"], system_prompt=chat["system_prompt"])
            if spec["prompt_text"]:
                rec["prompt_text"] = tok.decode(rec["prompt_ids"], skip_special_tokens=False, clean_up_tokenization_spaces=False)
            if row.get("response") is not None:
                rec["response_ids"] = response_ids(tok, require(row, "response", str, path, lineno), append_eos=spec["append_eos"])
            yield rec

    write_batched(out, encoded(), progress)
    return {
        "records": out.finish(order),
        "stop_ids": stop_ids(tok, _Gen(spec["model"])),
        "probe": {"text": spec["probe"], "ids": tok(spec["probe"], add_special_tokens=False).input_ids},
        "vocab_size": len(tok),
    }
