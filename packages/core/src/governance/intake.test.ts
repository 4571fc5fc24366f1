import { describe, expect, it } from "vitest";
import {
  AFFECTED_USERS,
  AUTONOMY,
  decisiveReasons,
  IMPACT_ON_PEOPLE,
  INTAKE_QUESTIONS,
  intakeAnswersSchema,
  intakeSubmissionSchema,
  maxTier,
  PERSONAL_DATA,
  proposeTier,
  REGULATED_DOMAINS,
  TOOL_ACCESS,
  type IntakeAnswers,
} from "./intake";

/** Internal staff, advisory, no personal data, in-house, no tools: the low baseline. */
const LOW: IntakeAnswers = {
  impactOnPeople: "none",
  autonomy: "advises_human",
  affectedUsers: "internal_staff",
  regulatedDomain: "none",
  personalData: "none",
  generativeOutput: false,
  toolAccess: "none",
  vendorModel: false,
};

const answers = (overrides: Partial<IntakeAnswers> = {}): IntakeAnswers => ({ ...LOW, ...overrides });
const tierOf = (overrides: Partial<IntakeAnswers>) => proposeTier(answers(overrides)).tier;
const questionsOf = (overrides: Partial<IntakeAnswers>) => proposeTier(answers(overrides)).reasons.map((r) => [r.question, r.tier]);

describe("proposeTier: single answers", () => {
  it("proposes low, with no reasons, for an internal advisory system without personal data", () => {
    expect(proposeTier(LOW)).toEqual({ tier: "low", reasons: [] });
    // Answers that set no minimum keep it low.
    expect(tierOf({ impactOnPeople: "minor", autonomy: "acts_with_human_review", affectedUsers: "business_customers", toolAccess: "read_only", generativeOutput: true })).toBe("low");
    expect(tierOf({ affectedUsers: "consumers" })).toBe("low");
  });

  it("raises the tier with the impact on people", () => {
    expect(tierOf({ impactOnPeople: "none" })).toBe("low");
    expect(tierOf({ impactOnPeople: "minor" })).toBe("low");
    expect(tierOf({ impactOnPeople: "significant" })).toBe("medium");
    const legal = proposeTier(answers({ impactOnPeople: "legal_or_similarly_significant" }));
    expect(legal.tier).toBe("high");
    expect(legal.reasons).toEqual([
      { question: "Impact on people", answer: "Legal or similarly significant", effect: expect.stringContaining("legal or similarly significant effects"), tier: "high" },
    ]);
  });

  it("makes autonomous action at least medium; advice and reviewed action set no minimum", () => {
    expect(tierOf({ autonomy: "advises_human" })).toBe("low");
    expect(tierOf({ autonomy: "acts_with_human_review" })).toBe("low");
    expect(questionsOf({ autonomy: "acts_autonomously" })).toEqual([["Autonomy", "medium"]]);
  });

  it("makes the general public or vulnerable people at least medium", () => {
    expect(tierOf({ affectedUsers: "internal_staff" })).toBe("low");
    expect(tierOf({ affectedUsers: "business_customers" })).toBe("low");
    expect(tierOf({ affectedUsers: "consumers" })).toBe("low");
    expect(questionsOf({ affectedUsers: "general_public_or_vulnerable" })).toEqual([["Affected users", "medium"]]);
  });

  it.each(["credit_lending", "employment", "housing", "insurance", "healthcare", "education", "law_enforcement_justice", "critical_infrastructure"] as const)(
    "makes the regulated domain %s at least high",
    (domain) => {
      const proposal = proposeTier(answers({ regulatedDomain: domain }));
      expect(proposal.tier).toBe("high");
      expect(proposal.reasons).toHaveLength(1);
      expect(proposal.reasons[0]).toMatchObject({ question: "Regulated domain", tier: "high" });
      expect(proposal.reasons[0]!.effect).toMatch(/high-risk domain/);
    },
  );

  it("makes another regulated domain medium and no regulated domain nothing", () => {
    expect(tierOf({ regulatedDomain: "none" })).toBe("low");
    expect(questionsOf({ regulatedDomain: "other_regulated" })).toEqual([["Regulated domain", "medium"]]);
  });

  it("raises the tier with personal data: personal → medium, sensitive → high", () => {
    expect(tierOf({ personalData: "none" })).toBe("low");
    expect(tierOf({ personalData: "personal" })).toBe("medium");
    expect(proposeTier(answers({ personalData: "sensitive_special_category" })).reasons).toEqual([
      { question: "Personal data", answer: "Sensitive or special-category data", effect: expect.any(String), tier: "high" },
    ]);
  });

  it("makes write or transact access at least medium; read-only sets no minimum", () => {
    expect(tierOf({ toolAccess: "none" })).toBe("low");
    expect(tierOf({ toolAccess: "read_only" })).toBe("low");
    expect(questionsOf({ toolAccess: "write_or_transact" })).toEqual([["Tool or write access", "medium"]]);
  });

  it("gives a vendor model a reason and at least medium", () => {
    const proposal = proposeTier(answers({ vendorModel: true }));
    expect(proposal).toEqual({ tier: "medium", reasons: [{ question: "Vendor model", answer: "Yes", effect: expect.stringContaining("third-party"), tier: "medium" }] });
  });

  it("makes a wide reach (100,000 people or more) at least medium", () => {
    expect(tierOf({ userCount: 99_999 })).toBe("low");
    const wide = proposeTier(answers({ userCount: 100_000 }));
    expect(wide.tier).toBe("medium");
    expect(wide.reasons[0]).toMatchObject({ question: "Number of affected users", answer: "100,000", tier: "medium" });
  });
});

describe("proposeTier: combinations", () => {
  it("makes generative output to consumers or the public at least medium, but not to staff", () => {
    expect(tierOf({ generativeOutput: true, affectedUsers: "internal_staff" })).toBe("low");
    expect(tierOf({ generativeOutput: true, affectedUsers: "business_customers" })).toBe("low");
    expect(questionsOf({ generativeOutput: true, affectedUsers: "consumers" })).toEqual([["Generative output + Affected users", "medium"]]);
    expect(questionsOf({ generativeOutput: true, affectedUsers: "general_public_or_vulnerable" })).toEqual([
      ["Affected users", "medium"],
      ["Generative output + Affected users", "medium"],
    ]);
    const reason = proposeTier(answers({ generativeOutput: true, affectedUsers: "consumers" })).reasons[0]!;
    expect(reason.answer).toBe("Yes + Consumers");
  });

  it("makes generative output with write or transact access at least high", () => {
    expect(tierOf({ generativeOutput: true, toolAccess: "read_only" })).toBe("low");
    expect(questionsOf({ generativeOutput: true, toolAccess: "write_or_transact" })).toEqual([
      ["Tool or write access", "medium"],
      ["Generative output + Tool or write access", "high"],
    ]);
    // A consumer-facing generative agent that transacts.
    expect(tierOf({ generativeOutput: true, toolAccess: "write_or_transact", affectedUsers: "consumers" })).toBe("high");
  });

  it("makes a legally significant decision taken autonomously critical", () => {
    expect(tierOf({ impactOnPeople: "legal_or_similarly_significant", autonomy: "acts_with_human_review" })).toBe("high");
    const proposal = proposeTier(answers({ impactOnPeople: "legal_or_similarly_significant", autonomy: "acts_autonomously" }));
    expect(proposal.tier).toBe("critical");
    expect(proposal.reasons.map((r) => [r.question, r.answer, r.tier])).toEqual([
      ["Impact on people", "Legal or similarly significant", "high"],
      ["Autonomy", "Acts autonomously, without a human in the loop", "medium"],
      ["Impact on people + Autonomy", "Legal or similarly significant + Acts autonomously, without a human in the loop", "critical"],
    ]);
    expect(decisiveReasons(proposal).map((r) => r.question)).toEqual(["Impact on people + Autonomy"]);
    // Significant (not legal) impact acting autonomously stays medium.
    expect(tierOf({ impactOnPeople: "significant", autonomy: "acts_autonomously" })).toBe("medium");
  });

  it("makes write or transact access used autonomously critical", () => {
    expect(tierOf({ toolAccess: "write_or_transact", autonomy: "acts_with_human_review" })).toBe("medium");
    expect(tierOf({ toolAccess: "read_only", autonomy: "acts_autonomously" })).toBe("medium");
    expect(questionsOf({ toolAccess: "write_or_transact", autonomy: "acts_autonomously" })).toEqual([
      ["Autonomy", "medium"],
      ["Tool or write access", "medium"],
      ["Tool or write access + Autonomy", "critical"],
    ]);
  });

  it("proposes the highest minimum and lists every answer that raised it", () => {
    const proposal = proposeTier(
      answers({ regulatedDomain: "credit_lending", personalData: "personal", vendorModel: true, affectedUsers: "consumers", impactOnPeople: "significant" }),
    );
    expect(proposal.tier).toBe("high");
    expect(proposal.reasons.map((r) => [r.question, r.tier])).toEqual([
      ["Impact on people", "medium"],
      ["Regulated domain", "high"],
      ["Personal data", "medium"],
      ["Vendor model", "medium"],
    ]);
    expect(decisiveReasons(proposal)).toHaveLength(1);
  });

  it("is the maximum of the minimums over every combination of answers, and never lists a low reason", () => {
    for (const impactOnPeople of IMPACT_ON_PEOPLE)
      for (const autonomy of AUTONOMY)
        for (const affectedUsers of AFFECTED_USERS)
          for (const personalData of PERSONAL_DATA)
            for (const toolAccess of TOOL_ACCESS)
              for (const generativeOutput of [false, true]) {
                const a = answers({ impactOnPeople, autonomy, affectedUsers, personalData, toolAccess, generativeOutput });
                const { tier, reasons } = proposeTier(a);
                expect(tier).toBe(maxTier(...reasons.map((r) => r.tier)));
                expect(reasons.every((r) => r.tier !== "low")).toBe(true);
                // Critical only through one of the two autonomy combinations.
                const critical = autonomy === "acts_autonomously" && (impactOnPeople === "legal_or_similarly_significant" || toolAccess === "write_or_transact");
                expect(tier === "critical").toBe(critical);
              }
  });
});

describe("intakeAnswersSchema", () => {
  it("accepts complete answers, with or without a user count", () => {
    expect(intakeAnswersSchema.parse(LOW)).toEqual(LOW);
    expect(intakeAnswersSchema.parse({ ...LOW, userCount: 5000 })).toEqual({ ...LOW, userCount: 5000 });
    expect(intakeAnswersSchema.parse({ ...LOW, userCount: null })).toEqual(LOW);
  });

  it("rejects missing and unknown answers with a message per question", () => {
    const result = intakeAnswersSchema.safeParse({ ...LOW, autonomy: "sometimes", vendorModel: "yes", regulatedDomain: undefined, userCount: 2.5 });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ["autonomy", "Choose whether the system advises or acts."],
        ["regulatedDomain", "Choose the regulated domain, or none."],
        ["vendorModel", expect.stringContaining("yes or no")],
        ["userCount", "Enter the number of affected users as a whole number."],
      ]),
    );
  });

  it("describes every question, with every option of the schema, for the form", () => {
    expect(INTAKE_QUESTIONS.map((q) => q.key)).toEqual(Object.keys(intakeAnswersSchema.shape));
    const choices = Object.fromEntries(INTAKE_QUESTIONS.flatMap((q) => (q.kind === "choice" ? [[q.key, q.options.map((o) => o.value)]] : [])));
    expect(choices).toEqual({
      impactOnPeople: [...IMPACT_ON_PEOPLE],
      autonomy: [...AUTONOMY],
      affectedUsers: [...AFFECTED_USERS],
      regulatedDomain: [...REGULATED_DOMAINS],
      personalData: [...PERSONAL_DATA],
      toolAccess: [...TOOL_ACCESS],
    });
  });
});

describe("intakeSubmissionSchema", () => {
  const rationale = "Only used for a pilot with ten internal reviewers.";
  const high = answers({ regulatedDomain: "employment" });

  it("accepts answers without an override", () => {
    expect(intakeSubmissionSchema.parse({ answers: high })).toEqual({ answers: high, overrideTier: undefined, overrideRationale: undefined });
    expect(intakeSubmissionSchema.parse({ answers: high, overrideTier: null, overrideRationale: "" }).overrideTier).toBeUndefined();
  });

  it("accepts an override that differs from the proposal, with a rationale of 20 characters or more", () => {
    expect(intakeSubmissionSchema.parse({ answers: high, overrideTier: "critical", overrideRationale: `  ${rationale}  ` })).toMatchObject({
      overrideTier: "critical",
      overrideRationale: rationale,
    });
  });

  it("rejects an override without a rationale, or with a short one", () => {
    for (const overrideRationale of [undefined, "", "Too short, really.  "]) {
      const result = intakeSubmissionSchema.safeParse({ answers: high, overrideTier: "medium", overrideRationale });
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]).toMatchObject({ path: ["overrideRationale"], message: expect.stringContaining("at least 20 characters") });
    }
  });

  it("rejects an override equal to the proposal as pointless", () => {
    const result = intakeSubmissionSchema.safeParse({ answers: high, overrideTier: "high", overrideRationale: rationale });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([expect.objectContaining({ path: ["overrideTier"], message: expect.stringContaining("already high") })]);
  });

  it("rejects a rationale without an override, and an unknown tier", () => {
    expect(intakeSubmissionSchema.safeParse({ answers: high, overrideRationale: rationale }).error!.issues[0]!.path).toEqual(["overrideRationale"]);
    expect(intakeSubmissionSchema.safeParse({ answers: high, overrideTier: "extreme", overrideRationale: rationale }).error!.issues[0]!.path).toEqual(["overrideTier"]);
  });

  it("reports invalid answers without evaluating the override", () => {
    const result = intakeSubmissionSchema.safeParse({ answers: { ...high, impactOnPeople: "huge" }, overrideTier: "low", overrideRationale: rationale });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(["answers.impactOnPeople"]);
  });
});
