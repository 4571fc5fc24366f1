export * from "./wilson";
