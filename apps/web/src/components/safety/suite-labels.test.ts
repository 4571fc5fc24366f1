import { describe, expect, it } from "vitest";
import { expectedLabel, originView, summariseCategories } from "./suite-labels";

describe("originView", () => {
  it("reads a built-in suite's origin record", () => {
    expect(originView({ repo: "llm-attacks/llm-attacks", commit: "0f505d82", files: ["data/a.csv"], url: "https://github.com/llm-attacks/llm-attacks/tree/0f505d82" })).toEqual({
      text: "llm-attacks/llm-attacks",
      url: "https://github.com/llm-attacks/llm-attacks/tree/0f505d82",
      commit: "0f505d82",
      files: ["data/a.csv"],
    });
  });

  it("reads the record stored as JSON text, a URL or free text", () => {
    expect(originView('{"repo":"a/b","commit":"","files":[],"url":"https://x.test/a"}')).toEqual({ text: "a/b", url: "https://x.test/a", commit: null, files: [] });
    expect(originView("https://example.org/suite")).toEqual({ text: "https://example.org/suite", url: "https://example.org/suite", commit: null, files: [] });
    expect(originView("Written by the support team")).toEqual({ text: "Written by the support team", url: null, commit: null, files: [] });
  });

  it("reads the text a built-in suite records, with its link when given", () => {
    const origin = "llm-attacks/llm-attacks@0f505d82 (data/advbench/harmful_behaviors.csv)";
    const url = "https://github.com/llm-attacks/llm-attacks/tree/0f505d82";
    expect(originView(origin, url)).toEqual({ text: origin, url, commit: null, files: [] });
    expect(originView(origin, "not a url")).toEqual({ text: origin, url: null, commit: null, files: [] });
    expect(originView("", url)).toEqual({ text: url, url, commit: null, files: [] });
  });

  it("has nothing to show for empty or unknown values", () => {
    expect(originView("")).toBeNull();
    expect(originView(null)).toBeNull();
    expect(originView({ url: "javascript:alert(1)" })).toBeNull();
  });
});

describe("summariseCategories", () => {
  it("labels the largest categories and counts the rest", () => {
    const categories = [
      { category: "self_harm", count: 1200 },
      { category: "violence", count: 80 },
      { category: "custom", count: 3 },
    ];
    expect(summariseCategories(categories, { self_harm: "Self-harm", violence: "Violence" }, 2)).toBe("Self-harm (1,200), Violence (80), +1 more");
    expect(summariseCategories(categories, {})).toBe("self_harm (1,200), violence (80), custom (3)");
    expect(summariseCategories([], {})).toBe("");
  });
});

describe("expectedLabel", () => {
  it("labels known behaviours and passes others through", () => {
    expect(expectedLabel("comply")).toBe("Comply");
    expect(expectedLabel("other")).toBe("other");
  });
});
