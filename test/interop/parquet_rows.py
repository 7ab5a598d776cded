# Reads row files with the consumers' own code and prints, per file, the rows `datasets` loads
# (load_dataset("parquet") for .parquet, load_dataset("json") for .jsonl) and the Arrow schema, as
# JSON for the node test to compare. row_schema: the RowSchema an oxa Parquet file carries (else null).
import json
import sys

import datasets
import pyarrow.parquet as pq

out = {}
for path in sys.argv[1:]:
    if path.endswith(".parquet"):
        ds = datasets.load_dataset("parquet", data_files=path, split="train")
        schema = pq.read_schema(path)
        meta = schema.metadata or {}
        out[path] = {
            "rows": [dict(r) for r in ds],
            "schema": str(schema.remove_metadata()),
            "row_schema": json.loads(meta[b"oxa.row_schema"]) if b"oxa.row_schema" in meta else None,
        }
    else:
        ds = datasets.load_dataset("json", data_files=path, split="train")
        out[path] = {"rows": [dict(r) for r in ds], "schema": str(ds.features), "row_schema": None}
print(json.dumps(out))
