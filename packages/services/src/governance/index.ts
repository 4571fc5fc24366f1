export * from "./tier-policies";
export * from "./intake";
export * from "./sweep";
