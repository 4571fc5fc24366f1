export * from "./schemas";
export * from "./exceptions";
