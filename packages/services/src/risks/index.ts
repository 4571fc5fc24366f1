export {
  riskStatusSchema,
  createRiskSchema,
  updateRiskSchema,
  listRisksFilterSchema,
  ACTIVE_RISK_STATUSES,
  type CreateRiskInput,
  type UpdateRiskInput,
  type ListRisksFilter,
} from "./schemas";
export {
  listRisks,
  listRisksForVersion,
  getRisk,
  createRisk,
  updateRisk,
  isOverdue,
  isActiveRiskStatus,
  toRiskRecord,
  type RiskRecord,
  type RiskSummary,
  type RiskDetail,
  type RiskHistoryEvent,
} from "./risks";
