// The pure domain core: no I/O. Shared by web, worker and CLI.
export * from "./auth/roles";
export * from "./evidence/canonical";
export * from "./evidence/audit-chain";
export * from "./evidence/audit-segment";
export * from "./stats";
export * from "./fairness";
export * from "./risk";
export * from "./review";
export * from "./data/header";
export * from "./scores";
export * from "./monitoring";
export * from "./drift";
export * from "./plans/plan-checks";
export * from "./safety";
export * from "./governance";
export * from "./incidents";
