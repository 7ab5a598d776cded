# Reads Parquet files with the consumers' own code and prints, per file, the rows `datasets` loads
# (load_dataset("parquet")) and pyarrow's schema string, as JSON for the node test to compare.
import json
import sys

import datasets
import pyarrow.parquet as pq

out = {}
for path in sys.argv[1:]:
    ds = datasets.load_dataset("parquet", data_files=path, split="train")
    schema = pq.read_schema(path)
    out[path] = {
        "rows": [dict(r) for r in ds],
        "schema": str(schema.remove_metadata()),
        "row_schema": json.loads(schema.metadata[b"oxa.row_schema"]),
    }
print(json.dumps(out))
