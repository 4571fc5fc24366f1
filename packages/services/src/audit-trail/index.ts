export {
  listAuditEvents,
  listAuditEntityTypes,
  listAuditEventsSchema,
  AUDIT_PAGE_MAX,
  type ListAuditEventsInput,
  type AuditEventView,
  type AuditEventPage,
} from "./queries";
export { verifyOrgAuditChain, type ChainVerification } from "./verify";
