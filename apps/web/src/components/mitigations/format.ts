import { formatCompared, formatSafetyValue, SAFETY_METRIC_DEFINITIONS, type Interval, type PlanCheck } from "@assay/core";

/**
 * How a check's measured value reads: a fairness check's worst ratio or
 * difference with the decimals the band needs, a safety metric in percent
 * (or per 1,000). null (undefined on the run) reads as "undefined".
 */
export function formatCheckValue(check: PlanCheck | undefined, value: number | null): string {
  if (value === null) return "undefined";
  if (!check) return String(Number(value.toPrecision(4)));
  return check.kind === "fairness" ? formatCompared(value, check.band) : formatSafetyValue(check.metric, value, check.max);
}

/** A 95% interval in the value's own format, e.g. "1.20 to 9.00" or "0.2% to 5.4%". */
export function formatCheckInterval(check: PlanCheck | undefined, interval: Interval | null): string | null {
  if (!interval) return null;
  return `${formatCheckValue(check, interval.lower)} to ${formatCheckValue(check, interval.upper)}`;
}

/** What the value is, for a column heading or a label. */
export function checkValueLabel(check: PlanCheck | undefined): string {
  if (!check) return "Value";
  return check.kind === "fairness" ? `Worst group's ${check.band.type}` : SAFETY_METRIC_DEFINITIONS[check.metric].label;
}
