// The math answer verifier's public surface: verify one item, extract an answer, verify many on
// all cores (VerifierPool), verify a dataset file (the `oxa verify` stage).
export { verify, type Verdict, type VerdictStatus } from "./verify.ts";
export { extractAnswer, type ExtractOptions, type Extracted } from "./extract-answer.ts";
export { VerifierPool, type PoolOptions } from "./verifier-pool.ts";
export { verifyFile, type VerifyFileOptions, type VerifySummary } from "./verify-file.ts";
export { DEFAULT_OPTIONS, verifyOptionsSchema, type VerifyOptions, type CompareOptions } from "./options.ts";
export { VERIFY_MODES, type VerifyMode } from "./mode.ts";
export { verifyConfig, verifyOptionsOf, type VerifyConfig } from "./verify-config.ts";
export { VERIFY_ROW_SCHEMA } from "./verify-row-schema.ts";
