import { z } from "zod";
import type { RiskTier } from "../review/types";
import { RISK_TIERS, riskTierSchema } from "./tier-policy";

/*
 * The intake questionnaire of a new AI system, and the risk tier its answers
 * propose. Pure: the same answers always propose the same tier, so the web
 * form previews exactly what the server will store.
 */

export const IMPACT_ON_PEOPLE = ["none", "minor", "significant", "legal_or_similarly_significant"] as const;
export const AUTONOMY = ["advises_human", "acts_with_human_review", "acts_autonomously"] as const;
export const AFFECTED_USERS = ["internal_staff", "business_customers", "consumers", "general_public_or_vulnerable"] as const;
export const REGULATED_DOMAINS = [
  "none",
  "credit_lending",
  "employment",
  "housing",
  "insurance",
  "healthcare",
  "education",
  "law_enforcement_justice",
  "critical_infrastructure",
  "other_regulated",
] as const;
export const PERSONAL_DATA = ["none", "personal", "sensitive_special_category"] as const;
export const TOOL_ACCESS = ["none", "read_only", "write_or_transact"] as const;

export type ImpactOnPeople = (typeof IMPACT_ON_PEOPLE)[number];
export type Autonomy = (typeof AUTONOMY)[number];
export type AffectedUsers = (typeof AFFECTED_USERS)[number];
export type RegulatedDomain = (typeof REGULATED_DOMAINS)[number];
export type PersonalData = (typeof PERSONAL_DATA)[number];
export type ToolAccess = (typeof TOOL_ACCESS)[number];

/** How many people a system must reach before its scale alone calls for a medium tier. */
export const WIDE_REACH_USERS = 100_000;

export const IMPACT_ON_PEOPLE_LABELS: Record<ImpactOnPeople, string> = {
  none: "None: it does not affect decisions about people",
  minor: "Minor: convenience or low-stakes suggestions",
  significant: "Significant: affects people's opportunities, prices or access, but not their legal position",
  legal_or_similarly_significant: "Legal or similarly significant: e.g. credit, employment, housing, liberty, benefits",
};
export const AUTONOMY_LABELS: Record<Autonomy, string> = {
  advises_human: "Advises a human, who decides",
  acts_with_human_review: "Acts, with a human reviewing before or soon after",
  acts_autonomously: "Acts autonomously, without a human in the loop",
};
export const AFFECTED_USERS_LABELS: Record<AffectedUsers, string> = {
  internal_staff: "Internal staff only",
  business_customers: "Business customers",
  consumers: "Consumers",
  general_public_or_vulnerable: "The general public, or vulnerable people (e.g. children, patients)",
};
export const REGULATED_DOMAIN_LABELS: Record<RegulatedDomain, string> = {
  none: "None",
  credit_lending: "Credit and lending",
  employment: "Employment and worker management",
  housing: "Housing",
  insurance: "Insurance",
  healthcare: "Healthcare",
  education: "Education",
  law_enforcement_justice: "Law enforcement or justice",
  critical_infrastructure: "Critical infrastructure",
  other_regulated: "Another regulated domain",
};
export const PERSONAL_DATA_LABELS: Record<PersonalData, string> = {
  none: "None",
  personal: "Personal data",
  sensitive_special_category: "Sensitive or special-category data (e.g. health, ethnicity, biometrics, religion)",
};
export const TOOL_ACCESS_LABELS: Record<ToolAccess, string> = {
  none: "None",
  read_only: "Read-only: it can look things up",
  write_or_transact: "Write or transact: it can change records, send messages or move money",
};
export const YES_NO_LABELS = { true: "Yes", false: "No" } as const;

const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { error: message });
const yesNo = (message: string) => z.boolean({ error: message });

export const intakeAnswersSchema = z.object({
  impactOnPeople: choice(IMPACT_ON_PEOPLE, "Choose the impact of the system's decisions on people."),
  autonomy: choice(AUTONOMY, "Choose whether the system advises or acts."),
  affectedUsers: choice(AFFECTED_USERS, "Choose who is affected by the system."),
  regulatedDomain: choice(REGULATED_DOMAINS, "Choose the regulated domain, or none."),
  personalData: choice(PERSONAL_DATA, "Choose which personal data the system uses."),
  generativeOutput: yesNo("Answer whether the system generates text, images or other content: yes or no."),
  toolAccess: choice(TOOL_ACCESS, "Choose the tool or write access the system has."),
  vendorModel: yesNo("Answer whether the system uses a third-party or foundation model: yes or no."),
  /** Roughly how many people it reaches; optional. */
  userCount: z
    .number({ error: "Enter the number of affected users as a whole number, or leave it blank." })
    .int("Enter the number of affected users as a whole number.")
    .min(0, "The number of affected users cannot be negative.")
    .max(100_000_000_000, "That number of affected users is implausibly large.")
    .nullable()
    .transform((n) => n ?? undefined)
    .optional(),
});
export type IntakeAnswers = z.output<typeof intakeAnswersSchema>;

export type IntakeQuestionKey = keyof IntakeAnswers;

/** The questionnaire as the UI shows it: each question, a hint, and its options in order. */
export type IntakeQuestion =
  | { key: Exclude<IntakeQuestionKey, "generativeOutput" | "vendorModel" | "userCount">; kind: "choice"; question: string; hint: string; options: Array<{ value: string; label: string }> }
  | { key: "generativeOutput" | "vendorModel"; kind: "boolean"; question: string; hint: string; options: Array<{ value: boolean; label: string }> }
  | { key: "userCount"; kind: "number"; question: string; hint: string };

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));
const yesNoOptions = [{ value: true, label: YES_NO_LABELS.true }, { value: false, label: YES_NO_LABELS.false }];

export const INTAKE_QUESTIONS: IntakeQuestion[] = [
  { key: "impactOnPeople", kind: "choice", question: "Impact on people", hint: "The most serious effect the system's outputs can have on a person.", options: options(IMPACT_ON_PEOPLE, IMPACT_ON_PEOPLE_LABELS) },
  { key: "autonomy", kind: "choice", question: "Autonomy", hint: "Does the system act on its own output, or advise a person who decides?", options: options(AUTONOMY, AUTONOMY_LABELS) },
  { key: "affectedUsers", kind: "choice", question: "Affected users", hint: "The widest group whose outcomes the system touches.", options: options(AFFECTED_USERS, AFFECTED_USERS_LABELS) },
  { key: "regulatedDomain", kind: "choice", question: "Regulated domain", hint: "The domain the decisions fall in, if it is regulated.", options: options(REGULATED_DOMAINS, REGULATED_DOMAIN_LABELS) },
  { key: "personalData", kind: "choice", question: "Personal data", hint: "The most sensitive personal data the system uses, in training or at run time.", options: options(PERSONAL_DATA, PERSONAL_DATA_LABELS) },
  { key: "generativeOutput", kind: "boolean", question: "Generative output", hint: "Does the system generate text, images, code or other content?", options: yesNoOptions },
  { key: "toolAccess", kind: "choice", question: "Tool or write access", hint: "What the system can do in other systems on its own.", options: options(TOOL_ACCESS, TOOL_ACCESS_LABELS) },
  { key: "vendorModel", kind: "boolean", question: "Vendor model", hint: "Is it built on a third-party or foundation model you do not train yourselves?", options: yesNoOptions },
  { key: "userCount", kind: "number", question: "Number of affected users", hint: `Roughly how many people it reaches; ${WIDE_REACH_USERS.toLocaleString("en-GB")} or more raises the tier to at least medium.` },
];

export const INTAKE_QUESTION_LABELS: Record<IntakeQuestionKey, string> = Object.fromEntries(
  INTAKE_QUESTIONS.map((q) => [q.key, q.question]),
) as Record<IntakeQuestionKey, string>;

/** Short labels for an answer, e.g. in reasons and summaries. */
export function intakeAnswerLabel(key: IntakeQuestionKey, answers: IntakeAnswers): string {
  switch (key) {
    case "impactOnPeople":
      return IMPACT_ON_PEOPLE_LABELS[answers.impactOnPeople].split(":")[0]!;
    case "autonomy":
      return AUTONOMY_LABELS[answers.autonomy];
    case "affectedUsers":
      return AFFECTED_USERS_LABELS[answers.affectedUsers];
    case "regulatedDomain":
      return REGULATED_DOMAIN_LABELS[answers.regulatedDomain];
    case "personalData":
      return PERSONAL_DATA_LABELS[answers.personalData].split(" (")[0]!;
    case "generativeOutput":
      return answers.generativeOutput ? "Yes" : "No";
    case "toolAccess":
      return TOOL_ACCESS_LABELS[answers.toolAccess].split(":")[0]!;
    case "vendorModel":
      return answers.vendorModel ? "Yes" : "No";
    case "userCount":
      return answers.userCount === undefined ? "Not given" : answers.userCount.toLocaleString("en-GB");
  }
}

export const TIER_RANK: Record<RiskTier, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function maxTier(...tiers: RiskTier[]): RiskTier {
  return tiers.reduce<RiskTier>((a, b) => (TIER_RANK[b] > TIER_RANK[a] ? b : a), "low");
}

export type TierReason = {
  /** The question, or the questions of a combination joined with " + ". */
  question: string;
  /** The answer, or the answers of a combination joined with " + ". */
  answer: string;
  /** What the answer means for risk, in plain words. */
  effect: string;
  /** The minimum tier this answer sets. */
  tier: RiskTier;
};

export type TierProposal = { tier: RiskTier; reasons: TierReason[] };

const HIGH_RISK_DOMAINS: ReadonlySet<RegulatedDomain> = new Set([
  "credit_lending",
  "employment",
  "housing",
  "insurance",
  "healthcare",
  "education",
  "law_enforcement_justice",
  "critical_infrastructure",
]);

type Rule = {
  keys: IntakeQuestionKey[];
  applies: (a: IntakeAnswers) => boolean;
  tier: RiskTier;
  effect: (a: IntakeAnswers) => string;
};

/**
 * The scoring rules, in the order their reasons are listed. Each rule that
 * applies sets a minimum tier; answers not covered by a rule (no impact,
 * advisory, internal staff, no personal data, no tools…) set none, i.e. low.
 */
const RULES: Rule[] = [
  // Impact on people
  { keys: ["impactOnPeople"], applies: (a) => a.impactOnPeople === "significant", tier: "medium",
    effect: () => "Outputs affect people's opportunities, prices or access, so errors and bias cost them something real." },
  { keys: ["impactOnPeople"], applies: (a) => a.impactOnPeople === "legal_or_similarly_significant", tier: "high",
    effect: () => "Outputs have legal or similarly significant effects on people (credit, employment, liberty…); errors and bias can seriously harm them." },
  // Autonomy
  { keys: ["autonomy"], applies: (a) => a.autonomy === "acts_autonomously", tier: "medium",
    effect: () => "It acts without a human in the loop, so nobody catches a wrong output before it takes effect." },
  // Who is affected
  { keys: ["affectedUsers"], applies: (a) => a.affectedUsers === "general_public_or_vulnerable", tier: "medium",
    effect: () => "It reaches the general public or vulnerable people, who cannot be trained to spot its mistakes." },
  // Regulated domain
  { keys: ["regulatedDomain"], applies: (a) => HIGH_RISK_DOMAINS.has(a.regulatedDomain), tier: "high",
    effect: (a) => `${REGULATED_DOMAIN_LABELS[a.regulatedDomain]} is a high-risk domain under AI and anti-discrimination regulation; fairness and documentation duties apply.` },
  { keys: ["regulatedDomain"], applies: (a) => a.regulatedDomain === "other_regulated", tier: "medium",
    effect: () => "It works in a regulated domain, so sector rules apply to its decisions." },
  // Personal data
  { keys: ["personalData"], applies: (a) => a.personalData === "personal", tier: "medium",
    effect: () => "It uses personal data, so data-protection duties and privacy risks apply." },
  { keys: ["personalData"], applies: (a) => a.personalData === "sensitive_special_category", tier: "high",
    effect: () => "It uses sensitive or special-category data, whose misuse or leakage harms people most and which the law protects specially." },
  // Tool access
  { keys: ["toolAccess"], applies: (a) => a.toolAccess === "write_or_transact", tier: "medium",
    effect: () => "It can change records, send messages or move money, so a wrong output has effects beyond the screen." },
  // Vendor model
  { keys: ["vendorModel"], applies: (a) => a.vendorModel, tier: "medium",
    effect: () => "It relies on a third-party or foundation model whose training data and changes you do not control; it must be evaluated as used here." },
  // Scale
  { keys: ["userCount"], applies: (a) => (a.userCount ?? 0) >= WIDE_REACH_USERS, tier: "medium",
    effect: (a) => `It reaches about ${(a.userCount ?? 0).toLocaleString("en-GB")} people, so any systematic error repeats at scale.` },
  // Combinations
  { keys: ["generativeOutput", "affectedUsers"], applies: (a) => a.generativeOutput && (a.affectedUsers === "consumers" || a.affectedUsers === "general_public_or_vulnerable"), tier: "medium",
    effect: () => "Generated content reaches consumers or the public directly, so harmful, false or leaked content is seen by them." },
  { keys: ["generativeOutput", "toolAccess"], applies: (a) => a.generativeOutput && a.toolAccess === "write_or_transact", tier: "high",
    effect: () => "Generated output drives actions that write or transact, so a hallucination or a prompt injection acts directly." },
  { keys: ["impactOnPeople", "autonomy"], applies: (a) => a.impactOnPeople === "legal_or_similarly_significant" && a.autonomy === "acts_autonomously", tier: "critical",
    effect: () => "A solely automated decision with legal or similarly significant effects on people: the strictest oversight applies." },
  { keys: ["toolAccess", "autonomy"], applies: (a) => a.toolAccess === "write_or_transact" && a.autonomy === "acts_autonomously", tier: "critical",
    effect: () => "It writes or transacts on its own, with nobody reviewing its actions before they take effect." },
];

/**
 * Proposes a risk tier from intake answers. The rule is transparent and
 * deliberately simple: every answer (or combination of answers) sets a
 * minimum tier, and the proposal is the highest minimum. The reasons list
 * every rule that raised the tier above low, in the order above, each with
 * its question, answer, effect in plain words and the tier it sets.
 *
 * Minimums:
 * - Impact on people: significant → medium; legal or similarly significant
 *   (credit, employment, liberty…) → high.
 * - Autonomy: acts autonomously → medium.
 * - Affected users: general public or vulnerable people → medium.
 * - Regulated domain: credit/lending, employment, housing, insurance,
 *   healthcare, education, law enforcement/justice, critical infrastructure →
 *   high; another regulated domain → medium.
 * - Personal data: personal → medium; sensitive/special category → high.
 * - Tool access: write or transact → medium.
 * - Vendor (third-party/foundation) model → medium.
 * - Number of affected users ≥ 100,000 → medium.
 * - Generative output to consumers or the general public → medium.
 * - Generative output with write/transact tool access → high.
 * - Legal or similarly significant impact and acts autonomously → critical.
 * - Write/transact tool access and acts autonomously → critical.
 *
 * Anything else (no or minor impact, advisory or reviewed action, internal
 * staff or business customers, no regulated domain, no personal data, no or
 * read-only tools, in-house model) sets no minimum: such a system is low, with
 * no reasons.
 */
export function proposeTier(answers: IntakeAnswers): TierProposal {
  const reasons: TierReason[] = RULES.filter((rule) => rule.applies(answers)).map((rule) => ({
    question: rule.keys.map((k) => INTAKE_QUESTION_LABELS[k]).join(" + "),
    answer: rule.keys.map((k) => intakeAnswerLabel(k, answers)).join(" + "),
    effect: rule.effect(answers),
    tier: rule.tier,
  }));
  return { tier: maxTier(...reasons.map((r) => r.tier)), reasons };
}

/** Reasons that set the proposal itself (those at its tier), as opposed to lower minimums. */
export function decisiveReasons(proposal: TierProposal): TierReason[] {
  return proposal.reasons.filter((r) => r.tier === proposal.tier);
}

export const OVERRIDE_RATIONALE_MIN = 20;

/**
 * What a scientist submits: the answers and, optionally, an override of the
 * proposed tier. An override needs a rationale of at least 20 characters and
 * must differ from the proposal (an override that changes nothing is noise).
 */
export const intakeSubmissionSchema = z
  .object({
    answers: intakeAnswersSchema,
    overrideTier: riskTierSchema.nullish().transform((t) => t ?? undefined),
    overrideRationale: z
      .string({ error: "The rationale must be text." })
      .trim()
      .max(4000, "Keep the rationale under 4,000 characters.")
      .nullish()
      .transform((s) => (s ? s : undefined)),
  })
  .superRefine((input, ctx) => {
    if (input.overrideTier === undefined) {
      if (input.overrideRationale !== undefined) {
        ctx.addIssue({ code: "custom", path: ["overrideRationale"], message: "A rationale is only recorded with an override: choose an override tier, or clear the rationale." });
      }
      return;
    }
    const proposed = proposeTier(input.answers).tier;
    if (input.overrideTier === proposed) {
      ctx.addIssue({ code: "custom", path: ["overrideTier"], message: `The proposal is already ${proposed}: an override must choose a different tier.` });
    }
    if ((input.overrideRationale ?? "").length < OVERRIDE_RATIONALE_MIN) {
      ctx.addIssue({
        code: "custom",
        path: ["overrideRationale"],
        message: `Explain the override in at least ${OVERRIDE_RATIONALE_MIN} characters; the rationale is recorded in the audit trail.`,
      });
    }
  });
export type IntakeSubmission = z.output<typeof intakeSubmissionSchema>;

export const isRiskTier = (value: unknown): value is RiskTier => typeof value === "string" && (RISK_TIERS as readonly string[]).includes(value);
