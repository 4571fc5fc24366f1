import {
  canonicalJson,
  intakeAnswersSchema,
  intakeSubmissionSchema,
  proposeTier,
  type IntakeAnswers,
  type RiskTier,
  type TierPolicy,
  type TierReason,
} from "@assay/core";
import { prisma, type Prisma, type SystemIntake } from "@assay/db";
import { z } from "zod";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { invalid, notFound } from "../errors";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import { tierPolicyFor } from "./tier-policies";

export type IntakeRecord = {
  answers: IntakeAnswers;
  /** The tier the answers proposed, and every answer that raised it. */
  proposal: { tier: RiskTier; reasons: TierReason[] };
  overrideTier: RiskTier | null;
  overrideRationale: string | null;
  /** override ?? proposal: what the intake set the system's tier to. */
  effectiveTier: RiskTier;
  submittedBy: UserRef;
  /** When the intake was first submitted, and when it was last changed. */
  createdAt: Date;
  updatedAt: Date;
};

export type IntakeView = {
  system: { id: string; name: string };
  /** Null until a scientist submits the questionnaire. */
  intake: IntakeRecord | null;
  /** The system's tier now (AiSystem.riskTier), which the rest of the platform reads. */
  effectiveTier: RiskTier;
  /**
   * True when the system's tier no longer matches the intake's, e.g. after the
   * tier was edited on the system record; resubmit the intake to reconcile.
   */
  tierDiverged: boolean;
  /** What the effective tier requires, per the organisation's tier policy. */
  policy: TierPolicy;
};

const storedReasonsSchema = z.array(
  z.object({ question: z.string(), answer: z.string(), effect: z.string(), tier: z.enum(["low", "medium", "high", "critical"]) }),
);

function toIntakeRecord(row: SystemIntake, refs: Map<string, UserRef>): IntakeRecord {
  // Stored answers were valid when submitted; if the questionnaire has since
  // changed, the stored proposal and reasons remain the record of what was decided.
  const answers = intakeAnswersSchema.safeParse(row.answers);
  const reasons = storedReasonsSchema.safeParse(row.reasons);
  return {
    answers: answers.success ? answers.data : (row.answers as IntakeAnswers),
    proposal: { tier: row.proposedTier, reasons: reasons.success ? reasons.data : [] },
    overrideTier: row.overrideTier,
    overrideRationale: row.overrideRationale,
    effectiveTier: row.overrideTier ?? row.proposedTier,
    submittedBy: refFor(refs, row.submittedById),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function findSystem(ctx: ServiceContext, systemId: string) {
  const system = await prisma.aiSystem.findFirst({ where: { id: systemId, orgId: ctx.orgId }, select: { id: true, name: true, riskTier: true } });
  if (!system) throw notFound("System");
  return system;
}

/** The system's intake (or null), its effective tier and what that tier requires. Readable by every member. */
export async function getIntake(ctx: ServiceContext, systemId: string): Promise<IntakeView> {
  assertCan(ctx, "org.read");
  const system = await findSystem(ctx, systemId);
  const row = await prisma.systemIntake.findFirst({ where: { systemId: system.id, orgId: ctx.orgId } });
  const refs = await userRefs(row ? [row.submittedById] : []);
  const intake = row ? toIntakeRecord(row, refs) : null;
  return {
    system: { id: system.id, name: system.name },
    intake,
    effectiveTier: system.riskTier,
    tierDiverged: intake !== null && intake.effectiveTier !== system.riskTier,
    policy: await tierPolicyFor(prisma, ctx.orgId, system.riskTier),
  };
}

/** Zod issues as the API reports them, so a service caller and an HTTP caller see the same 400. */
function invalidSubmission(error: z.ZodError) {
  const issues = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = issues[0];
  return invalid(first ? (first.path ? `${first.path}: ${first.message}` : first.message) : "Invalid intake.", issues);
}

/**
 * Records a system's intake questionnaire. The answers propose a tier
 * (`proposeTier`); a scientist may override it with a rationale. The system's
 * tier becomes the override, or else the proposal, in the same transaction as
 * the intake and its audit event. Submitting exactly what is stored changes
 * nothing and records nothing.
 */
export async function submitIntake(ctx: ServiceContext, systemId: string, raw: unknown): Promise<IntakeView> {
  assertCan(ctx, "system.write");
  const system = await findSystem(ctx, systemId);
  const parsed = intakeSubmissionSchema.safeParse(raw);
  if (!parsed.success) throw invalidSubmission(parsed.error);
  const { answers, overrideTier, overrideRationale } = parsed.data;
  const proposal = proposeTier(answers);
  const effectiveTier = overrideTier ?? proposal.tier;

  await mutate(ctx, async (tx, record) => {
    // One submission at a time per system, so "before" is what this one replaced.
    await tx.$executeRaw`SELECT 1 FROM "AiSystem" WHERE id = ${system.id} FOR UPDATE`;
    const current = await tx.aiSystem.findUniqueOrThrow({ where: { id: system.id }, select: { riskTier: true } });
    const previous = await tx.systemIntake.findUnique({ where: { systemId: system.id } });

    const unchanged =
      previous !== null &&
      canonicalJson(previous.answers) === canonicalJson(answers) &&
      previous.overrideTier === (overrideTier ?? null) &&
      previous.overrideRationale === (overrideRationale ?? null) &&
      current.riskTier === effectiveTier;
    if (unchanged) return;

    const data = {
      answers: answers as Prisma.InputJsonValue,
      proposedTier: proposal.tier,
      reasons: proposal.reasons as Prisma.InputJsonValue,
      overrideTier: overrideTier ?? null,
      overrideRationale: overrideRationale ?? null,
      submittedById: ctx.userId,
    };
    await tx.systemIntake.upsert({
      where: { systemId: system.id },
      create: { ...data, orgId: ctx.orgId, systemId: system.id },
      update: data,
    });
    if (current.riskTier !== effectiveTier) {
      await tx.aiSystem.update({ where: { id: system.id }, data: { riskTier: effectiveTier } });
    }
    await record({
      action: "system.intake_submitted",
      entityType: "AiSystem",
      entityId: system.id,
      before: {
        riskTier: current.riskTier,
        intake: previous
          ? { answers: previous.answers, proposedTier: previous.proposedTier, overrideTier: previous.overrideTier, overrideRationale: previous.overrideRationale }
          : null,
      },
      after: {
        riskTier: effectiveTier,
        intake: { answers, proposedTier: proposal.tier, reasons: proposal.reasons, overrideTier: overrideTier ?? null, overrideRationale: overrideRationale ?? null },
      },
    });
  });
  return getIntake(ctx, system.id);
}
