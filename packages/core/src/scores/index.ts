export * from "./types";
export * from "./histogram";
export * from "./metrics";
export * from "./threshold";
