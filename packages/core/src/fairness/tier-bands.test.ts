import { describe, expect, it } from "vitest";
import { bandForTier, computeFairness, describeCheck, evaluateCheck, formatBand } from "./compute";
import { planChecksSchema } from "../plans/plan-checks";
import { fairnessCheckSchema, type FairnessCheck, type GroupCounts } from "./types";

const g = (group: string, tp: number, fp: number, tn: number, fn: number): GroupCounts => ({ group, tp, fp, tn, fn });
// FPR: ref 20/100 = 0.2; h 17/100 = 0.17, a ratio of 0.85: inside [0.8, 1.25], outside [0.9, 1.1].
const groups = [g("ref", 50, 20, 80, 50), g("h", 30, 17, 83, 20)];
const rowCount = groups.reduce((s, c) => s + c.tp + c.fp + c.tn + c.fn, 0);

const base: FairnessCheck = { id: "fpr-race", kind: "fairness", metric: "fpr", attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 } };
const tiered: FairnessCheck = { ...base, bandsByTier: { high: { type: "ratio", min: 0.9, max: 1.1 } } };

const run = (checks: FairnessCheck[], riskTier?: "low" | "medium" | "high" | "critical") =>
  computeFairness({ rowCount, positiveValue: "1", attributes: [{ attribute: "race", groups }], checks, ...(riskTier ? { riskTier } : {}) });

describe("bandForTier", () => {
  it("returns the tier's band when the check sets one, else the check's band", () => {
    expect(bandForTier(tiered, "high")).toEqual({ type: "ratio", min: 0.9, max: 1.1 });
    expect(bandForTier(tiered, "low")).toBe(tiered.band);
    expect(bandForTier(tiered, undefined)).toBe(tiered.band);
    expect(bandForTier(base, "critical")).toBe(base.band);
  });
});

describe("computeFairness with a risk tier", () => {
  it("fails a check with a stricter high-tier band on a high-tier system and passes it on a low-tier one", () => {
    const high = run([tiered], "high").checks[0]!;
    expect(high).toMatchObject({ passed: false, band: { type: "ratio", min: 0.9, max: 1.1 }, bandSource: "tier" });
    expect(high.summary).toBe("False-positive rate ratio vs ref: worst h 0.85 outside [0.90, 1.10].");

    const low = run([tiered], "low").checks[0]!;
    expect(low).toMatchObject({ passed: true, band: base.band, bandSource: "default" });
  });

  it("can switch the band type for a tier", () => {
    const diff: FairnessCheck = { ...base, bandsByTier: { critical: { type: "difference", min: -0.01, max: 0.01 } } };
    const outcome = run([diff], "critical").checks[0]!;
    expect(outcome).toMatchObject({ passed: false, band: { type: "difference" }, bandSource: "tier" });
    expect(outcome.summary).toContain("False-positive rate difference vs ref");
  });

  it("leaves outcomes of checks without tier bands exactly as before, with or without a tier", () => {
    const attributes = run([base]).attributes;
    const before = evaluateCheck(base, attributes);
    expect(run([base], "critical").checks[0]).toStrictEqual(before);
    expect(JSON.stringify(run([base]).checks[0])).toBe(JSON.stringify(before));
    expect(before).not.toHaveProperty("bandSource");
  });
});

describe("bandsByTier schema", () => {
  it("accepts tier bands and round-trips them", () => {
    expect(fairnessCheckSchema.parse(tiered)).toEqual(tiered);
    expect(planChecksSchema.safeParse([tiered]).success).toBe(true);
  });

  it("refuses a tier band whose lower bound exceeds its upper bound", () => {
    const bad = fairnessCheckSchema.safeParse({ ...base, bandsByTier: { high: { type: "ratio", min: 1.2, max: 0.9 } } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["bandsByTier", "high"]);
  });

  it("refuses an unknown tier rather than dropping it", () => {
    expect(fairnessCheckSchema.safeParse({ ...base, bandsByTier: { extreme: base.band } }).success).toBe(false);
  });
});

describe("formatting of checks without tier bands", () => {
  it("is unchanged", () => {
    expect(formatBand(base.band)).toBe("ratio within [0.80, 1.25]");
    expect(describeCheck(base)).toBe("False-positive rate ratio across race within [0.80, 1.25]");
    expect(describeCheck(fairnessCheckSchema.parse(base))).toBe(describeCheck(base));
  });
});
