// The shared message shape; re-exported here so the package has one import site for it.
export { chatMessageSchema, type ChatMessage } from "@assay/core";
