import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  countIntersections,
  groupLabel,
  hasMissingComponent,
  INTERSECTION_SEPARATOR,
  intersectionKey,
  intersectionName,
  marginalCounts,
  marginalMismatches,
  splitIntersectionKey,
  type IntersectionCounts,
  type LabelledRow,
} from "./intersections";
import { MISSING_GROUP, type ConfusionCounts, type GroupCounts } from "./types";

type IntersectionScenario = {
  components: string[];
  groups: Record<string, { counts: ConfusionCounts }>;
  marginals: Record<string, Record<string, ConfusionCounts>>;
  rows: Array<[string | null, string | null, 0 | 1, 0 | 1]>;
};
const fixture = JSON.parse(readFileSync(new URL("../../test-fixtures/fairness/fairlearn_reference.json", import.meta.url), "utf8")) as {
  scenarios: Array<Partial<IntersectionScenario>>;
};
const scenario = fixture.scenarios.find((s) => s.rows !== undefined) as IntersectionScenario;

const row = (values: Array<string | null | undefined>, actual: boolean, predicted: boolean): LabelledRow => ({ values, actual, predicted });

describe("intersection keys", () => {
  it("joins labels in attribute order with ' × '", () => {
    expect(INTERSECTION_SEPARATOR).toBe(" × ");
    expect(intersectionKey(["African-American", "Male", "25 - 45"])).toBe("African-American × Male × 25 - 45");
    expect(intersectionName(["race", "sex", "age_cat"])).toBe("race × sex × age_cat");
    expect(splitIntersectionKey("African-American × Male × 25 - 45")).toEqual(["African-American", "Male", "25 - 45"]);
    expect(splitIntersectionKey("Caucasian")).toEqual(["Caucasian"]);
    expect(intersectionKey(["only"])).toBe("only");
  });

  it("makes each missing component MISSING_GROUP and keeps the others", () => {
    expect(groupLabel(null)).toBe(MISSING_GROUP);
    expect(groupLabel(undefined)).toBe(MISSING_GROUP);
    expect(groupLabel("")).toBe(MISSING_GROUP);
    expect(groupLabel(" \t")).toBe(MISSING_GROUP);
    expect(groupLabel(" Male")).toBe(" Male");
    expect(intersectionKey(["Caucasian", null, "Less than 25"])).toBe(`Caucasian × ${MISSING_GROUP} × Less than 25`);
    expect(intersectionKey([undefined, ""])).toBe(`${MISSING_GROUP} × ${MISSING_GROUP}`);
  });

  it("tells which groups have a missing component", () => {
    expect(hasMissingComponent(MISSING_GROUP)).toBe(true);
    expect(hasMissingComponent(`a × ${MISSING_GROUP}`)).toBe(true);
    expect(hasMissingComponent("a × b")).toBe(false);
    expect(hasMissingComponent("a (missing) b")).toBe(false);
  });

  it("refuses labels that could not be split back, and empty intersections", () => {
    expect(() => intersectionKey(["a × b", "c"])).toThrow(/contains the intersection separator/);
    expect(() => intersectionKey([])).toThrow(/at least one/);
    // A bare × or an x is fine: only the spaced separator is ambiguous.
    expect(splitIntersectionKey(intersectionKey(["2×2", "x"]))).toEqual(["2×2", "x"]);
  });
});

describe("countIntersections", () => {
  it("counts each row in its intersection's confusion cell, keys in code-unit order", () => {
    const result = countIntersections(
      ["sex", "band"],
      [
        row(["M", "a"], true, true),
        row(["M", "a"], true, false),
        row(["F", "b"], false, true),
        row(["F", "b"], false, false),
        row([null, "b"], false, false),
        row(["M", ""], true, true),
      ],
    );
    expect(result).toEqual({
      attribute: "sex × band",
      components: ["sex", "band"],
      groups: [
        { group: `${MISSING_GROUP} × b`, tp: 0, fp: 0, tn: 1, fn: 0 },
        { group: "F × b", tp: 0, fp: 1, tn: 1, fn: 0 },
        { group: `M × ${MISSING_GROUP}`, tp: 1, fp: 0, tn: 0, fn: 0 },
        { group: "M × a", tp: 1, fp: 0, tn: 0, fn: 1 },
      ],
    });
  });

  it("rejects rows and attribute lists that do not fit", () => {
    expect(() => countIntersections([], [])).toThrow(/at least one attribute/);
    expect(() => countIntersections(["a", "a"], [])).toThrow(/twice/);
    expect(() => countIntersections(["a", "b"], [row(["x"], true, true)])).toThrow(/1 attribute values; expected 2/);
  });

  it("reproduces the numpy reference's intersections from the same raw rows", () => {
    const result = countIntersections(
      scenario.components,
      scenario.rows.map(([sex, band, actual, predicted]) => row([sex, band], actual === 1, predicted === 1)),
    );
    expect(result.attribute).toBe("sex × band");
    // The reference lists the whole product of observed values; only non-empty cells exist here.
    const nonEmpty = Object.entries(scenario.groups)
      .filter(([, g]) => g.counts.tp + g.counts.fp + g.counts.tn + g.counts.fn > 0)
      .map(([group, g]) => ({ group, ...g.counts }));
    expect(result.groups).toEqual(nonEmpty);
    expect(Object.keys(scenario.groups).length).toBe(nonEmpty.length + 1);
  });
});

describe("marginalCounts and marginalMismatches", () => {
  const intersection = countIntersections(
    scenario.components,
    scenario.rows.map(([sex, band, actual, predicted]) => row([sex, band], actual === 1, predicted === 1)),
  );
  const expectedMarginals = scenario.components.map((attribute) => ({
    attribute,
    groups: Object.entries(scenario.marginals[attribute]!).map(([group, c]) => ({ group, ...c })),
  }));

  it("adds intersections back up to the per-attribute counts the reference took straight from the rows", () => {
    expect(marginalCounts(intersection)).toEqual(expectedMarginals);
    expect(marginalMismatches(intersection, expectedMarginals)).toEqual([]);
  });

  it("accepts the confusion aggregate's intersection shape and groups it did not list", () => {
    const aggregate: IntersectionCounts = {
      attribute: "sex × band",
      components: ["sex", "band"],
      groups: [
        { group: "F × a", tp: 1, fp: 0, tn: 0, fn: 0 },
        { group: "M × a", tp: 0, fp: 1, tn: 0, fn: 0 },
      ],
    };
    const perAttribute = [
      { attribute: "band", groups: [{ group: "a", tp: 1, fp: 1, tn: 0, fn: 0 }] },
      { attribute: "sex", groups: [g("F", 1, 0, 0, 0), g("M", 0, 1, 0, 0), g("X", 0, 0, 0, 0)] },
    ];
    // A zero-count group on one side only is no inconsistency.
    expect(marginalMismatches(aggregate, perAttribute)).toEqual([]);
  });

  it("reports every group whose counts disagree, on either side", () => {
    const tampered = expectedMarginals.map((m) => ({
      attribute: m.attribute,
      groups: m.attribute === "sex" ? m.groups.map((x) => (x.group === "Male" ? { ...x, tp: x.tp + 1 } : x)) : m.groups,
    }));
    tampered[1]!.groups.push(g("unseen", 1, 0, 0, 0));
    const mismatches = marginalMismatches(intersection, tampered);
    expect(mismatches.map((m) => [m.attribute, m.group])).toEqual([
      ["sex", "Male"],
      ["band", "unseen"],
    ]);
    expect(mismatches[1]!.fromIntersections).toBeNull();
    expect(mismatches[0]!.fromAttribute!.tp).toBe(mismatches[0]!.fromIntersections!.tp + 1);
    expect(() => marginalMismatches(intersection, [expectedMarginals[0]!])).toThrow(/No per-attribute counts for "band"/);
  });

  it("refuses a key with the wrong number of components", () => {
    const broken: IntersectionCounts = { attribute: "a × b", components: ["a", "b"], groups: [g("x × y × z", 1, 0, 0, 0)] };
    expect(() => marginalCounts(broken)).toThrow(/has 3 components; "a × b" has 2/);
  });
});

function g(group: string, tp: number, fp: number, tn: number, fn: number): GroupCounts {
  return { group, tp, fp, tn, fn };
}
