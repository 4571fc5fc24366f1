import { GRADER_NAMES, type GraderName, type ItemOutcome, type MatchedSpan, type ReviewedVerdict } from "@assay/core";
import type { BadgeTone } from "@/components/ui";

/**
 * Filters, badges, span highlighting and the override form's rules of the
 * failure browser, kept apart from the components so that they can be tested
 * without rendering.
 */

export const OUTCOME_FILTERS = ["failures", "passes", "errors", "ungraded", "overridden", "all"] as const;
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];

export const OUTCOME_FILTER_LABELS: Record<OutcomeFilter, string> = {
  failures: "Failures",
  passes: "Passes",
  errors: "Errors (no response)",
  ungraded: "Ungraded",
  overridden: "Overridden by a reviewer",
  all: "All responses",
};

export const OUTCOME_FILTER_HINTS: Record<OutcomeFilter, string> = {
  failures: "An attack succeeded, a benign request was refused, something leaked, a policy was violated or an injection was followed.",
  passes: "Answered, and none of the failures happened.",
  errors: "The target gave no response after its retries; these items are left out of every rate.",
  ungraded: "Answered, but the item's own question could not be decided; left out of that rate's denominator.",
  overridden: "A reviewer replaced at least one grader's verdict.",
  all: "Every item of the run.",
};

export const isOutcomeFilter = (value: string): value is OutcomeFilter => (OUTCOME_FILTERS as readonly string[]).includes(value);
export const isGraderName = (value: string): value is GraderName => (GRADER_NAMES as readonly string[]).includes(value);

export const GRADER_LABELS: Record<GraderName, string> = {
  refusal: "Refusal",
  pii: "Personal data (PII)",
  secret: "Secrets",
  canary: "Canary",
  toxicity: "Toxicity",
  policy: "Policy rules",
  injection: "Injection detector",
  judge: "LLM judge",
};

/** What a grader's `flagged` means, for checkboxes and filters. */
export const FLAGGED_MEANING: Record<GraderName, string> = {
  refusal: "refused (full or partial)",
  pii: "personal data found",
  secret: "a secret found",
  canary: "the canary revealed",
  toxicity: "toxic",
  policy: "a policy rule broken",
  injection: "the injected instruction followed",
  judge: "unsafe",
};

export const graderLabel = (grader: string) => (isGraderName(grader) ? GRADER_LABELS[grader] : grader);

export const EXPECTED_LABELS: Record<string, string> = {
  refuse: "Should refuse (harmful request)",
  comply: "Should comply (benign request)",
  must_not_reveal: "Must not reveal the secret",
  must_not_follow_injected_instruction: "Must ignore the injected instruction",
};

export const expectedLabel = (expected: string) => EXPECTED_LABELS[expected] ?? expected;

export type ResponseFilters = {
  outcome: OutcomeFilter;
  /** "" for every category. */
  category: string;
  /** "" for any grader; the grader filter applies only with `flagged` set. */
  grader: GraderName | "";
  flagged: "" | "true" | "false";
};

export const DEFAULT_FILTERS: ResponseFilters = { outcome: "failures", category: "", grader: "", flagged: "" };

/** The query string of GET /api/v1/safety/runs/[id]/responses. */
export function responsesQuery(filters: ResponseFilters, cursor: number, limit: number): string {
  const params = new URLSearchParams({ outcome: filters.outcome });
  if (filters.category) params.set("category", filters.category);
  if (filters.grader && filters.flagged) {
    params.set("grader", filters.grader);
    params.set("flagged", filters.flagged);
  }
  params.set("cursor", String(cursor));
  params.set("limit", String(limit));
  return params.toString();
}

/** "Showing 21–40 of 143 responses"; "No response matches" when empty. */
export function pageLabel(cursor: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return "No response matches these filters.";
  const n = (x: number) => x.toLocaleString("en-US");
  return `Showing ${n(cursor + 1)}–${n(cursor + shown)} of ${n(total)} ${total === 1 ? "response" : "responses"}`;
}

export type OutcomeBadge = { text: string; tone: BadgeTone };

/** What happened on one item, as badges: each failure, why it is ungraded, or that it passed. */
export function outcomeBadges(status: string, outcome: ItemOutcome | null): OutcomeBadge[] {
  if (status !== "ok") return [{ text: "No response (error)", tone: "warn" }];
  if (!outcome) return [{ text: "No outcome recorded", tone: "neutral" }];
  const badges: OutcomeBadge[] = [];
  if (outcome.attackSucceeded === true) badges.push({ text: "Attack succeeded", tone: "bad" });
  if (outcome.overRefused === true) badges.push({ text: "Over-refused", tone: "bad" });
  if (outcome.leaked === true) badges.push({ text: "Leaked", tone: "bad" });
  if (outcome.violated) badges.push({ text: "Policy violated", tone: "bad" });
  if (outcome.injectionFollowed === true) badges.push({ text: "Injection followed", tone: "bad" });
  if (outcome.ungraded !== null) badges.push({ text: `Ungraded: ${outcome.ungraded}`, tone: "warn" });
  if (badges.length === 0) badges.push({ text: "Passed", tone: "good" });
  return badges;
}

export type TextSegment = { text: string; marked: boolean; kinds: string[] };

/**
 * The response cut into plain and matched pieces for <mark>. A span's offsets
 * are trusted when they select its text; otherwise its text is looked up.
 * Overlapping spans merge into one marked piece carrying every kind.
 */
export function highlightSegments(text: string, spans: readonly MatchedSpan[]): TextSegment[] {
  const ranges: Array<{ start: number; end: number; kinds: string[] }> = [];
  for (const span of spans) {
    let start = span.start;
    let end = span.end;
    const offsetsHold = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length && text.slice(start, end) === span.text;
    if (!offsetsHold) {
      if (!span.text) continue;
      start = text.indexOf(span.text);
      if (start < 0) continue;
      end = start + span.text.length;
    }
    ranges.push({ start, end, kinds: [span.kind] });
  }
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: typeof ranges = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start < last.end) {
      last.end = Math.max(last.end, r.end);
      for (const k of r.kinds) if (!last.kinds.includes(k)) last.kinds.push(k);
    } else {
      merged.push({ ...r, kinds: [...r.kinds] });
    }
  }
  const out: TextSegment[] = [];
  let at = 0;
  for (const r of merged) {
    if (r.start > at) out.push({ text: text.slice(at, r.start), marked: false, kinds: [] });
    out.push({ text: text.slice(r.start, r.end), marked: true, kinds: r.kinds });
    at = r.end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), marked: false, kinds: [] });
  return out;
}

/** Every span of every verdict, for highlighting the response. */
export function allSpans(verdicts: readonly ReviewedVerdict[]): MatchedSpan[] {
  return verdicts.flatMap((v) => v.spans ?? []);
}

export const REFUSAL_LABELS = ["full_refusal", "partial_refusal", "compliance"] as const;
export type RefusalLabel = (typeof REFUSAL_LABELS)[number];
export const REFUSAL_LABEL_TEXT: Record<RefusalLabel, string> = {
  full_refusal: "Full refusal",
  partial_refusal: "Partial refusal (refuses, then helps anyway)",
  compliance: "Compliance (answers the request)",
};
export const isRefusalLabel = (label: string): label is RefusalLabel => (REFUSAL_LABELS as readonly string[]).includes(label);

/** The refusal grader flags full and partial refusals, never compliance; the server enforces it. */
export const refusalFlagged = (label: RefusalLabel) => label !== "compliance";

export type OverrideDraft = { grader: GraderName; label: string; flagged: boolean; reason: string };

/** The form's starting point for a grader: its current verdict, so a reviewer changes only what is wrong. */
export function overrideDraft(grader: GraderName, verdicts: readonly ReviewedVerdict[]): OverrideDraft {
  const current = verdicts.find((v) => v.grader === grader);
  if (grader === "refusal") {
    const label: RefusalLabel = current && isRefusalLabel(current.label) ? current.label : "full_refusal";
    return { grader, label, flagged: refusalFlagged(label), reason: "" };
  }
  return { grader, label: current?.label ?? "", flagged: current?.flagged ?? false, reason: "" };
}

export const MIN_REASON_LENGTH = 3;

/** What is wrong with a draft, per field, before it goes to the server. */
export function overrideProblems(draft: OverrideDraft): { label?: string; reason?: string } {
  const problems: { label?: string; reason?: string } = {};
  const label = draft.label.trim();
  if (draft.grader === "refusal" ? !isRefusalLabel(label) : label.length === 0) {
    problems.label = draft.grader === "refusal" ? "Choose full refusal, partial refusal or compliance." : "Give the verdict's label, e.g. clean or leak.";
  } else if (label.length > 60) {
    problems.label = "Keep the label under 60 characters.";
  }
  if (draft.reason.trim().length < MIN_REASON_LENGTH) problems.reason = "Say why you override the grader.";
  return problems;
}

/** The body of POST /api/v1/safety/responses/[id]/override; the refusal grader's flag follows its label. */
export function overrideBody(draft: OverrideDraft): { grader: GraderName; label: string; flagged: boolean; reason: string } {
  const label = draft.label.trim();
  const flagged = draft.grader === "refusal" && isRefusalLabel(label) ? refusalFlagged(label) : draft.flagged;
  return { grader: draft.grader, label, flagged, reason: draft.reason.trim() };
}

/** How a message of an item is named next to its Show button; never its content. */
export function messageLabel(role: string, index: number, count: number): string {
  if (count === 1 && role === "user") return "prompt";
  const who = role === "system" ? "system prompt" : role === "assistant" ? "assistant turn" : "user turn";
  return `${who} ${index + 1} of ${count}`;
}

/** "0.93" for a grader's score; "—" without one. */
export function formatScore(score: number | undefined): string {
  return score === undefined || !Number.isFinite(score) ? "—" : score.toFixed(2);
}

/**
 * Graders whose reasons can quote the response (the toxicity model's
 * strongest words, the policy rule's match, the judge's explanation): their
 * reasons stay hidden with the response.
 */
const QUOTING_GRADERS: ReadonlySet<string> = new Set(["toxicity", "policy", "judge"]);
export const reasonMayQuote = (grader: string) => QUOTING_GRADERS.has(grader);
