import { describe, expect, it } from "vitest";
import { assertRecommendationAllowed, decisionDissent } from "./recommendation";

describe("recommendations", () => {
  it("needs conditions for go with conditions only", () => {
    expect(assertRecommendationAllowed("go", "")).toEqual({ ok: true });
    expect(assertRecommendationAllowed("no_go", "")).toEqual({ ok: true });
    expect(assertRecommendationAllowed("go_with_conditions", "Weekly FPR report.")).toEqual({ ok: true });
    expect(assertRecommendationAllowed("go_with_conditions", "  ")).toEqual({ ok: false, reason: 'Recommending "Go with conditions" needs the conditions written down.' });
  });

  it("records dissent when the decision differs from the recommendation", () => {
    expect(decisionDissent({ outcome: "no_go", by: "Sam" }, { outcome: "go", by: "Pat" })).toBe('Sam recommended "No-go"; Pat decided "Go".');
    expect(decisionDissent({ outcome: "go", by: "Sam" }, { outcome: "go", by: "Pat" })).toBeNull();
    expect(decisionDissent(null, { outcome: "go", by: "Pat" })).toBeNull();
  });
});
