import { computeFairness, type FairnessCheck, type GroupCounts } from "@assay/core";
import type { CheckResultDto } from "@assay/services";
import { describe, expect, it } from "vitest";
import { bandInRateUnits, barData, chartChecks, chartGroups, defaultMetric, metricOrder } from "./chart-data";
import { checkRows, riskStatement } from "./check-rows";
import { formatBytes, formatDuration, formatInterval, formatRate, formatShare, isActive, shortSha } from "./format";
import { toJson } from "./serialize";

const g = (group: string, tp: number, fp: number, tn: number, fn: number): GroupCounts => ({ group, tp, fp, tn, fn });
const fprCheck: FairnessCheck = { id: "fpr-race", kind: "fairness", metric: "fpr", attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 } };
const selCheck: FairnessCheck = { id: "sel-race", kind: "fairness", metric: "selection_rate", attribute: "race", band: { type: "difference", min: -0.1, max: 0.1 } };

// A: FPR 20/100 = 0.2 (reference, largest); B: FPR 40/100 = 0.4 (ratio 2, outside); C: FPR 21/100 (ratio 1.05, within).
const groups = [g("A", 100, 20, 80, 100), g("B", 50, 40, 60, 50), g("C", 10, 21, 79, 10)];
const rowCount = groups.reduce((s, c) => s + c.tp + c.fp + c.tn + c.fn, 0);
const results = computeFairness({ rowCount, positiveValue: "1", attributes: [{ attribute: "race", groups }], checks: [fprCheck, selCheck] });

describe("run number formats", () => {
  it("shows rates and intervals with three decimals, shares as percentages", () => {
    expect(formatRate(0.41234)).toBe("0.412");
    expect(formatRate(null)).toBe("—");
    expect(formatInterval({ lower: 0.38, upper: 0.4449 })).toBe("0.380–0.445");
    expect(formatInterval(null)).toBe("—");
    expect(formatShare(0.1234)).toBe("12.3%");
  });

  it("formats sizes, hashes, durations and activity", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(1023)).toBe("1023 bytes");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(5 * 1024 ** 3)).toBe("5.0 GiB");
    expect(shortSha("a".repeat(64))).toHaveLength(12);
    expect(formatDuration("2025-01-01T00:00:00Z", "2025-01-01T00:00:04.400Z")).toBe("4 s");
    expect(formatDuration("2025-01-01T00:00:00Z", "2025-01-01T00:02:05Z")).toBe("2 min 05 s");
    expect(formatDuration(null, "2025-01-01T00:00:00Z")).toBeNull();
    expect(isActive("queued") && isActive("running")).toBe(true);
    expect(isActive("failed") || isActive("succeeded")).toBe(false);
  });

  it("serialises dates the way the API does", () => {
    const value = toJson({ at: new Date("2025-03-04T05:06:07Z"), list: [{ at: new Date(0) }], n: 1, none: null });
    expect(value).toEqual({ at: "2025-03-04T05:06:07.000Z", list: [{ at: "1970-01-01T00:00:00.000Z" }], n: 1, none: null });
  });
});

describe("per-attribute chart data", () => {
  const attribute = results.attributes[0]!;
  const checks = chartChecks("race", results.checks);

  it("takes the checks of the attribute, opening on the first checked metric", () => {
    expect(checks.map((c) => c.id)).toEqual(["fpr-race", "sel-race"]);
    expect(defaultMetric(checks)).toBe("fpr");
    expect(defaultMetric([])).toBe("selection_rate");
    expect(metricOrder(checks).slice(0, 2)).toEqual(["selection_rate", "fpr"]);
    expect(metricOrder(checks)).toHaveLength(9);
  });

  it("colours groups by the check's verdict and gives error bars as distances from the value", () => {
    const data = barData(chartGroups(attribute), "fpr", checks[0]!.referenceGroup, checks[0]!);
    const byGroup = Object.fromEntries(data.map((d) => [d.group, d]));
    expect(byGroup.A!.status).toBe("reference");
    expect(byGroup.B!.status).toBe("outside");
    expect(byGroup.C!.status).toBe("within");
    const b = byGroup.B!;
    expect(b.value).toBeCloseTo(0.4);
    expect(b.error![0]).toBeCloseTo(b.value! - b.lower!);
    expect(b.error![1]).toBeCloseTo(b.upper! - b.value!);
    expect(barData(chartGroups(attribute), "fpr", "A", null).every((d) => d.status !== "within" && d.status !== "outside")).toBe(true);
  });

  it("translates a band into rate units around the reference rate, clipped to [0, 1]", () => {
    const ratio = bandInRateUnits({ type: "ratio", min: 0.8, max: 1.25 }, 0.2)!;
    expect(ratio.from).toBeCloseTo(0.16);
    expect(ratio.to).toBeCloseTo(0.25);
    expect(bandInRateUnits({ type: "difference", min: -0.1, max: 0.1 }, 0.95)).toEqual({ from: 0.85, to: 1 });
    expect(bandInRateUnits({ type: "ratio", min: 0.8, max: 1.25 }, 0)).toBeNull();
    expect(bandInRateUnits({ type: "ratio", min: 0.8, max: 1.25 }, null)).toBeNull();
  });
});

describe("check rows", () => {
  const stored: CheckResultDto[] = results.checks.map((o) => ({
    checkId: o.checkId,
    passed: o.passed,
    value: o.worst ? (o.band.type === "ratio" ? o.worst.ratio : o.worst.difference) : null,
    summary: o.summary,
    details: null,
  }));

  it("follows plan order and takes pass or fail from the stored result", () => {
    const rows = checkRows([selCheck, fprCheck], results, stored);
    expect(rows.map((r) => r.check.id)).toEqual(["sel-race", "fpr-race"]);
    const fpr = rows[1]!;
    expect(fpr.passed).toBe(false);
    expect(fpr.outcome?.worst?.group).toBe("B");
    expect(fpr.value).toBeCloseTo(2);
    const flipped = checkRows([fprCheck], results, [{ ...stored.find((s) => s.checkId === "fpr-race")!, passed: true }]);
    expect(flipped[0]!.passed).toBe(true);
  });

  it("marks a check the run has no outcome for as failed, and says so", () => {
    const extra: FairnessCheck = { ...fprCheck, id: "fnr-sex", metric: "fnr", attribute: "sex" };
    const [row] = checkRows([extra], results, stored);
    expect(row!.passed).toBe(false);
    expect(row!.summary).toMatch(/not evaluated/);
  });

  it("writes a risk statement naming the check, the run and the outcome", () => {
    const [row] = checkRows([fprCheck], results, stored);
    const text = riskStatement(row!, { datasetName: "COMPAS", planVersion: 3, runDate: "1 Jan 2025, 10:00 UTC" });
    expect(text).toContain("fpr-race");
    expect(text).toContain("False-positive rate ratio across race");
    expect(text).toContain("“COMPAS” (plan version 3)");
    expect(text).toContain(row!.summary);
  });
});
