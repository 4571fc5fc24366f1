// Domain services: data access plus the rules that need it. Web route handlers
// and worker processors are thin wrappers around these.
export * from "./errors";
export * from "./context";
export * from "./audit";
export * from "./accounts";
export * from "./registry";
export * from "./plans";
export * from "./datasets";
export * from "./runs";
export * from "./risks";
export * from "./reviews";
export * from "./evidence";
export * from "./dashboards";
export * from "./audit-trail";
export * from "./alerts";
export * from "./webhooks";
export * from "./incidents";
export * from "./api-tokens";
export * from "./monitors";
export * from "./monitors/views";
export * from "./safety";
export * from "./governance";
export * from "./notifications";
export * from "./mitigations";
export * from "./exceptions";
