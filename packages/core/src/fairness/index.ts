export * from "./types";
export * from "./compute";
export * from "./group-metrics";
export * from "./disparity-summary";
export * from "./intersections";
export * from "./analysis";
export * from "./comparison";
