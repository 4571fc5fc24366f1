import { DEFAULT_TIER_POLICIES, type IntakeAnswers } from "@assay/core";
import { prisma } from "@assay/db";
import { beforeAll, describe, expect, it } from "vitest";
import { getIntake, submitIntake, updateTierPolicies } from "../src/governance";
import { getSystem, updateSystem } from "../src/registry";
import { createTestOrg, createTestSystem, expectStatus } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

let org: TestOrg;
let other: TestOrg;
let counter = 0;

beforeAll(async () => {
  org = await createTestOrg("intake");
  other = await createTestOrg("intake-other");
});

/** A credit model advising underwriters on consumers' applications with personal data: proposes high. */
const CREDIT: IntakeAnswers = {
  impactOnPeople: "legal_or_similarly_significant",
  autonomy: "advises_human",
  affectedUsers: "consumers",
  regulatedDomain: "credit_lending",
  personalData: "personal",
  generativeOutput: false,
  toolAccess: "none",
  vendorModel: false,
};

const RATIONALE = "Decisions are capped at small amounts and every one is reviewed by an underwriter.";

async function newSystem(riskTier: "low" | "medium" | "high" | "critical" = "medium") {
  counter += 1;
  return createTestSystem(org.scientist, { name: `Intake system ${counter}`, riskTier });
}

function intakeEvents(systemId: string) {
  return prisma.auditEvent.findMany({ where: { orgId: org.org.id, entityId: systemId, action: "system.intake_submitted" }, orderBy: { seq: "asc" } });
}

describe("system intake", () => {
  it("starts empty: the system's own tier and its policy", async () => {
    const system = await newSystem("low");
    const view = await getIntake(org.auditor, system.id);
    expect(view).toEqual({
      system: { id: system.id, name: system.name },
      intake: null,
      effectiveTier: "low",
      tierDiverged: false,
      policy: DEFAULT_TIER_POLICIES.low,
    });
  });

  it("stores the proposal with its reasons, sets the system's tier and audits the submission", async () => {
    const system = await newSystem("medium");
    const view = await submitIntake(org.scientist, system.id, { answers: CREDIT });

    expect(view.intake).toMatchObject({
      answers: CREDIT,
      proposal: { tier: "high" },
      overrideTier: null,
      overrideRationale: null,
      effectiveTier: "high",
      submittedBy: { id: org.scientist.userId, name: `scientist ${org.org.slug}` },
    });
    expect(view.intake!.proposal.reasons.map((r) => [r.question, r.tier])).toEqual([
      ["Impact on people", "high"],
      ["Regulated domain", "high"],
      ["Personal data", "medium"],
    ]);
    expect(view).toMatchObject({ effectiveTier: "high", tierDiverged: false, policy: DEFAULT_TIER_POLICIES.high });

    const stored = await prisma.systemIntake.findUniqueOrThrow({ where: { systemId: system.id } });
    expect(stored).toMatchObject({ orgId: org.org.id, proposedTier: "high", overrideTier: null, submittedById: org.scientist.userId });
    expect(stored.answers).toEqual(CREDIT);
    expect((await getSystem(org.approver, system.id)).riskTier).toBe("high");

    const [event, ...rest] = await intakeEvents(system.id);
    expect(rest).toHaveLength(0);
    expect(event).toMatchObject({ entityType: "AiSystem", actorId: org.scientist.userId });
    expect(event!.before).toEqual({ riskTier: "medium", intake: null });
    expect(event!.after).toMatchObject({
      riskTier: "high",
      intake: { answers: CREDIT, proposedTier: "high", overrideTier: null, overrideRationale: null },
    });
    expect((event!.after as { intake: { reasons: unknown[] } }).intake.reasons).toHaveLength(3);

    // Every member reads the same record.
    expect((await getIntake(org.auditor, system.id)).intake).toEqual(view.intake);
  });

  it("applies an override with its rationale and records both, before and after", async () => {
    const system = await newSystem("medium");
    await submitIntake(org.scientist, system.id, { answers: CREDIT });
    const view = await submitIntake(org.scientist, system.id, { answers: CREDIT, overrideTier: "critical", overrideRationale: `  ${RATIONALE}  ` });
    expect(view.intake).toMatchObject({ proposal: { tier: "high" }, overrideTier: "critical", overrideRationale: RATIONALE, effectiveTier: "critical" });
    expect(view.effectiveTier).toBe("critical");
    expect(view.policy).toEqual(DEFAULT_TIER_POLICIES.critical);
    expect((await getSystem(org.scientist, system.id)).riskTier).toBe("critical");

    const events = await intakeEvents(system.id);
    expect(events).toHaveLength(2);
    expect(events[1]!.before).toMatchObject({ riskTier: "high", intake: { proposedTier: "high", overrideTier: null, overrideRationale: null } });
    expect(events[1]!.after).toMatchObject({ riskTier: "critical", intake: { proposedTier: "high", overrideTier: "critical", overrideRationale: RATIONALE } });

    // The same submission again changes nothing and records nothing.
    await submitIntake(org.scientist, system.id, { answers: { ...CREDIT }, overrideTier: "critical", overrideRationale: RATIONALE });
    expect(await intakeEvents(system.id)).toHaveLength(2);

    // Removing the override returns the system to the proposal.
    const back = await submitIntake(org.scientist, system.id, { answers: CREDIT });
    expect(back.intake).toMatchObject({ overrideTier: null, overrideRationale: null, effectiveTier: "high" });
    expect((await getSystem(org.scientist, system.id)).riskTier).toBe("high");
  });

  it("rejects bad input with a 400 and changes nothing", async () => {
    const system = await newSystem("medium");
    await submitIntake(org.scientist, system.id, { answers: CREDIT });
    const storedBefore = await prisma.systemIntake.findUniqueOrThrow({ where: { systemId: system.id } });
    const eventsBefore = await prisma.auditEvent.count({ where: { orgId: org.org.id } });

    const noRationale = await expectStatus(submitIntake(org.scientist, system.id, { answers: CREDIT, overrideTier: "low" }), 400);
    expect(noRationale.message).toMatch(/^overrideRationale: .*at least 20 characters/);
    expect(noRationale.details).toEqual([{ path: "overrideRationale", message: expect.any(String) }]);
    await expectStatus(submitIntake(org.scientist, system.id, { answers: CREDIT, overrideTier: "low", overrideRationale: "Because I said so." }), 400);
    const pointless = await expectStatus(submitIntake(org.scientist, system.id, { answers: CREDIT, overrideTier: "high", overrideRationale: RATIONALE }), 400);
    expect(pointless.message).toContain("already high");
    const badAnswer = await expectStatus(submitIntake(org.scientist, system.id, { answers: { ...CREDIT, autonomy: "sometimes" } }), 400);
    expect(badAnswer.details).toEqual([{ path: "answers.autonomy", message: "Choose whether the system advises or acts." }]);
    await expectStatus(submitIntake(org.scientist, system.id, { answers: { ...CREDIT, regulatedDomain: undefined } }), 400);
    await expectStatus(submitIntake(org.scientist, system.id, null), 400);

    expect(await prisma.systemIntake.findUniqueOrThrow({ where: { systemId: system.id } })).toEqual(storedBefore);
    expect((await getSystem(org.scientist, system.id)).riskTier).toBe("high");
    expect(await prisma.auditEvent.count({ where: { orgId: org.org.id } })).toBe(eventsBefore);
  });

  it("lets only scientists submit, and hides other organisations' systems", async () => {
    const system = await newSystem("medium");
    for (const role of ["auditor", "admin", "product_owner", "approver"] as const) {
      await expectStatus(submitIntake(org[role], system.id, { answers: CREDIT }), 403);
    }
    expect(await prisma.systemIntake.count({ where: { systemId: system.id } })).toBe(0);
    expect((await getSystem(org.scientist, system.id)).riskTier).toBe("medium");

    await expectStatus(getIntake(other.auditor, system.id), 404);
    await expectStatus(submitIntake(other.scientist, system.id, { answers: CREDIT }), 404);
    await expectStatus(getIntake(org.auditor, "no-such-system"), 404);
    expect(await prisma.systemIntake.count({ where: { systemId: system.id } })).toBe(0);
    expect(await intakeEvents(system.id)).toHaveLength(0);
  });

  it("reports the organisation's own policy for the effective tier, and flags a tier edited since the intake", async () => {
    const system = await newSystem("medium");
    await submitIntake(org.scientist, system.id, { answers: CREDIT });
    const custom = { ...DEFAULT_TIER_POLICIES.high, reviewSlaBusinessDays: 2, requiredEvaluations: ["fairness", "safety", "drift_monitor"] as const };
    await updateTierPolicies(org.admin, { policies: [{ ...custom, requiredEvaluations: [...custom.requiredEvaluations] }] });
    expect((await getIntake(org.scientist, system.id)).policy).toMatchObject({ tier: "high", reviewSlaBusinessDays: 2, requiredEvaluations: ["fairness", "safety", "drift_monitor"] });
    // The other organisation still has the default.
    const theirs = await createTestSystem(other.scientist, { name: "Their credit model" });
    expect((await submitIntake(other.scientist, theirs.id, { answers: CREDIT })).policy).toEqual(DEFAULT_TIER_POLICIES.high);

    await updateSystem(org.scientist, system.id, { riskTier: "low" });
    const diverged = await getIntake(org.scientist, system.id);
    expect(diverged).toMatchObject({ effectiveTier: "low", tierDiverged: true, intake: { effectiveTier: "high" } });
    // Resubmitting the same answers reconciles the tier, and is recorded.
    const reconciled = await submitIntake(org.scientist, system.id, { answers: CREDIT });
    expect(reconciled).toMatchObject({ effectiveTier: "high", tierDiverged: false });
    const events = await intakeEvents(system.id);
    expect(events.at(-1)!.before).toMatchObject({ riskTier: "low" });
  });
});
