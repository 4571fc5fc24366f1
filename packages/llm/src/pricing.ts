import { z } from "zod";

/** USD per one million tokens. */
export const modelPriceSchema = z
  .object({
    inputUsdPerMillion: z.number().finite().nonnegative(),
    outputUsdPerMillion: z.number().finite().nonnegative(),
  })
  .strict();
export type ModelPrice = z.infer<typeof modelPriceSchema>;

const price = (inputUsdPerMillion: number, outputUsdPerMillion: number): ModelPrice => ({ inputUsdPerMillion, outputUsdPerMillion });
const SELF_HOSTED = price(0, 0);

/**
 * List prices as of 2026-11. Prices change and providers discount; a target
 * can override them (`price` in its config), which is also how a model missing
 * here gets a cost. Keys are lower case.
 */
export const PRICE_TABLE_AS_OF = "2026-11";
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gpt-4o": price(2.5, 10),
  "gpt-4o-mini": price(0.15, 0.6),
  "gpt-4.1": price(2, 8),
  "gpt-4.1-mini": price(0.4, 1.6),
  // Listed so that "gpt-4.1-nano" is not priced as "gpt-4.1" by prefix.
  "gpt-4.1-nano": price(0.1, 0.4),
  "o3-mini": price(1.1, 4.4),
  "claude-3-5-sonnet": price(3, 15),
  "claude-3-5-haiku": price(0.8, 4),
  // Llama 3.1 as the common hosts name it: Groq, then Together.
  "llama-3.1-8b-instant": price(0.05, 0.08),
  "llama-3.1-70b-versatile": price(0.59, 0.79),
  "meta-llama/meta-llama-3.1-8b-instruct-turbo": price(0.18, 0.18),
  "meta-llama/meta-llama-3.1-70b-instruct-turbo": price(0.88, 0.88),
  // Self-hosted: the names Ollama and vLLM serve by default. Compute is not
  // metered per token, so 0; a host selling these under the same name should
  // set a price override.
  "llama3.1": SELF_HOSTED,
  "meta-llama/llama-3.1-8b-instruct": SELF_HOSTED,
  "meta-llama/llama-3.1-70b-instruct": SELF_HOSTED,
  "assay-demo": SELF_HOSTED,
};

// What may follow a table name in a served model id: a dated snapshot
// ("gpt-4o-2024-08-06"), an Ollama tag ("llama3.1:8b") or a version ("@20241022").
const NAME_BOUNDARY = /^[-:@]/;

/**
 * The price of `model`: the override when given, else the table entry whose
 * name is the model or its longest prefix at a name boundary. Null means
 * unknown, which is not the same as free.
 */
export function priceFor(model: string, override?: ModelPrice): ModelPrice | null {
  if (override) return override;
  const name = model.trim().toLowerCase();
  const exact = MODEL_PRICES[name];
  if (exact) return exact;
  let best: string | undefined;
  for (const key of Object.keys(MODEL_PRICES)) {
    if (name.startsWith(key) && NAME_BOUNDARY.test(name.slice(key.length)) && key.length > (best?.length ?? 0)) best = key;
  }
  return best === undefined ? null : (MODEL_PRICES[best] ?? null);
}

export type TokenUsage = { promptTokens: number; completionTokens: number };

/** Cost in USD, or null when the price is unknown. */
export function costUsd(usage: TokenUsage, modelPrice: ModelPrice | null): number | null {
  if (!modelPrice) return null;
  return (usage.promptTokens * modelPrice.inputUsdPerMillion + usage.completionTokens * modelPrice.outputUsdPerMillion) / 1_000_000;
}
