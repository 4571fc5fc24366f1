// `pnpm demo:target`: the deterministic demo model behind an OpenAI-compatible
// endpoint, so a safety evaluation can run with no external model. Settings
// come from the environment (see demoTargetEnvSchema): PORT (4010),
// DEMO_TARGET_LATENCY_MS (50), DEMO_TARGET_FAULTS (mild | off),
// DEMO_TARGET_HOST, DEMO_TARGET_API_KEY.
import { demoTargetOptionsFromEnv, startDemoTarget } from "@assay/llm";

const { env, options } = demoTargetOptionsFromEnv(process.env);
const target = await startDemoTarget(options);

// 0.0.0.0 listens everywhere but is not an address a client can use.
const baseUrl = target.url.replace("//0.0.0.0:", "//127.0.0.1:");
console.log(`Demo target listening (latency ${env.DEMO_TARGET_LATENCY_MS} ms, faults ${env.DEMO_TARGET_FAULTS}).`);
console.log(`  Base URL: ${baseUrl}`);
console.log(`  Model:    ${target.model}`);
if (env.DEMO_TARGET_API_KEY) console.log("  API key:  required (the value of DEMO_TARGET_API_KEY)");

async function stop(signal: NodeJS.Signals): Promise<void> {
  console.log(`${signal}: served ${target.stats.requests} chat requests ${JSON.stringify(target.stats.byStatus)}; stopping.`);
  await target.close();
  process.exit(0);
}
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
