// Test helper: the verl venv (.venv-verl, scripts/setup-verl.sh) when it is installed.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export function verlPython(): string | null {
  const p = join(process.env.OXA_VERL_VENV ?? resolve(".venv-verl"), "bin", "python");
  return existsSync(p) ? p : null;
}

export const NO_VERL = "SKIPPED: the verl venv is absent (.venv-verl): run scripts/setup-verl.sh (CI and scripts/test.sh do) to check against verl itself";

/** Says loudly, once per suite, that the verl checks did not run. */
export function warnIfNoVerl(): string | false {
  if (verlPython()) return false;
  console.error(`\n*** ${NO_VERL} ***\n`);
  return NO_VERL;
}
