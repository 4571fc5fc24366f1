export * from "./severity";
