import { describe, expect, it } from "vitest";
import { cellHref, clearCellHref, parseRegisterParams, registerFilter, registerHref } from "./register-params";

describe("parseRegisterParams", () => {
  it("defaults to the active risks on the inherent map", () => {
    expect(parseRegisterParams({})).toEqual({ overdue: false, status: "active", cell: null, scale: "inherent" });
  });

  it("reads every filter and a heat-map cell, dropping unknown values", () => {
    const state = parseRegisterParams({ systemId: "s1", tier: "high", category: "fairness", severity: "critical", overdue: "1", status: "all", likelihood: "4", impact: "5" });
    expect(state).toEqual({ systemId: "s1", tier: "high", category: "fairness", severity: "critical", overdue: true, status: "all", cell: { scale: "inherent", likelihood: 4, impact: 5 }, scale: "inherent" });
    expect(parseRegisterParams({ tier: "extreme", category: "vibes", severity: "huge", status: "resolved", likelihood: "6", impact: "2", systemId: "" })).toEqual({
      overdue: false, status: "active", cell: null, scale: "inherent",
    });
    expect(parseRegisterParams({ residualLikelihood: "2", residualImpact: "1" }).cell).toEqual({ scale: "residual", likelihood: 2, impact: 1 });
    expect(parseRegisterParams({ residualLikelihood: "2", residualImpact: "1" }).scale).toBe("residual");
    expect(parseRegisterParams({ map: "residual" }).scale).toBe("residual");
    expect(parseRegisterParams({ likelihood: ["3", "4"], impact: "1.5" }).cell).toBeNull();
  });
});

describe("registerFilter", () => {
  it("turns the state into listRisks filters, with or without the cell", () => {
    const state = parseRegisterParams({ category: "safety", overdue: "1", residualLikelihood: "2", residualImpact: "3" });
    expect(registerFilter(state)).toEqual({
      systemId: undefined, tier: undefined, category: "safety", severity: undefined, overdue: "true", status: "open,mitigating",
      residualLikelihood: "2", residualImpact: "3",
    });
    expect(registerFilter(state, { withCell: false })).not.toHaveProperty("residualLikelihood");
    expect(registerFilter(parseRegisterParams({ status: "all" })).status).toBeUndefined();
    expect(registerFilter(parseRegisterParams({ status: "closed" })).status).toBe("closed");
  });
});

describe("hrefs", () => {
  it("keep the other filters when selecting or clearing a cell", () => {
    const state = parseRegisterParams({ tier: "high", status: "all" });
    expect(registerHref(state)).toBe("/risks?tier=high&status=all");
    expect(cellHref(state, { scale: "inherent", likelihood: 3, impact: 4 })).toBe("/risks?tier=high&status=all&likelihood=3&impact=4");
    const residual = parseRegisterParams({ tier: "high", residualLikelihood: "1", residualImpact: "2" });
    expect(registerHref(residual)).toBe("/risks?tier=high&residualLikelihood=1&residualImpact=2");
    expect(clearCellHref(residual)).toBe("/risks?tier=high&map=residual");
    expect(registerHref(parseRegisterParams({}))).toBe("/risks");
  });
});
