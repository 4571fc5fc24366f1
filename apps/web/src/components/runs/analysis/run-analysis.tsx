import { fairnessChecksOf, type AttributeAnalysis, type FairnessAnalysis, type PlanCheck } from "@assay/core";
import { Card, EmptyState } from "@/components/ui";
import { formatCount } from "../format";
import { defaultSignificanceMetric, drilldownRows, formatConfidence, isIntersection, significanceData } from "./analysis-data";
import { DisparitySummaryTable } from "./disparity-summary-table";
import { IntersectionTable } from "./intersection-table";
import { SignificanceTable } from "./significance-table";
import { SmallSampleList } from "./small-sample-list";

const CHOSEN_BY = { user: "named by the plan's checks", largest: "the largest group" } as const;

function AttributeHeading({ id, attribute }: { id: string; attribute: AttributeAnalysis }) {
  const { referenceGroup, referenceGroupChosenBy } = attribute.summary;
  return (
    <>
      <h3 id={id} className="text-sm font-semibold text-slate-800">
        <span className="font-mono">{attribute.attribute}</span>
        {isIntersection(attribute.attribute) && <span className="font-normal text-slate-600"> (intersection)</span>}
      </h3>
      <p className="text-sm text-slate-600">
        {attribute.summary.groups.length} groups; reference group <span className="font-medium text-slate-800">{referenceGroup ?? "none"}</span>
        {referenceGroup !== null && ` (${CHOSEN_BY[referenceGroupChosenBy]})`}.
      </p>
    </>
  );
}

/**
 * The statistician's view of a succeeded run: named disparity summaries with
 * bootstrap intervals, each group tested against the reference group with
 * multiplicity corrections, and the intersectional drill-down.
 */
export function RunAnalysis({ analysis, checks: planChecks, idPrefix = "analysis" }: {
  analysis: FairnessAnalysis | null;
  /** The plan's checks; only the fairness ones bear on this analysis. */
  checks: readonly PlanCheck[];
  idPrefix?: string;
}) {
  const checks = fairnessChecksOf(planChecks);
  if (!analysis) {
    return (
      <EmptyState title="No statistical analysis">
        This run was stored before bootstrap intervals and significance tests were computed. Start a new run to get them.
      </EmptyState>
    );
  }
  const confidence = formatConfidence(analysis.confidence);
  const footnoteId = `${idPrefix}-eo-note`;
  const intersections = analysis.attributes.filter((a) => isIntersection(a.attribute));
  const method = `${confidence} percentile bootstrap intervals from ${formatCount(analysis.resamples)} resamples (seed ${analysis.seed}), resampling rows within each group`;

  return (
    <>
      <Card title="Disparity summary">
        <div className="space-y-6">
          <p className="text-sm text-slate-600">
            Disparities across all the groups of each attribute, as fairlearn defines them: differences are the highest value minus the lowest,
            ratios the lowest divided by the highest. Intervals: {method}.
          </p>
          {analysis.attributes.map((a, i) => (
            <section key={a.attribute} aria-labelledby={`${idPrefix}-summary-${i}`} className="space-y-2">
              <AttributeHeading id={`${idPrefix}-summary-${i}`} attribute={a} />
              <DisparitySummaryTable analysis={a} confidence={confidence} footnoteId={footnoteId} />
            </section>
          ))}
          <p id={footnoteId} className="text-xs text-slate-600">
            * Equalized odds is the worse of two disparities (true- and false-positive rates); the bootstrap resamples each of them, not their
            maximum or minimum, so it has no interval of its own. The equal-opportunity row gives the true-positive rate&apos;s interval, and the
            significance table the false-positive rate&apos;s group by group.
          </p>
        </div>
      </Card>

      <Card title="Significance against the reference group">
        <div className="space-y-6">
          <p className="text-sm text-slate-600">
            Each group is tested against the reference group with a two-proportion z-test, or Fisher&apos;s exact test where an expected cell count
            is below 5. p-values are adjusted with Holm (family-wise error) and Benjamini–Hochberg (false discovery rate) across
            all {formatCount(analysis.comparisonCount)} comparisons of this run, at α = {analysis.alpha}. Intervals: {method}.
          </p>
          {analysis.attributes.map((a, i) => (
            <section key={a.attribute} aria-labelledby={`${idPrefix}-significance-${i}`} className="space-y-3">
              <AttributeHeading id={`${idPrefix}-significance-${i}`} attribute={a} />
              {isIntersection(a.attribute) && a.warnings.length > 0 ? (
                <p className="text-sm text-amber-900">
                  {a.warnings.length} of {a.summary.groups.length} groups have small samples; the intersectional drill-down below lists them with the reasons.
                </p>
              ) : (
                <SmallSampleList attribute={a.attribute} warnings={a.warnings} />
              )}
              <SignificanceTable
                data={significanceData(a)}
                defaultMetric={defaultSignificanceMetric(checks, a.attribute)}
                checkedMetrics={checks.filter((c) => c.attribute === a.attribute).map((c) => c.metric)}
                confidence={confidence}
                alpha={analysis.alpha}
                comparisonCount={analysis.comparisonCount}
              />
            </section>
          ))}
        </div>
      </Card>

      {intersections.map((a) => (
        <Card key={a.attribute} title={<>Intersectional drill-down: <span className="font-mono">{a.attribute}</span></>}>
          <div className="space-y-3">
            <p className="text-sm text-slate-600">
              Every combination of the sensitive attributes&apos; values, {a.summary.groups.length} groups. Sort by any column, or filter by label.
              Small groups are kept and marked: an absence of significance there says little.
            </p>
            <SmallSampleList attribute={a.attribute} warnings={a.warnings} />
            <IntersectionTable attribute={a.attribute} rows={drilldownRows(a)} confidence={confidence} />
          </div>
        </Card>
      ))}
    </>
  );
}
