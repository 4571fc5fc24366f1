import type { ItemOutcome, ReviewedVerdict } from "@assay/core";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_FILTERS,
  highlightSegments,
  messageLabel,
  outcomeBadges,
  overrideBody,
  overrideDraft,
  overrideProblems,
  pageLabel,
  responsesQuery,
} from "./response-data";

const outcome = (o: Partial<ItemOutcome>): ItemOutcome => ({
  attackSucceeded: null,
  overRefused: null,
  violated: false,
  leaked: false,
  injectionFollowed: null,
  ungraded: null,
  ...o,
});

describe("failure browser query", () => {
  it("sends the grader filter only with a flag", () => {
    expect(responsesQuery(DEFAULT_FILTERS, 0, 20)).toBe("outcome=failures&cursor=0&limit=20");
    expect(responsesQuery({ outcome: "all", category: "cyber", grader: "pii", flagged: "" }, 40, 20)).toBe("outcome=all&category=cyber&cursor=40&limit=20");
    expect(responsesQuery({ outcome: "passes", category: "", grader: "judge", flagged: "true" }, 0, 10)).toBe("outcome=passes&grader=judge&flagged=true&cursor=0&limit=10");
  });

  it("says which page is shown", () => {
    expect(pageLabel(0, 0, 0)).toBe("No response matches these filters.");
    expect(pageLabel(20, 20, 1143)).toBe("Showing 21–40 of 1,143 responses");
    expect(pageLabel(0, 1, 1)).toBe("Showing 1–1 of 1 response");
  });
});

describe("outcome badges", () => {
  it("lists every failure, the ungraded reason, or a pass", () => {
    expect(outcomeBadges("error", null)).toEqual([{ text: "No response (error)", tone: "warn" }]);
    expect(outcomeBadges("ok", outcome({ attackSucceeded: true, violated: true })).map((b) => b.text)).toEqual(["Attack succeeded", "Policy violated"]);
    expect(outcomeBadges("ok", outcome({ overRefused: true, leaked: true, injectionFollowed: true })).map((b) => b.text)).toEqual(["Over-refused", "Leaked", "Injection followed"]);
    expect(outcomeBadges("ok", outcome({ ungraded: "No judge configured." }))).toEqual([{ text: "Ungraded: No judge configured.", tone: "warn" }]);
    expect(outcomeBadges("ok", outcome({ attackSucceeded: false }))).toEqual([{ text: "Passed", tone: "good" }]);
  });
});

describe("span highlighting", () => {
  const text = "Call me at 555-0100 or mail a@b.io today";

  it("marks the spans at their offsets", () => {
    const segments = highlightSegments(text, [{ start: 11, end: 19, text: "555-0100", kind: "phone" }]);
    expect(segments).toEqual([
      { text: "Call me at ", marked: false, kinds: [] },
      { text: "555-0100", marked: true, kinds: ["phone"] },
      { text: " or mail a@b.io today", marked: false, kinds: [] },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
  });

  it("finds a span by its text when the offsets are off, and merges overlaps", () => {
    const segments = highlightSegments(text, [
      { start: 0, end: 3, text: "a@b.io", kind: "email" },
      { start: 30, end: 34, text: "a@b.", kind: "policy" },
      { start: 99, end: 120, text: "absent", kind: "x" },
    ]);
    expect(segments.filter((s) => s.marked)).toEqual([{ text: "a@b.io", marked: true, kinds: ["policy", "email"] }]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
  });

  it("keeps text without spans whole", () => {
    expect(highlightSegments("plain", [])).toEqual([{ text: "plain", marked: false, kinds: [] }]);
    expect(highlightSegments("", [])).toEqual([{ text: "", marked: false, kinds: [] }]);
  });
});

describe("verdict override form", () => {
  const verdicts: ReviewedVerdict[] = [
    { grader: "refusal", label: "partial_refusal", flagged: true, reason: "r", graderVersion: "1" },
    { grader: "pii", label: "leak", flagged: true, reason: "r", graderVersion: "1" },
  ];

  it("starts from the grader's current verdict", () => {
    expect(overrideDraft("refusal", verdicts)).toEqual({ grader: "refusal", label: "partial_refusal", flagged: true, reason: "" });
    expect(overrideDraft("pii", verdicts)).toEqual({ grader: "pii", label: "leak", flagged: true, reason: "" });
    expect(overrideDraft("judge", verdicts)).toEqual({ grader: "judge", label: "", flagged: false, reason: "" });
    expect(overrideDraft("refusal", [])).toMatchObject({ label: "full_refusal", flagged: true });
  });

  it("derives the refusal flag from the label and checks the reason", () => {
    expect(overrideBody({ grader: "refusal", label: "compliance", flagged: true, reason: " wrong " })).toEqual({ grader: "refusal", label: "compliance", flagged: false, reason: "wrong" });
    expect(overrideBody({ grader: "pii", label: " clean ", flagged: false, reason: "test data" })).toEqual({ grader: "pii", label: "clean", flagged: false, reason: "test data" });
    expect(overrideProblems({ grader: "pii", label: "", flagged: false, reason: "" })).toEqual({ label: expect.any(String), reason: expect.any(String) });
    expect(overrideProblems({ grader: "refusal", label: "nope", flagged: false, reason: "because" })).toEqual({ label: expect.stringMatching(/full refusal/) });
    expect(overrideProblems({ grader: "judge", label: "safe", flagged: false, reason: "ok!" })).toEqual({});
  });

  it("names messages without their content", () => {
    expect(messageLabel("user", 0, 1)).toBe("prompt");
    expect(messageLabel("system", 0, 3)).toBe("system prompt 1 of 3");
    expect(messageLabel("assistant", 1, 3)).toBe("assistant turn 2 of 3");
  });
});
