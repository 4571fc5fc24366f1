export {
  mitigationTypeSchema,
  acceptanceChecksSchema,
  createMitigationSchema,
  updateMitigationSchema,
  verifyMitigationSchema,
  type CreateMitigationInput,
  type UpdateMitigationInput,
  type VerifyMitigationInput,
} from "./schemas";
export {
  listMitigations,
  getMitigation,
  listVerificationVersions,
  createMitigation,
  updateMitigation,
  verifyMitigation,
  type MitigationDto,
  type VerificationVersion,
} from "./mitigations";
