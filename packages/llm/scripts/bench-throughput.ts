// Client overhead check: 1,000 prompts through runTargetBatch at concurrency
// 32 against the demo target with 50 ms per answer and no faults. The floor is
// 1000 / 32 × 50 ms ≈ 1.6 s; the budget is 5 s. Point BASE_URL at a running
// `pnpm demo:target` (DEMO_TARGET_FAULTS=off) to keep the server's CPU out of
// this process; otherwise the target runs in-process.
//   node_modules/.bin/tsx packages/llm/scripts/bench-throughput.ts
import { createChatClient, runTargetBatch, startDemoTarget, type TargetBatchItem } from "../src/index";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const inProcess = process.env.BASE_URL ? undefined : await startDemoTarget({ latencyMs: 50 });
const baseUrl = process.env.BASE_URL ?? inProcess?.url ?? "";
const client = createChatClient({ baseUrl, model: "assay-demo-1", concurrency: CONCURRENCY });
const items: TargetBatchItem[] = Array.from({ length: ITEMS }, (_, i) => ({ id: `bench-${i}`, messages: [{ role: "user", content: `Prompt ${i}: how do I bake bread?` }] }));

for (let round = 1; round <= ROUNDS; round++) {
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const startedAt = performance.now();
  const summary = await runTargetBatch({
    items,
    done: new Set(),
    client,
    concurrency: CONCURRENCY,
    onResult: async (_, outcome) => void (outcome.ok && latencies.push(outcome.result.latencyMs)),
  });
  const wallMs = performance.now() - startedAt;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  console.log(
    `round ${round}: ${summary.succeeded}/${ITEMS} ok in ${(wallMs / 1000).toFixed(2)} s` +
      ` (${Math.round(ITEMS / (wallMs / 1000))}/s, p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(1)} ms,` +
      ` CPU ${((used.user + used.system) / 1000 / ITEMS).toFixed(2)} ms/request${inProcess ? " incl. server" : ""})`,
  );
}
await inProcess?.close();
