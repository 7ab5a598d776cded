# TRL's DPOTrainer, one step, on each DPO export oxa pairs writes: the file loaded with
# datasets.load_dataset("json"), the tiny model as policy (TRL makes the reference copy).
# argv: model, output dir, then the files. Prints one JSON line per file: rows, columns, loss, and the
# decoded prompt of the first collated example (to check what TRL trained on).
import json
import sys

import datasets
from transformers import AutoModelForCausalLM, AutoTokenizer
from trl import DPOConfig, DPOTrainer

model_dir, out_dir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
tok = AutoTokenizer.from_pretrained(model_dir)
for i, f in enumerate(files):
    ds = datasets.load_dataset("json", data_files=f, split="train")
    model = AutoModelForCausalLM.from_pretrained(model_dir)
    cfg = DPOConfig(output_dir=f"{out_dir}/{i}", use_cpu=True, max_steps=1, per_device_train_batch_size=ds.num_rows, report_to=[], logging_steps=1, save_strategy="no", beta=0.1)
    trainer = DPOTrainer(model=model, args=cfg, train_dataset=ds, processing_class=tok)
    first = trainer.train_dataset[0]
    out = trainer.train()
    print(json.dumps({
        "file": f.rsplit("/", 1)[-1],
        "rows": ds.num_rows,
        "columns": sorted(ds.column_names),
        "loss": out.training_loss,
        "first": sorted(first.keys()),
        "prompt": tok.decode(first[ids]) if (ids := next((k for k in ("prompt_ids", "prompt_input_ids") if k in first), None)) else None,
    }))
