export * from "./severity";
export * from "./heatmap";
export * from "./mitigation";
