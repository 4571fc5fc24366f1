export * from "./notify";
export * from "./inbox";
