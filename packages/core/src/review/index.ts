export * from "./types";
export * from "./checklist";
export * from "./decision";
export * from "./sla";
export * from "./exceptions";
export * from "./recommendation";
