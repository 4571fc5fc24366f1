export * from "./runs";
export {
  processEvaluationRun,
  failRun,
  failRunFromQueue,
  checkValue,
  codeVersion,
  runConfigSchema,
  EvaluationInputError,
  type RunConfig,
  type EvaluationOutcome,
  type ProcessOptions,
} from "./process";

