// The verifier's answer policy, one spelling for every command that verifies (verify, eval, and
// the coming RL reward): strict = only a \boxed{} answer counts; lenient = read the response the
// way a careful reader would (answer phrases, bold, the last math) when there is no box.
export const VERIFY_MODES = ["strict", "lenient"] as const;
export type VerifyMode = (typeof VERIFY_MODES)[number];
