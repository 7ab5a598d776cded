"""Loads an exported parquet with verl's RLHFDataset (as docs/verl.md and consumers.md show) using
a tiny model's tokenizer; prints what each item holds that the export decides."""
import json
import sys

from omegaconf import OmegaConf
from transformers import AutoTokenizer
from verl.utils.dataset.rl_dataset import RLHFDataset

parquet, model, cache = sys.argv[1:4]
tok = AutoTokenizer.from_pretrained(model)
config = OmegaConf.create({"prompt_key": "prompt", "max_prompt_length": 256, "filter_overlong_prompts": True, "return_raw_chat": True, "truncation": "error", "cache_dir": cache})
ds = RLHFDataset(data_files=[parquet], tokenizer=tok, config=config)
items = []
for i in range(len(ds)):
    it = ds[i]
    raw = it.get("raw_prompt")
    items.append({
        "data_source": it["data_source"],
        "ground_truth": it["reward_model"]["ground_truth"],
        "index": int(it["extra_info"]["index"]),
        "raw_prompt": [dict(m) for m in raw] if raw is not None else None,
    })
print(json.dumps({"len": len(ds), "items": items}))
