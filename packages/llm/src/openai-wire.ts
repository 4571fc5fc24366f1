import { z } from "zod";
import type { ChatMessage } from "./chat-message";

/** The request body of POST {baseUrl}/chat/completions. */
export type ChatCompletionRequest = {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  max_tokens: number;
};

// Only what the client reads; providers add fields freely, so unknown keys pass.
export const chatCompletionResponseSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({
          // Null when the model answered with tool calls only; `refusal` is OpenAI's structured-output refusal.
          content: z.string().nullish(),
          refusal: z.string().nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1, "choices is empty"),
  usage: z
    .object({
      prompt_tokens: z.number().int().nonnegative().optional(),
      completion_tokens: z.number().int().nonnegative().optional(),
    })
    .nullish(),
});
export type ChatCompletionResponse = z.infer<typeof chatCompletionResponseSchema>;

/** The common rule of thumb for English text with BPE tokenizers. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

export type UsageCounts = { promptTokens: number; completionTokens: number; tokensEstimated: boolean };

export function usageOf(response: ChatCompletionResponse, messages: readonly ChatMessage[], content: string): UsageCounts {
  const prompt = response.usage?.prompt_tokens;
  const completion = response.usage?.completion_tokens;
  if (prompt !== undefined && completion !== undefined) return { promptTokens: prompt, completionTokens: completion, tokensEstimated: false };
  return {
    promptTokens: prompt ?? messages.reduce((sum, message) => sum + estimateTokens(message.content), 0),
    completionTokens: completion ?? estimateTokens(content),
    tokensEstimated: true,
  };
}
