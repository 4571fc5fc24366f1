import { z } from "zod";
import { modelPriceSchema } from "./pricing";

/**
 * An OpenAI-compatible chat-completions target: a hosted provider or a local
 * server (vLLM, llama.cpp, Ollama). The client appends `/chat/completions` to
 * `baseUrl`, so "http://localhost:8000/v1" is what a vLLM user types.
 */
export const chatTargetConfigSchema = z
  .object({
    baseUrl: z
      .url({ protocol: /^https?$/, message: "The base URL must be an http(s) URL, e.g. http://localhost:8000/v1." })
      // A trailing slash would produce "…/v1//chat/completions", which some servers reject.
      .transform((url) => url.replace(/\/+$/, "")),
    model: z.string().trim().min(1).max(200),
    apiKey: z.string().min(1).max(1000).optional(),
    systemPrompt: z.string().min(1).max(100_000).optional(),
    temperature: z.number().min(0).max(2).default(0),
    maxTokens: z.int().min(1).max(32_768).default(512),
    concurrency: z.int().min(1).max(64).default(8),
    /** Requests (attempts, retries included) per second; unset means no limit beyond `concurrency`. */
    requestsPerSecond: z.number().positive().max(10_000).optional(),
    /** Per attempt, so a retry gets a fresh budget. */
    timeoutMs: z.int().min(100).max(600_000).default(60_000),
    maxRetries: z.int().min(0).max(10).default(5),
    /** Overrides the built-in price table, e.g. for a negotiated rate or a model it does not know. */
    price: modelPriceSchema.optional(),
  })
  // strict: a misspelt key ("max_tokens") would otherwise be dropped and the default applied silently.
  .strict();
export type ChatTargetConfig = z.output<typeof chatTargetConfigSchema>;
export type ChatTargetConfigInput = z.input<typeof chatTargetConfigSchema>;
