export {
  incidentStatusSchema,
  incidentLevelSchema,
  incidentSourceSchema,
  rootCauseSchema,
  openIncidentSchema,
  openManualIncidentSchema,
  updateIncidentSchema,
  incidentNoteSchema,
  logIncidentEventSchema,
  addCorrectiveActionSchema,
  updateCorrectiveActionSchema,
  listIncidentsFilterSchema,
  incidentMetricsQuerySchema,
  type OpenIncidentInput,
  type OpenManualIncidentInput,
  type UpdateIncidentInput,
  type LogIncidentEventInput,
  type AddCorrectiveActionInput,
  type UpdateCorrectiveActionInput,
  type ListIncidentsFilter,
} from "./schemas";
export {
  listIncidents,
  getIncident,
  openIncidentFromAlert,
  openIncident,
  updateIncident,
  addIncidentNote,
  logIncidentEvent,
  canMoveIncident,
  type IncidentSummary,
  type IncidentDetail,
  type IncidentEvidence,
  type IncidentTimelineEvent,
  type IncidentMetrics,
  type CorrectiveActionView,
  type OpenIncidentResult,
} from "./incidents";
export { addCorrectiveAction, updateCorrectiveAction, correctiveActionLinkOptions, type CorrectiveActionLinkOptions } from "./corrective-actions";
export { incidentMetrics, DEFAULT_METRICS_WINDOW_DAYS, type IncidentMetricsView } from "./metrics";
export { getIncidentLevelDefinitions, updateIncidentLevelDefinitions, updateIncidentLevelsSchema, levelDefinitionsOf, type IncidentLevelDefinitionsView } from "./levels";
export type { IncidentRecurrence } from "./shared";
