// verl's RL parquet written from TypeScript with hyparquet-writer (the companion of the hyparquet
// reader we use). Its Dremel encoder writes nested columns when given an explicit schema, so the
// columns come out with the types verl's own examples have (pyarrow reads them as
// list<struct<role, content>> and struct<...>); a JSON string column would not do — verl indexes
// reward_model["ground_truth"] and applies the chat template to prompt as a list of dicts.
import type { VerlRow } from "./verl-row.ts";

const str = (name: string) => ({ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" }) as const;

/** The parquet schema, depth first (the format's flattened tree). */
const SCHEMA = [
  { name: "root", num_children: 5 },
  str("data_source"),
  { name: "prompt", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { name: "element", repetition_type: "OPTIONAL", num_children: 2 },
  str("role"),
  str("content"),
  str("ability"),
  { name: "reward_model", repetition_type: "OPTIONAL", num_children: 2 },
  str("style"),
  str("ground_truth"),
  { name: "extra_info", repetition_type: "OPTIONAL", num_children: 3 },
  { name: "index", type: "INT64", repetition_type: "OPTIONAL" },
  str("split"),
  str("source_id"),
];

/** The file's bytes (zero rows included: the schema is explicit, nothing is guessed from data). The
 * writer is loaded on first use, as records.ts loads the reader, so other commands never wait for it. */
export async function verlParquet(rows: readonly VerlRow[]): Promise<Uint8Array> {
  const { parquetWriteBuffer } = await import("hyparquet-writer");
  const buf = parquetWriteBuffer({
    columnData: [
      { name: "data_source", data: rows.map((r) => r.data_source) },
      { name: "prompt", data: rows.map((r) => r.prompt) },
      { name: "ability", data: rows.map((r) => r.ability) },
      { name: "reward_model", data: rows.map((r) => r.reward_model) },
      // INT64 wants bigint values
      { name: "extra_info", data: rows.map((r) => ({ ...r.extra_info, index: BigInt(r.extra_info.index) })) },
    ],
    schema: SCHEMA as never,
  });
  return new Uint8Array(buf);
}
