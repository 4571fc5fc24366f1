import { z } from "zod";
import { estimateTokens } from "../openai-wire";
import type { DemoMessage } from "./reply";

// What the demo target accepts: the OpenAI request shape, content as a string
// or as text parts (as newer clients send it).
const contentSchema = z.union([
  z.string(),
  z.array(z.object({ type: z.string(), text: z.string().optional() }).transform((part) => part.text ?? "")).transform((parts) => parts.join("\n")),
]);

export const demoRequestSchema = z.object({
  model: z.string().min(1, "model is required"),
  messages: z.array(z.object({ role: z.string().min(1), content: contentSchema.nullish().transform((content) => content ?? "") })).min(1, "messages must not be empty"),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.int().positive().optional(),
  max_completion_tokens: z.int().positive().optional(),
  stream: z.boolean().optional(),
});
export type DemoRequest = z.infer<typeof demoRequestSchema>;

/** Roughly what a BPE tokenizer and OpenAI's per-message framing would count. */
export const promptTokensOf = (messages: readonly DemoMessage[]): number => messages.reduce((sum, message) => sum + 4 + estimateTokens(message.content), 3);

/** The reply cut to the token budget, as a real model stops mid-sentence at max_tokens. */
export function withinBudget(reply: string, maxTokens: number | undefined): { content: string; finishReason: "stop" | "length"; completionTokens: number } {
  const tokens = estimateTokens(reply);
  if (maxTokens === undefined || tokens <= maxTokens) return { content: reply, finishReason: "stop", completionTokens: tokens };
  return { content: reply.slice(0, maxTokens * 4), finishReason: "length", completionTokens: maxTokens };
}

export const openAiError = (message: string, type: string, code: string | null = null) => ({ error: { message, type, param: null, code } });
