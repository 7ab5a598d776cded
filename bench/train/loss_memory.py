"""Peak memory of the loss alone: `python loss_memory.py <model> <impl> <seq_len>` runs forward +
backward of one sequence and prints this process's peak RSS in MiB. impl: none (loss = sum of the
final hidden states: the model without any logits), ours (chunked objective), full (the
straightforward full-logits loss). Peak of the loss = peak(impl) - peak(none).
"""
from __future__ import annotations

import json
import resource
import sys

import torch
from transformers import AutoModelForCausalLM

from oxa_engine.train.micro_batches import Sequence, collate
from oxa_engine.train.objective import ObjectiveModel
from straightforward import full_logits_loss


def main(model_dir: str, impl: str, length: int) -> None:
    torch.manual_seed(0)
    lm = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32, local_files_only=True)
    ids = torch.randint(4, lm.config.vocab_size, (length,)).tolist()
    batch = collate([Sequence(ids=ids, n_prompt=16, is_ul=False)], n_ce=1, n_ul=0, pad_id=0)
    if impl == "none":
        loss = lm.get_decoder()(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state.sum()
    elif impl == "ours":
        loss, _ = ObjectiveModel(lm, 1e-4, 2048)(**batch)
    else:
        mask = torch.zeros_like(batch["input_ids"])
        mask[0, 16:] = 1
        loss = full_logits_loss(lm, batch["input_ids"], batch["attention_mask"], mask, torch.tensor([False]))
    loss.backward()
    print(json.dumps({"impl": impl, "length": length, "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), file=sys.__stdout__)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
