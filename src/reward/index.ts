// The reward server: our verifier over HTTP for RL trainers (verl's reward module, OpenRLHF's remote reward model).
export { rewardServerConfig, rewardVerifyOptions, type RewardServerConfig } from "./reward-config.ts";
export { RewardServer, type RewardServerOptions } from "./reward-server.ts";
export { runRewardServer, type RewardServerResult } from "./run-reward-server.ts";
export { readScoreRequest, RequestError, type RewardItem, type ScoreRequest } from "./score-request.ts";
export { rewardOf, type RewardResult } from "./reward-of.ts";
