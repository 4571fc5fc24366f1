export {
  buildEvidencePack,
  renderPackFiles,
  assemblePack,
  stableJson,
  evidencePackFileName,
  EVIDENCE_PACK_FORMAT,
  PACK_GENERATED_ACTION,
  type Manifest,
  type ManifestEntry,
  type EvidencePackBuild,
  type PackData,
} from "./pack";
export { renderSummary } from "./summary";
export { getRunReport, runReportFormatSchema, RUN_REPORT_FORMATS, type RunReport, type RunReportFormat } from "./run-report";
export { getDriftWindowReport, loadDriftReportInput } from "./drift-window-report";
export { buildDriftReport, type DriftReportInput } from "./drift-report";
export { getSafetyRunReport, loadSafetyReportInput } from "./safety-run-report";
export { buildSafetyReport, type SafetyReportInput } from "./safety-report";
