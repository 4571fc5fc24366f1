export * from "./tier-policy";
export * from "./intake";
export * from "./notices";
