import type { PlanCheck } from "@assay/core";
import { describe, expect, it } from "vitest";
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
