import { DEFAULT_TIER_POLICIES, RISK_TIERS } from "@assay/core";
import { describe, expect, it } from "vitest";
import { changedPolicies, defaultDrafts, draftsFrom, policyApiErrors, policyWarnings, toggle } from "./tier-policy-draft";

const saved = RISK_TIERS.map((t) => DEFAULT_TIER_POLICIES[t]);

describe("tier policy drafts", () => {
  it("sends nothing when nothing changed", () => {
    expect(changedPolicies(draftsFrom(saved), saved)).toEqual({ policies: [] });
    // An organisation without saved rows is on the defaults.
    expect(changedPolicies(defaultDrafts(), [])).toEqual({ policies: [] });
  });

  it("sends only the tiers that changed, in canonical order", () => {
    const drafts = draftsFrom(saved);
    drafts.high.requiredEvaluations = toggle(["fairness", "safety", "drift_monitor"] as const, drafts.high.requiredEvaluations, "drift_monitor", true);
    drafts.low.reviewSlaBusinessDays = " 12 ";
    expect(changedPolicies(drafts, saved)).toEqual({
      policies: [
        { ...DEFAULT_TIER_POLICIES.low, reviewSlaBusinessDays: 12 },
        { ...DEFAULT_TIER_POLICIES.high, requiredEvaluations: ["fairness", "safety", "drift_monitor"] },
      ],
    });
  });

  it("treats a reordered list as unchanged", () => {
    const reordered = saved.map((p) => (p.tier === "critical" ? { ...p, requiredEvaluations: ["drift_monitor", "safety", "fairness"] as typeof p.requiredEvaluations } : p));
    expect(changedPolicies(draftsFrom(saved), reordered)).toEqual({ policies: [] });
  });

  it("reports invalid values per tier and field", () => {
    const drafts = draftsFrom(saved);
    drafts.medium.requiredSignoffRoles = [];
    drafts.medium.reviewSlaBusinessDays = "0";
    drafts.critical.maxExceptionDays = "1.5";
    expect(changedPolicies(drafts, saved)).toEqual({
      errors: {
        medium: { requiredSignoffRoles: "At least one role must sign.", reviewSlaBusinessDays: "Enter a whole number of business days from 1 to 60." },
        critical: { maxExceptionDays: "Enter a whole number of days from 1 to 365." },
      },
    });
  });

  it("maps the API's issues back to the tier sent at that index", () => {
    const sent = [DEFAULT_TIER_POLICIES.medium, DEFAULT_TIER_POLICIES.critical];
    expect(policyApiErrors([{ path: "policies.1.reviewSlaBusinessDays", message: "Too long." }, { path: "policies", message: "x" }], sent)).toEqual({
      critical: { reviewSlaBusinessDays: "Too long." },
    });
  });

  it("toggles items keeping their canonical order", () => {
    expect(toggle(["a", "b", "c"], ["c"], "a", true)).toEqual(["a", "c"]);
    expect(toggle(["a", "b", "c"], ["a", "c"], "a", false)).toEqual(["c"]);
  });

  it("warns when separation of duties is on but no approver signs", () => {
    const drafts = draftsFrom(saved);
    expect(policyWarnings(drafts.high)).toEqual([]);
    expect(policyWarnings({ ...drafts.high, requiredSignoffRoles: ["scientist"] })).toHaveLength(1);
  });
});
