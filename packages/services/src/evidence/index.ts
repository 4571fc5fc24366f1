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
