// Everything that talks to a model over HTTP, plus the deterministic demo target.
export * from "./target-config";
export * from "./chat-client";
export { TargetError, type TargetErrorKind } from "./target-error";
export { RETRYABLE_STATUSES, BACKOFF_BASE_MS, BACKOFF_CAP_MS, RETRY_AFTER_CAP_MS, parseRetryAfterMs, retryDelayMs } from "./backoff";
export { estimateTokens } from "./openai-wire";
export type { Now, Sleep } from "./clock";
export * from "./rate-limit";
export * from "./pool";
export * from "./target-batch";
export * from "./pricing";
export * from "./offline-target";
export * from "./demo-target";
export { DEMO_MODEL_NAME, demoReply, type DemoMessage } from "./demo-model/reply";
export * from "./demo-target-env";
