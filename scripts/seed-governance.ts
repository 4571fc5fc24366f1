// The governance part of the demo, seeded by seed-demo.ts once the COMPAS
// system, its risk and its review and the safety demo system exist: intake
// questionnaires for both systems (the COMPAS one overridden to critical), a
// mitigation of the COMPAS risk with a fairness acceptance check, a link from
// the risk to the review, a hold placed and cleared, two exceptions granted by
// the approver (one expiring within 14 days, so the register shows
// "expiring"), the scientist's recommendation and a fresh sign-off on the
// evidence as it now stands, then one governance sweep so the inboxes have
// notices. Tier policies need no seeding: an organisation without its own
// uses the defaults (/settings/tiers says so).
//
// Everything goes through the services as the real users, so the audit trail
// reads like real use. Safe to run again: each step looks for what an earlier
// run created and only adds what is missing.
import type { IntakeAnswers, PlanCheck } from "@assay/core";
import { prisma } from "@assay/db";
import {
  addRiskLink,
  assessReview,
  clearHold,
  createException,
  createMitigation,
  placeHold,
  recordRecommendation,
  runGovernanceSweep,
  signOff,
  submitIntake,
  updateRisk,
  type ServiceContext,
} from "@assay/services";

const COMPAS_SYSTEM = "Recidivism risk scorer";
const SUPPORT_SYSTEM = "Customer support assistant";
const DAY_MS = 86_400_000;

export type GovernanceActors = { scientist: ServiceContext; productOwner: ServiceContext; approver: ServiceContext };

const COMPAS_INTAKE = {
  answers: {
    impactOnPeople: "legal_or_similarly_significant",
    autonomy: "advises_human",
    affectedUsers: "general_public_or_vulnerable",
    regulatedDomain: "law_enforcement_justice",
    personalData: "sensitive_special_category",
    generativeOutput: false,
    toolAccess: "none",
    vendorModel: true,
    userCount: 18_000,
  } satisfies IntakeAnswers,
  // The answers propose high (a human decides); the scientist raises it.
  overrideTier: "critical",
  overrideRationale:
    "The scores feed criminal-justice decisions about people's liberty, and officers follow them most of the time in practice, " +
    "so “advises a human” understates the risk. We hold it to the strictest oversight.",
} as const;

const SUPPORT_INTAKE = {
  answers: {
    impactOnPeople: "minor",
    autonomy: "acts_autonomously",
    affectedUsers: "consumers",
    regulatedDomain: "none",
    personalData: "personal",
    generativeOutput: true,
    toolAccess: "read_only",
    vendorModel: true,
    userCount: 250_000,
  } satisfies IntakeAnswers,
  // The answers propose medium; the system was registered high and stays so.
  overrideTier: "high",
  overrideRationale:
    "It answers a quarter of a million customers unsupervised with their order and account data in context; a jailbreak or a leak " +
    "exposes customers directly, so we keep the high tier it was registered with.",
} as const;

/** The acceptance criterion of the threshold change: the plan's own false-positive-rate balance check. */
const FPR_RACE: PlanCheck = {
  id: "fpr-race",
  kind: "fairness",
  metric: "fpr",
  attribute: "race",
  band: { type: "ratio", min: 0.8, max: 1.25 },
  referenceGroup: "Caucasian",
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function ensureIntake(scientist: ServiceContext, systemName: string, intake: typeof COMPAS_INTAKE | typeof SUPPORT_INTAKE, step: (m: string) => void) {
  const system = await prisma.aiSystem.findFirst({ where: { orgId: scientist.orgId, name: systemName }, select: { id: true } });
  if (!system) return;
  if (await prisma.systemIntake.findUnique({ where: { systemId: system.id } })) return;
  const view = await submitIntake(scientist, system.id, intake);
  step(`intake of “${systemName}”: proposed ${view.intake!.proposal.tier}, set to ${view.effectiveTier} with a rationale`);
}

export async function seedGovernance({ scientist, productOwner, approver }: GovernanceActors, step: (message: string) => void): Promise<void> {
  const orgId = scientist.orgId;
  await ensureIntake(scientist, COMPAS_SYSTEM, COMPAS_INTAKE, step);
  await ensureIntake(scientist, SUPPORT_SYSTEM, SUPPORT_INTAKE, step);

  const system = await prisma.aiSystem.findFirst({ where: { orgId, name: COMPAS_SYSTEM }, select: { id: true } });
  const review = system
    ? await prisma.releaseReview.findFirst({ where: { orgId, modelVersion: { systemId: system.id } }, orderBy: { createdAt: "asc" } })
    : null;
  const risk = system ? await prisma.riskEntry.findFirst({ where: { orgId, systemId: system.id, checkId: "fpr-race" }, orderBy: { createdAt: "asc" } }) : null;
  if (!system || !review || !risk) return;
  const now = Date.now();

  if ((await prisma.mitigation.count({ where: { riskId: risk.id } })) === 0) {
    await createMitigation(scientist, risk.id, {
      type: "threshold_change",
      description:
        "Raise the decile cut-off for “medium or high risk” from 5 to 7 and re-calibrate per county, so defendants who do not re-offend are " +
        "flagged at similar rates whatever their race. Verified by the plan's false-positive-rate balance on the next version.",
      ownerId: scientist.userId,
      dueDate: isoDay(now + 45 * DAY_MS),
      acceptanceChecks: [FPR_RACE],
    });
    if (risk.status === "open") await updateRisk(scientist, risk.id, { status: "mitigating" });
    step("mitigation of the false-positive-rate risk: a threshold change, accepted when FPR balance across race is within [0.8, 1.25]");
  }

  if (!(await prisma.riskLink.findFirst({ where: { riskId: risk.id, kind: "review", targetId: review.id } }))) {
    await addRiskLink(scientist, risk.id, { kind: "review", targetId: review.id });
    step("the risk linked to the release review that weighs it");
  }

  const open = review.status === "open";
  if (open && (await prisma.reviewHold.count({ where: { reviewId: review.id } })) === 0) {
    const hold = await placeHold(productOwner, review.id, {
      concern: "privacy",
      reason: "The pilot's evaluation export lists defendants' full names next to their scores; it was shared outside the evaluation team.",
    });
    await clearHold(approver, review.id, hold.id, {
      rationale: "The export was replaced by a pseudonymised one and the shared copy deleted; the data protection officer confirmed both.",
    });
    step("a privacy hold placed by the product owner and cleared by the approver, with the rationale");
  }

  if (open && (await prisma.riskException.count({ where: { orgId, systemId: system.id } })) === 0) {
    const gates = new Map((await assessReview(prisma, review.id)).checklist.items.map((i) => [i.key, i.status]));
    const grants = [
      {
        gateKey: "check:selection-rate-race",
        days: 30,
        rationale:
          "Selection-rate parity is not the criterion for a pilot in which officers review every score: base rates differ, and the error-rate " +
          "balance that matters is tracked by the false-positive-rate risk and its mitigation.",
        compensatingControls: "Every score is reviewed by a release officer; monthly audit of detention outcomes by race.",
        residualRisk: "Black defendants remain more often flagged medium or high risk during the pilot.",
      },
      {
        gateKey: "monitor",
        days: 10,
        rationale: "The pilot scores a fixed historical cohort offline; there is no production traffic to monitor yet.",
        compensatingControls: "No live use: scores are produced in batch and reviewed before any officer sees them.",
        residualRisk: "Drift between the 2013–2014 cohort and today's defendants is not measured until the monitor exists.",
      },
    ];
    for (const grant of grants) {
      const status = gates.get(grant.gateKey);
      if (status !== "fail" && status !== "missing") continue;
      await createException(approver, {
        reviewId: review.id,
        gateKey: grant.gateKey,
        scope: "version",
        rationale: grant.rationale,
        compensatingControls: grant.compensatingControls,
        residualRisk: grant.residualRisk,
        expiresAt: new Date(now + grant.days * DAY_MS).toISOString(),
        reReviewAt: new Date(now + (grant.days - 3) * DAY_MS).toISOString(),
        requestedById: scientist.userId,
      });
      step(`exception on “${grant.gateKey}” granted by the approver for ${grant.days} days`);
    }
  }

  if (open && (await prisma.reviewRecommendation.count({ where: { reviewId: review.id } })) === 0) {
    await recordRecommendation(scientist, review.id, {
      outcome: "no_go",
      rationale:
        "The evaluation reproduces ProPublica's finding: the false-positive rate for African-American defendants is about twice that for " +
        "Caucasian defendants, far outside the plan's four-fifths band. The threshold change must be verified on the next version first.",
      unknowns: "Outcomes after 2016 and outside Broward County are not in the data.",
    });
    step("the scientist's recommendation: no-go until the mitigation is verified");
  }

  // The intake, the exceptions and the hold changed the evidence since the scientist signed; sign the current evidence again.
  if (open) {
    const { signOffs } = await assessReview(prisma, review.id);
    const latest = signOffs.filter((s) => s.role === "scientist" && !s.superseded).at(-1);
    if (latest?.stale) {
      await signOff(scientist, review.id, { role: "scientist", comment: "Signed again after the tier moved to critical and the exceptions were granted." });
      step("the scientist's sign-off renewed on the current evidence");
    }
  }

  // What the worker does every minute, once, so the inboxes are not empty on first sign-in.
  const sweep = await runGovernanceSweep(new Date());
  const notices = Object.values(sweep.notifications).reduce((a, b) => a + b, 0);
  if (sweep.failures.length > 0) throw new Error(`The governance sweep failed: ${sweep.failures.map((f) => f.error).join("; ")}`);
  if (notices > 0) step(`governance sweep: ${notices} notifications`);
}
