export * from "./runs";
export * from "./export";
export * from "./compare";
export { riskTierForRun } from "./tier";
export {
  processEvaluationRun,
  failRun,
  failRunFromQueue,
  checkValue,
  codeVersion,
  runConfigSchema,
  EvaluationInputError,
  type RunConfig,
  type StoredFairnessResult,
  BOOTSTRAP_RESAMPLES,
  BOOTSTRAP_SEED,
  type EvaluationOutcome,
  type ProcessOptions,
} from "./process";

