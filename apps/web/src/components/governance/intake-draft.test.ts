import { describe, expect, it } from "vitest";
import { checkIntakeDraft, emptyIntakeDraft, intakeApiErrors, intakeDraftFrom, previewProposal, unansweredQuestions, type IntakeDraft } from "./intake-draft";

function filled(overrides: Partial<IntakeDraft["answers"]> = {}, rest: Partial<Omit<IntakeDraft, "answers">> = {}): IntakeDraft {
  const draft = emptyIntakeDraft();
  return {
    ...draft,
    ...rest,
    answers: {
      ...draft.answers,
      impactOnPeople: "legal_or_similarly_significant",
      autonomy: "advises_human",
      affectedUsers: "consumers",
      regulatedDomain: "credit_lending",
      personalData: "personal",
      generativeOutput: "false",
      toolAccess: "none",
      vendorModel: "false",
      ...overrides,
    },
  };
}

describe("intake draft", () => {
  it("starts empty, with every required question unanswered and a low preview", () => {
    const draft = emptyIntakeDraft();
    expect(unansweredQuestions(draft)).toHaveLength(8);
    expect(previewProposal(draft)).toEqual({ proposal: { tier: "low", reasons: [] }, unanswered: 8 });
  });

  it("previews the answers so far, counting unanswered questions as lowest risk", () => {
    const draft = emptyIntakeDraft();
    draft.answers.personalData = "sensitive_special_category";
    draft.answers.userCount = "250,000";
    const { proposal, unanswered } = previewProposal(draft);
    expect(unanswered).toBe(7);
    expect(proposal.tier).toBe("high");
    expect(proposal.reasons.map((r) => r.question)).toEqual(["Personal data", "Number of affected users"]);
    // An unreadable user count is left out of the preview rather than breaking it.
    draft.answers.userCount = "lots";
    expect(previewProposal(draft).proposal.reasons.map((r) => r.question)).toEqual(["Personal data"]);
  });

  it("round-trips a stored intake, booleans and user count included", () => {
    const stored = {
      answers: { impactOnPeople: "minor", autonomy: "acts_autonomously", affectedUsers: "internal_staff", regulatedDomain: "none", personalData: "none", generativeOutput: true, toolAccess: "read_only", vendorModel: true, userCount: 1200 } as const,
      overrideTier: "high" as const,
      overrideRationale: "Customer-facing pilot next quarter, treat as high.",
    };
    const draft = intakeDraftFrom(stored);
    expect(draft.answers).toMatchObject({ generativeOutput: "true", vendorModel: "true", userCount: "1200" });
    expect(checkIntakeDraft(draft)).toEqual({ body: stored });
  });

  it("builds the body without an override, and leaves a blank user count out", () => {
    const result = checkIntakeDraft(filled({ userCount: " " }, { overrideRationale: "typed, then the override was cleared" }));
    expect(result).toEqual({
      body: {
        answers: { impactOnPeople: "legal_or_similarly_significant", autonomy: "advises_human", affectedUsers: "consumers", regulatedDomain: "credit_lending", personalData: "personal", generativeOutput: false, toolAccess: "none", vendorModel: false },
      },
    });
  });

  it("names each missing or invalid answer", () => {
    const result = checkIntakeDraft(filled({ autonomy: "", vendorModel: "", userCount: "-3" }));
    expect("errors" in result && result.errors).toEqual({
      autonomy: "Choose whether the system advises or acts.",
      vendorModel: expect.stringContaining("yes or no"),
      userCount: expect.stringContaining("whole number"),
    });
  });

  it("requires an override to differ from the proposal and to carry a rationale of 20 characters", () => {
    expect(checkIntakeDraft(filled({}, { overrideTier: "high", overrideRationale: "x".repeat(30) }))).toEqual({
      errors: { overrideTier: expect.stringContaining("already propose high") },
    });
    expect(checkIntakeDraft(filled({}, { overrideTier: "critical", overrideRationale: "  too short  " }))).toEqual({
      errors: { overrideRationale: expect.stringContaining("at least 20 characters") },
    });
    expect(checkIntakeDraft(filled({}, { overrideTier: "critical", overrideRationale: " Exposed to the press; treat as critical. " }))).toMatchObject({
      body: { overrideTier: "critical", overrideRationale: "Exposed to the press; treat as critical." },
    });
  });

  it("maps the API's issues onto form fields", () => {
    expect(
      intakeApiErrors([
        { path: "answers.autonomy", message: "Choose." },
        { path: "overrideRationale", message: "Explain." },
        { path: "answers.autonomy", message: "Second message is ignored." },
      ]),
    ).toEqual({ autonomy: "Choose.", overrideRationale: "Explain." });
    expect(intakeApiErrors({ path: "x" })).toEqual({});
  });
});
