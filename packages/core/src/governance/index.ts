export * from "./tier-policy";
export * from "./intake";
export * from "./notices";
export * from "./due-dates";
