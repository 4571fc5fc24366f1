import type { AttributeResult, CheckOutcome } from "@assay/core";
import { Card } from "@/components/ui";
import { chartChecks, chartGroups } from "./chart-data";
import { formatCount, formatShare } from "./format";
import { GroupRatesChart } from "./group-rates-chart";
import { ConfusionCountsTable, GroupRatesTable } from "./group-rates-table";

/** One sensitive attribute of a run: chart of a chosen rate per group, the full table, and the counts behind it. */
export function AttributeResults({ result, outcomes, idPrefix }: { result: AttributeResult; outcomes: CheckOutcome[]; idPrefix: string }) {
  const checks = chartChecks(result.attribute, outcomes);
  const tableId = `${idPrefix}-rates`;
  const small = result.groups.filter((g) => g.smallSampleWarning);
  return (
    <Card title={<>Groups of <span className="font-mono">{result.attribute}</span></>}>
      <div className="space-y-4">
        <p className="text-sm text-slate-600">
          {result.groups.length} {result.groups.length === 1 ? "group" : "groups"}; default reference group {result.referenceGroup || "—"} (the largest).{" "}
          {result.missingCount > 0
            ? `${formatCount(result.missingCount)} rows (${formatShare(result.missingRate)}) have no value and form the group “(missing)”.`
            : "No row lacks a value."}{" "}
          {checks.length === 0
            ? "The plan has no check on this attribute."
            : `Checked by ${checks.map((c) => c.id).join(", ")}.`}
        </p>
        {small.length > 0 && (
          <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <p className="font-medium">Small samples</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {small.map((g) => <li key={g.group}><span className="font-medium">{g.group}</span>: {g.smallSampleWarning}</li>)}
            </ul>
          </div>
        )}
        <GroupRatesChart
          attribute={result.attribute}
          groups={chartGroups(result)}
          referenceGroup={result.referenceGroup}
          checks={checks}
          tableId={tableId}
        />
        <GroupRatesTable result={result} id={tableId} referenceGroup={result.referenceGroup} />
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700 hover:underline">Confusion counts per group</summary>
          <div className="mt-2"><ConfusionCountsTable result={result} /></div>
        </details>
      </div>
    </Card>
  );
}
