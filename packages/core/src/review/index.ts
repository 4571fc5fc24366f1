export * from "./types";
export * from "./signoff-roles";
export * from "./checklist";
export * from "./decision";
