import type { PlanCheck } from "@assay/core";
import { describe, expect, it } from "vitest";
import { formatTierBands } from "./format";
import { buildChecks, newRow, resolveIds, rowFromCheck, type Row } from "./plan-rows";

const row = (key: number, patch: Partial<Row> = {}): Row => ({ ...newRow(key, "race"), ...patch });

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
    expect(buildChecks([diff]).checks[0]?.bandsByTier).toEqual({ critical: { type: "difference", min: -0.02, max: 0.02 } });
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
    const loaded = rowFromCheck(mixed, 1);
    expect(loaded.tierBands.low).toEqual({ enabled: true, min: "", max: "" });
    expect(buildChecks([loaded]).rowErrors.get(1)).toEqual([
      "Enter a number for the Low tier lower bound.",
      "Enter a number for the Low tier upper bound.",
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
