import { describe, expect, it } from "vitest";
import { limitProblem, suiteVersionLabel } from "./version-safety-rows";

describe("start safety run form", () => {
  it("labels suite versions with their size", () => {
    expect(suiteVersionLabel("AdvBench", { version: 3, itemCount: 520 }, true)).toBe("AdvBench · version 3 (latest) · 520 items");
    expect(suiteVersionLabel("Mine", { version: 1, itemCount: 1 }, false)).toBe("Mine · version 1 · 1 item");
    expect(suiteVersionLabel("Big", { version: 2, itemCount: 12000 }, false)).toBe("Big · version 2 · 12,000 items");
  });

  it("accepts an empty or whole-number item limit", () => {
    expect(limitProblem("")).toBeNull();
    expect(limitProblem(" 25 ")).toBeNull();
    expect(limitProblem("0")).toMatch(/1 to 100,000/);
    expect(limitProblem("2.5")).toMatch(/whole number/);
    expect(limitProblem("100001")).toMatch(/1 to 100,000/);
  });
});
