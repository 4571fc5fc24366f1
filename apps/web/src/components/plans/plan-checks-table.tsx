import {
  describeSafetyCheck,
  fairnessChecksOf,
  formatSafetyLimit,
  RATE_METRIC_LABELS,
  SAFETY_METRIC_DEFINITIONS,
  safetyChecksOf,
  type FairnessCheck,
  type PlanCheck,
  type SafetyCheck,
} from "@assay/core";
import { Table, Td, Th } from "@/components/ui";
import { formatBand, formatTierBands } from "./format";
import { BASIS_LABELS } from "./plan-rows";

/** A plan's checks, read-only: one table per kind, each only when the plan has checks of that kind. */
export function PlanChecksTable({ checks, caption }: { checks: readonly PlanCheck[]; caption: string }) {
  const fairness = fairnessChecksOf(checks);
  const safety = safetyChecksOf(checks);
  const both = fairness.length > 0 && safety.length > 0;
  return (
    <div className="space-y-4">
      {(fairness.length > 0 || safety.length === 0) && <FairnessChecksTable checks={fairness} caption={both ? `${caption}: fairness` : caption} />}
      {safety.length > 0 && <SafetyChecksTable checks={safety} caption={both ? `${caption}: safety` : caption} />}
    </div>
  );
}

function FairnessChecksTable({ checks, caption }: { checks: FairnessCheck[]; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Check</Th>
          <Th>Metric</Th>
          <Th>Attribute</Th>
          <Th>Acceptance band</Th>
          <Th>Reference group</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {checks.map((c) => (
          <tr key={c.id}>
            <Td className="font-mono text-xs">{c.id}</Td>
            <Td>{RATE_METRIC_LABELS[c.metric]}</Td>
            <Td className="font-mono text-xs">{c.attribute}</Td>
            <Td>
              {formatBand(c.band)}
              {formatTierBands(c.bandsByTier, c.band.type).map((t) => (
                <div key={t} className="text-xs text-slate-600">{t}</div>
              ))}
            </Td>
            <Td>{c.referenceGroup ?? <span className="text-slate-500">Largest group</span>}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function SafetyChecksTable({ checks, caption }: { checks: SafetyCheck[]; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Check</Th>
          <Th>Metric</Th>
          <Th>Suite</Th>
          <Th>Category</Th>
          <Th>Maximum</Th>
          <Th>Judged on</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {checks.map((c) => (
          <tr key={c.id}>
            <Td>
              <span className="font-mono text-xs">{c.id}</span>
              <span className="block text-xs text-slate-600">{describeSafetyCheck(c)}</span>
            </Td>
            <Td>{SAFETY_METRIC_DEFINITIONS[c.metric].label}</Td>
            <Td className="font-mono text-xs">{c.suite}</Td>
            <Td>{c.category ? <span className="font-mono text-xs">{c.category}</span> : <span className="text-slate-500">Whole suite</span>}</Td>
            <Td className="whitespace-nowrap">
              ≤ {formatSafetyLimit(c.metric, c.max)}
              {SAFETY_METRIC_DEFINITIONS[c.metric].scale === 1000 && <span className="block text-xs text-slate-500">per 1,000 responses</span>}
            </Td>
            <Td>{BASIS_LABELS[c.basis]}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
