export {
  createSystemSchema,
  updateSystemSchema,
  createModelVersionSchema,
  riskTierSchema,
  lifecycleStageSchema,
  modelTypeSchema,
  type CreateSystemInput,
  type UpdateSystemInput,
  type CreateModelVersionInput,
} from "./schemas";
export {
  listSystems,
  getSystem,
  createSystem,
  updateSystem,
  type UserRef,
  type SystemRecord,
  type SystemSummary,
  type SystemDetail,
  type VersionSummary,
} from "./systems";
export {
  listModelVersions,
  getModelVersion,
  createModelVersion,
  type ModelVersionRecord,
  type ModelVersionDetail,
} from "./versions";
