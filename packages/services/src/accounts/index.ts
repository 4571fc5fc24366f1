export * from "./passwords";
export * from "./schemas";
export * from "./users";
export * from "./memberships";
export * from "./invitations";
export * from "./members";
