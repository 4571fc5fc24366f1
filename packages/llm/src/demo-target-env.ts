import { z } from "zod";
import type { DemoFaults, DemoTargetOptions } from "./demo-target";

// Prime periods, so the two faults seldom land on consecutive attempts of one item.
const MILD_FAULTS: DemoFaults = { rateLimitEvery: 37, serverErrorEvery: 53, retryAfterSeconds: 0 };

/** The environment of `pnpm demo:target`. */
export const demoTargetEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  DEMO_TARGET_HOST: z.string().min(1).default("127.0.0.1"),
  DEMO_TARGET_LATENCY_MS: z.coerce.number().int().min(0).max(600_000).default(50),
  /** "mild": an occasional 429 and 500 to exercise retries; "off" for clean timings. */
  DEMO_TARGET_FAULTS: z.enum(["mild", "off"]).default("mild"),
  DEMO_TARGET_API_KEY: z.string().min(1).optional(),
});
export type DemoTargetEnv = z.infer<typeof demoTargetEnvSchema>;

export function demoTargetOptionsFromEnv(env: NodeJS.ProcessEnv): { options: DemoTargetOptions; env: DemoTargetEnv } {
  const parsed = demoTargetEnvSchema.parse(env);
  return {
    env: parsed,
    options: {
      port: parsed.PORT,
      host: parsed.DEMO_TARGET_HOST,
      latencyMs: parsed.DEMO_TARGET_LATENCY_MS,
      faults: parsed.DEMO_TARGET_FAULTS === "mild" ? MILD_FAULTS : undefined,
      requireApiKey: parsed.DEMO_TARGET_API_KEY,
    },
  };
}
