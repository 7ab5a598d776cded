// A model directory is checked before any work starts, so a typo fails in a second with a clear
// message instead of after reading a large dataset or starting the engine.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../io/errors.ts";

const WEIGHTS = (f: string) => f.endsWith(".safetensors") || f.endsWith(".bin");
const TOKENIZER_FILES = ["tokenizer.json", "vocab.json", "tokenizer.model"];

/** Throws a UsageError naming what is missing or unreadable in a Hugging Face model directory. */
export function assertModelDir(dir: string): void {
  if (!existsSync(dir)) throw new UsageError(`model directory not found: ${dir}`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`model path is not a directory: ${dir}`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    throw new UsageError(`model directory ${dir} cannot be read: ${(e as Error).message}`);
  }
  const missing = ["config.json", "tokenizer_config.json"].filter((f) => !names.includes(f));
  if (!names.some(WEIGHTS)) missing.push("*.safetensors (the weights)");
  if (!TOKENIZER_FILES.some((f) => names.includes(f))) missing.push("tokenizer.json");
  if (missing.length) throw new UsageError(`model directory ${dir} is missing ${missing.join(", ")}`);
  for (const f of ["config.json", "tokenizer_config.json"]) {
    try {
      JSON.parse(readFileSync(join(dir, f), "utf8"));
    } catch (e) {
      throw new UsageError(`model directory ${dir}: ${f} is unreadable or not JSON (${(e as Error).message})`);
    }
  }
}
