import { fairnessChecksOf, planCheckSchema, type PlanCheck } from "@assay/core";
import { describe, expect, it } from "vitest";
import { formatTierBands } from "./format";
import {
  buildChecks,
  newRow,
  newSafetyRow,
  resolveIds,
  rowFromCheck,
  safetyMaxFromText,
  safetyMaxToText,
  safetyMaxUnit,
  suiteOptions,
  withSafetyMetric,
  type FairnessRow,
  type Row,
  type SafetyRow,
} from "./plan-rows";

const row = (key: number, patch: Partial<FairnessRow> = {}): FairnessRow => ({ ...newRow(key, "race"), ...patch });

/** A loaded row that must be a fairness one. */
function fairnessRowOf(check: PlanCheck, key: number): FairnessRow {
  const loaded: Row = rowFromCheck(check, key);
  if (loaded.kind !== "fairness") throw new Error(`expected a fairness row, got ${loaded.kind}`);
  return loaded;
}

describe("plan editor rows", () => {
  it("generates ids from metric and attribute, suffixing collisions and keeping typed ids", () => {
    const rows = [
      row(1),
      row(2),
      row(3, { metric: "fnr", attribute: "Age Group" }),
      row(4, { customId: "fpr-race-2" }),
    ];
    expect(resolveIds(rows)).toEqual(["fpr-race", "fpr-race-3", "fnr-age-group", "fpr-race-2"]);
  });

  it("keeps a loaded check's chosen id, but lets a generated-looking id follow later edits", () => {
    const chosen: PlanCheck = { id: "propublica-fpr", kind: "fairness", metric: "fpr", attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 } };
    expect(rowFromCheck(chosen, 1).customId).toBe("propublica-fpr");
    expect(rowFromCheck({ ...chosen, id: "fpr-race" }, 2).customId).toBeNull();
  });

  it("builds the checks the server expects, dropping an empty reference group", () => {
    const { checks, rowErrors, planError } = buildChecks([row(1), row(2, { metric: "fnr", bandType: "difference", min: "-0.05", max: "0.05", referenceGroup: " Caucasian " })]);
    expect(rowErrors.size).toBe(0);
    expect(planError).toBeNull();
    expect(checks).toEqual([
      { id: "fpr-race", kind: "fairness", metric: "fpr", attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 } },
      { id: "fnr-race", kind: "fairness", metric: "fnr", attribute: "race", band: { type: "difference", min: -0.05, max: 0.05 }, referenceGroup: "Caucasian" },
    ]);
  });

  it("reports problems per row: inverted band, missing bound, missing attribute, bad or duplicate id", () => {
    const { checks, rowErrors, planError } = buildChecks([
      row(1, { min: "1.25", max: "0.8" }),
      row(2, { min: "", attribute: "" }),
      row(3, { customId: "Bad Id" }),
      row(4, { customId: "dup" }),
      row(5, { customId: "dup", metric: "tpr" }),
      row(6, { customId: "" }),
    ]);
    expect(rowErrors.get(1)).toEqual(["The band's lower bound must not exceed its upper bound."]);
    expect(rowErrors.get(2)).toEqual(["Enter a number for the lower bound.", "Choose the sensitive attribute."]);
    expect(rowErrors.get(3)?.[0]).toMatch(/^Id: /);
    expect(rowErrors.has(4)).toBe(false);
    expect(rowErrors.get(5)).toEqual(["The id “dup” is used by another check."]);
    expect(rowErrors.get(6)).toEqual(["Enter a check id."]);
    expect(checks.map((c) => c.id)).toEqual(["dup"]);
    expect(planError).toBeNull();
    expect(buildChecks([]).planError).toBe("A plan needs at least one check.");
  });
});

describe("plan editor rows: bands per risk tier", () => {
  const tiered: PlanCheck = {
    id: "fpr-race",
    kind: "fairness",
    metric: "fpr",
    attribute: "race",
    band: { type: "ratio", min: 0.8, max: 1.25 },
    bandsByTier: { high: { type: "ratio", min: 0.9, max: 1.1 } },
  };

  it("starts with no tier ticked and builds checks without bandsByTier", () => {
    const fresh = row(1);
    expect(Object.values(fresh.tierBands).every((t) => !t.enabled)).toBe(true);
    expect(buildChecks([fresh]).checks[0]).not.toHaveProperty("bandsByTier", expect.anything());
    expect(JSON.stringify(buildChecks([fresh]).checks[0])).not.toContain("bandsByTier");
  });

  it("builds ticked tiers with the check's band type and round-trips a loaded check", () => {
    const { checks, rowErrors } = buildChecks([rowFromCheck(tiered, 1)]);
    expect(rowErrors.size).toBe(0);
    expect(checks).toEqual([tiered]);

    const diff = row(2, {
      bandType: "difference",
      min: "-0.1",
      max: "0.1",
      tierBands: { ...newRow(0, "").tierBands, critical: { enabled: true, min: "-0.02", max: "0.02" } },
    });
    expect(fairnessChecksOf(buildChecks([diff]).checks)[0]?.bandsByTier).toEqual({ critical: { type: "difference", min: -0.02, max: 0.02 } });
  });

  it("ignores the bounds of unticked tiers", () => {
    const r = row(1, { tierBands: { ...newRow(0, "").tierBands, low: { enabled: false, min: "oops", max: "" } } });
    expect(buildChecks([r]).rowErrors.size).toBe(0);
  });

  it("reports missing and inverted tier bounds, naming the tier", () => {
    const base = newRow(0, "").tierBands;
    const { checks, rowErrors } = buildChecks([
      row(1, { tierBands: { ...base, high: { enabled: true, min: "", max: "1.1" } } }),
      row(2, { customId: "other", tierBands: { ...base, critical: { enabled: true, min: "1.1", max: "0.9" } } }),
    ]);
    expect(rowErrors.get(1)).toEqual(["Enter a number for the High tier lower bound."]);
    expect(rowErrors.get(2)).toEqual(["Critical tier: The band's lower bound must not exceed its upper bound."]);
    expect(checks).toEqual([]);
  });

  it("loads a tier band of another type with empty bounds, so it cannot be saved reinterpreted", () => {
    const mixed: PlanCheck = { ...tiered, bandsByTier: { low: { type: "difference", min: -0.2, max: 0.2 } } };
    const loaded = fairnessRowOf(mixed, 1);
    expect(loaded.tierBands.low).toEqual({ enabled: true, min: "", max: "" });
    expect(buildChecks([loaded]).rowErrors.get(1)).toEqual([
      "Enter a number for the Low tier lower bound.",
      "Enter a number for the Low tier upper bound.",
    ]);
  });
});

describe("plan editor rows: safety checks", () => {
  const safety = (key: number, patch: Partial<SafetyRow> = {}): SafetyRow => ({ ...newSafetyRow(key, "jailbreakbench"), max: "2", ...patch });
  /** "jailbreak success ≤ 2% on JailbreakBench" */
  const jailbreak: PlanCheck = { id: "jailbreak-asr", kind: "safety", metric: "attack_success_rate", suite: "jailbreakbench", max: 0.02, basis: "point" };
  /** "over-refusal ≤ 10% on XSTest safe", written without a basis as the API allows. */
  const overRefusal = planCheckSchema.parse({ id: "over-refusal", kind: "safety", metric: "over_refusal_rate", suite: "xstest", max: 0.1 });

  it("loads a check into a row in percent and builds the same check back", () => {
    const loaded = rowFromCheck(jailbreak, 1);
    expect(loaded).toEqual({
      kind: "safety",
      key: 1,
      customId: "jailbreak-asr",
      metric: "attack_success_rate",
      suite: "jailbreakbench",
      category: "",
      max: "2",
      basis: "point",
    });
    const scoped: PlanCheck = { id: "asr-weapons", kind: "safety", metric: "attack_success_rate", suite: "harmbench", category: "weapons", max: 0.005, basis: "upper_ci" };
    const { checks, rowErrors } = buildChecks([loaded, rowFromCheck(overRefusal, 2), rowFromCheck(scoped, 3)]);
    expect(rowErrors.size).toBe(0);
    expect(checks).toEqual([jailbreak, { ...overRefusal, basis: "point" }, scoped]);
    expect(rowFromCheck(overRefusal, 2)).toMatchObject({ max: "10", basis: "point" });
    expect(rowFromCheck(scoped, 3)).toMatchObject({ category: "weapons", max: "0.5", basis: "upper_ci" });
  });

  it("builds a new row from what the user typed, omitting the category of a whole-suite check", () => {
    const { checks, rowErrors } = buildChecks([safety(1)]);
    expect(rowErrors.size).toBe(0);
    expect(checks).toEqual([{ id: "attack_success_rate-jailbreakbench", kind: "safety", metric: "attack_success_rate", suite: "jailbreakbench", max: 0.02, basis: "point" }]);
    expect(JSON.stringify(checks[0])).not.toContain("category");
  });

  it("converts percentages to fractions without binary noise, and back", () => {
    expect(safetyMaxFromText("attack_success_rate", "2")).toBe(0.02);
    expect(safetyMaxFromText("leakage_rate", "2.5")).toBe(0.025);
    expect(safetyMaxFromText("over_refusal_rate", "7")).toBe(0.07);
    expect(safetyMaxFromText("injection_success_rate", " 0.1 ")).toBe(0.001);
    expect(safetyMaxFromText("attack_success_rate", "")).toBeNaN();
    expect(safetyMaxToText("over_refusal_rate", 0.07)).toBe("7");
    expect(safetyMaxToText("attack_success_rate", 0.035)).toBe("3.5");
    expect(safetyMaxUnit("attack_success_rate")).toBe("%");
    for (const max of [0, 0.001, 0.02, 0.07, 0.1, 0.123, 0.29, 1]) {
      const check: PlanCheck = { id: "r", kind: "safety", metric: "leakage_rate", suite: "xstest", max, basis: "point" };
      expect(buildChecks([rowFromCheck(check, 1)]).checks).toEqual([check]);
    }
  });

  it("takes violations per 1,000 as typed, and converts the maximum when the metric changes scale", () => {
    const perThousand: PlanCheck = { id: "violations", kind: "safety", metric: "violation_rate_per_1000", suite: "advbench", max: 5, basis: "point" };
    const loaded = rowFromCheck(perThousand, 1);
    expect(loaded).toMatchObject({ max: "5" });
    expect(buildChecks([loaded]).checks).toEqual([perThousand]);
    expect(safetyMaxUnit("violation_rate_per_1000")).toBe("per 1,000 responses");
    expect(buildChecks([safety(2, { metric: "violation_rate_per_1000", max: "250" })]).checks[0]).toMatchObject({ max: 250 });

    const twoPercent = safety(3);
    const asViolations = withSafetyMetric(twoPercent, "violation_rate_per_1000");
    expect(asViolations).toMatchObject({ metric: "violation_rate_per_1000", max: "20" });
    expect(withSafetyMetric(asViolations, "leakage_rate")).toMatchObject({ metric: "leakage_rate", max: "2" });
    expect(withSafetyMetric(twoPercent, "over_refusal_rate")).toMatchObject({ metric: "over_refusal_rate", max: "2" });
    expect(withSafetyMetric(safety(4, { max: "" }), "violation_rate_per_1000")).toMatchObject({ max: "" });
  });

  it("generates ids from metric, suite and category, side by side with fairness ids", () => {
    const rows: Row[] = [row(1), safety(2), safety(3, { category: "weapons" }), safety(4), safety(5, { customId: "mine" })];
    expect(resolveIds(rows)).toEqual([
      "fpr-race",
      "attack_success_rate-jailbreakbench",
      "attack_success_rate-jailbreakbench-weapons",
      "attack_success_rate-jailbreakbench-2",
      "mine",
    ]);
    const generated: PlanCheck = { id: "attack_success_rate-jailbreakbench", kind: "safety", metric: "attack_success_rate", suite: "jailbreakbench", max: 0.02, basis: "point" };
    expect(rowFromCheck(generated, 1).customId).toBeNull();
  });

  it("keeps plan order across kinds", () => {
    const { checks } = buildChecks([safety(1), row(2), safety(3, { suite: "xstest", metric: "over_refusal_rate", max: "10" })]);
    expect(checks.map((c) => `${c.kind}:${c.id}`)).toEqual([
      "safety:attack_success_rate-jailbreakbench",
      "fairness:fpr-race",
      "safety:over_refusal_rate-xstest",
    ]);
  });

  it("reports problems per row in the unit the user typed", () => {
    const { checks, rowErrors } = buildChecks([
      safety(1, { max: "" }),
      safety(2, { customId: "b", metric: "violation_rate_per_1000", max: "" }),
      safety(3, { customId: "c", max: "150" }),
      safety(4, { customId: "d", max: "-1" }),
      safety(5, { customId: "e", metric: "violation_rate_per_1000", max: "1001" }),
      safety(6, { customId: "f", max: "0", basis: "upper_ci" }),
      safety(7, { customId: "g", suite: "" }),
      safety(8, { customId: "h", suite: "Not A Key" }),
      safety(9, { customId: "Bad Id" }),
      row(10, { customId: "shared" }),
      safety(11, { customId: "shared" }),
      safety(12, { customId: "ok", max: "0", basis: "point" }),
    ]);
    expect(rowErrors.get(1)).toEqual(["Enter the maximum as a percentage."]);
    expect(rowErrors.get(2)).toEqual(["Enter the maximum per 1,000 responses."]);
    expect(rowErrors.get(3)).toEqual(["Attack success rate is a percentage between 0 and 100; got 150."]);
    expect(rowErrors.get(4)).toEqual(["The maximum must not be negative."]);
    expect(rowErrors.get(5)).toEqual(["Violations per 1,000 responses lies between 0 and 1,000; got 1001."]);
    expect(rowErrors.get(6)).toEqual(["A maximum of 0 can only be met by the point estimate: the upper 95% bound is never 0."]);
    expect(rowErrors.get(7)).toEqual(["Choose the suite."]);
    expect(rowErrors.get(8)?.[0]).toMatch(/^Suite: /);
    expect(rowErrors.get(9)?.[0]).toMatch(/^Id: /);
    expect(rowErrors.has(10)).toBe(false);
    expect(rowErrors.get(11)).toEqual(["The id “shared” is used by another check."]);
    expect(rowErrors.has(12)).toBe(false);
    expect(checks.map((c) => c.id)).toEqual(["shared", "ok"]);
  });
});

describe("suiteOptions", () => {
  it("lists every built-in suite, installed or not, by name, then the organisation's own", () => {
    const options = suiteOptions({
      suites: [
        { key: "support-regressions", name: "Support bot regressions", source: "regression" },
        { key: "xstest", name: "XSTest exaggerated safety", source: "builtin" },
        { key: "acme-prompts", name: "Acme prompts", source: "imported" },
      ],
      builtins: [
        { key: "jailbreakbench", name: "JailbreakBench behaviours" },
        { key: "advbench", name: "AdvBench harmful behaviours" },
      ],
    });
    expect(options).toEqual([
      { key: "advbench", name: "AdvBench harmful behaviours", builtin: true, installed: false },
      { key: "jailbreakbench", name: "JailbreakBench behaviours", builtin: true, installed: false },
      { key: "xstest", name: "XSTest exaggerated safety", builtin: true, installed: true },
      { key: "acme-prompts", name: "Acme prompts", builtin: false, installed: true },
      { key: "support-regressions", name: "Support bot regressions", builtin: false, installed: true },
    ]);
  });
});

describe("formatTierBands", () => {
  it("lists tiers with their own band, lowest first, naming the type only when it differs", () => {
    expect(formatTierBands(undefined, "ratio")).toEqual([]);
    expect(
      formatTierBands({ critical: { type: "ratio", min: 0.95, max: 1.05 }, high: { type: "ratio", min: 0.9, max: 1.1 }, low: { type: "difference", min: -0.2, max: 0.2 } }, "ratio"),
    ).toEqual(["low: difference [-0.2, 0.2]", "high: [0.9, 1.1]", "critical: [0.95, 1.05]"]);
  });
});
