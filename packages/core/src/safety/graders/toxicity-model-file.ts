import { z } from "zod";
import { FEATURE_SCHEMA } from "./toxicity-features";
import type { LinearToxicityModel } from "./toxicity-scoring";

/**
 * The shipped model (toxicity-model.json): weights quantised to int8 with one
 * scale and base64-encoded, so 2^18 weights take about 350 kB of JSON, plus
 * what is needed to reproduce and audit it. `training` is provenance for people
 * (data digests, split, regularisation, validation figures); the scorer reads
 * only the fields above it.
 */
export const toxicityModelFileSchema = z.object({
  modelVersion: z.string().min(1),
  featureSchema: z.string().min(1),
  hashBits: z.number().int().min(8).max(24),
  windowTokens: z.number().int().positive(),
  windowStride: z.number().int().positive(),
  maskIdentityTerms: z.boolean(),
  bias: z.number(),
  threshold: z.number().min(0).max(1),
  weights: z.object({ encoding: z.literal("int8-base64"), scale: z.number().positive(), data: z.string() }),
  training: z.record(z.string(), z.unknown()),
});
export type ToxicityModelFile = z.infer<typeof toxicityModelFileSchema>;

/** Symmetric int8 quantisation: w ≈ q · scale with q in [−127, 127]. */
export function quantiseWeights(weights: ArrayLike<number>): { scale: number; values: Int8Array } {
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]!));
  const scale = max > 0 ? max / 127 : 1;
  const values = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) values[i] = Math.round(weights[i]! / scale);
  return { scale, values };
}

export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Validates the file and expands its weights; throws if it was built for another feature extractor. */
export function loadToxicityModel(input: unknown): { file: ToxicityModelFile; model: LinearToxicityModel } {
  const file = toxicityModelFileSchema.parse(input);
  if (file.featureSchema !== FEATURE_SCHEMA) {
    throw new Error(`toxicity model was trained with features "${file.featureSchema}", this code extracts "${FEATURE_SCHEMA}"; retrain it`);
  }
  const bytes = decodeBase64(file.weights.data);
  if (bytes.length !== 1 << file.hashBits) throw new Error(`toxicity model has ${bytes.length} weights, expected 2^${file.hashBits}`);
  const weights = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  return {
    file,
    model: { weights, weightScale: file.weights.scale, bias: file.bias, hashBits: file.hashBits, windowTokens: file.windowTokens, windowStride: file.windowStride, maskIdentityTerms: file.maskIdentityTerms },
  };
}
