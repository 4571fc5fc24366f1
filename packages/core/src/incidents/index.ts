export * from "./levels";
export * from "./lifecycle";
export * from "./metrics";
export * from "./recurrence";
