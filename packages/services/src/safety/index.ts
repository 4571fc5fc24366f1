export * from "./taxonomy";
export * from "./targets";
export * from "./suites";
export * from "./runs";
export * from "./responses";
export * from "./compare";
export * from "./redteam";
export { processSafetyRun } from "./process";
export { TARGET_PRIVATE_NETWORKS_ENV } from "./target-guard";
