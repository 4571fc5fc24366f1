import type { StoredSafetyResult } from "@assay/services";
import { DefinitionList } from "@/components/ui";
import { formatCostUsd, formatCount, formatLatency, plural } from "./run-format";

/** What the run consumed: tokens, money, and how long the target took to answer. */
export function SafetyRunUsage({ usage, answered }: { usage: StoredSafetyResult["usage"]; answered: number }) {
  const priced = answered - usage.unpricedResponses;
  let costNote = "";
  if (usage.costUsd === null) costNote = "No response had a price: set the target's token prices to see the cost.";
  else if (usage.unpricedResponses > 0) costNote = `${plural(usage.unpricedResponses, "response")} had no price and are not included; the total covers ${plural(Math.max(0, priced), "response")}.`;
  return (
    <DefinitionList
      items={[
        { term: "Prompt tokens", value: formatCount(usage.promptTokens) },
        { term: "Completion tokens", value: formatCount(usage.completionTokens) },
        {
          term: "Cost (USD)",
          value: (
            <>
              {formatCostUsd(usage.costUsd)}
              {costNote && <span className="block text-xs text-slate-500">{costNote}</span>}
            </>
          ),
        },
        {
          term: "Latency",
          value: (
            <>
              p50 {formatLatency(usage.latencyP50Ms)} · p95 {formatLatency(usage.latencyP95Ms)}
              <span className="block text-xs text-slate-500">Time to a response, over the answered items.</span>
            </>
          ),
        },
      ]}
    />
  );
}
