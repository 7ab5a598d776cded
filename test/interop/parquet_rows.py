# Reads Parquet files with the consumers' own code and prints, per file, the rows `datasets` loads
# (load_dataset("parquet")) and pyarrow's schema string, as JSON for the node test to compare.
import json
import sys

import datasets
import pyarrow.parquet as pq

out = {}
for path in sys.argv[1:]:
    ds = datasets.load_dataset("parquet", data_files=path, split="train")
    out[path] = {"rows": [dict(r) for r in ds], "schema": str(pq.read_schema(path).remove_metadata())}
print(json.dumps(out))
